from django.urls import path

from duban.reports import views
from duban.reports.bulletin import views as bulletin_views
from duban.reports.cockpit import views as cockpit_views
from duban.reports.statistics import views as statistics_views

app_name = "reports"
urlpatterns = [
    path("ledger.xlsx", views.ledger_export_view, name="ledger_export"),
    path("ledger/import/", views.ledger_import_view, name="ledger_import"),
    path("items/<int:item_id>/timeline.docx", views.item_timeline_view, name="item_timeline"),
    path("cockpit/", cockpit_views.cockpit, name="cockpit"),
    path("statistics/", statistics_views.statistics_page, name="statistics"),
    path("bulletins/", bulletin_views.bulletin_list, name="bulletin_list"),
    path("bulletins/<int:bulletin_id>.docx", bulletin_views.bulletin_download, name="bulletin_download"),
    path("bulletins/template/", bulletin_views.bulletin_template, name="bulletin_template"),
    path("statistics.xlsx", statistics_views.statistics_export, name="statistics_export"),
]
