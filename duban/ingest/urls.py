from django.urls import path

from duban.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("<int:run_id>/", views.review, name="review"),
]
