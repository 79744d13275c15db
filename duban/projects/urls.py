from django.urls import path

from duban.projects.views import files, ledger, pipeline, project, reports, sheets

app_name = "projects"
urlpatterns = [
    path("", ledger.ledger, name="ledger"),
    path("<int:project_id>/", project.project_detail, name="detail"),
    path("<int:project_id>/report/", reports.report_new, name="report_new"),
    path("<int:project_id>/reports/<int:report_id>/item/", reports.problem_to_item, name="problem_to_item"),
    path(
        "<int:project_id>/milestones/<int:milestone_id>/done/", reports.milestone_done, name="milestone_done"
    ),
    path("photos/<int:photo_id>/", files.photo_download, name="photo"),
    path("photos/<int:photo_id>/view/", files.photo_preview, name="photo_preview"),
    path("ledger.xlsx", sheets.ledger_export, name="export"),
    path("reports.xlsx", sheets.report_export, name="report_export"),
    path("import/", sheets.ledger_import_view, name="import"),
    path("reports/import/", sheets.report_import_view, name="report_import"),
    path("attraction/", pipeline.funnel, name="pipeline"),
    path("attraction/board/", pipeline.board, name="board"),
]
