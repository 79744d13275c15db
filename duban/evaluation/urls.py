from django.urls import path

from duban.evaluation.views import gap, results, subject, what_if

app_name = "evaluation"
urlpatterns = [
    path("", results.evaluation_home, name="home"),
    path("<int:scheme_id>/", results.evaluation_results, name="results"),
    path("<int:scheme_id>/subjects/<int:subject_id>/", subject.evaluation_subject, name="subject"),
    path("<int:scheme_id>/subjects/<int:subject_id>/gap/", gap.evaluation_gap, name="gap"),
    path("<int:scheme_id>/subjects/<int:subject_id>/what-if/", what_if.evaluation_what_if, name="what_if"),
    path("scenarios/<int:scenario_id>/", what_if.evaluation_scenario, name="scenario"),
]
