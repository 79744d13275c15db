from django.urls import path

from duban.reports import views

app_name = "reports"
urlpatterns = [
    path("ledger.xlsx", views.ledger_export_view, name="ledger_export"),
    path("ledger/import/", views.ledger_import_view, name="ledger_import"),
    path("items/<int:item_id>/timeline.docx", views.item_timeline_view, name="item_timeline"),
]
