from django.urls import path

from duban.indicators import views_import
from duban.indicators.views import detail, overview, values, warnings

app_name = "indicators"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("<int:indicator_id>/", detail.indicator_page, name="indicator"),
    path("<int:indicator_id>/values/new/", values.value_new, name="value_new"),
    path("values/<int:value_id>/correct/", values.value_correct, name="value_correct"),
    path("<int:indicator_id>/warnings/item/", warnings.warning_item, name="warning_item"),
    # the write side's workbook pages (views_import.py)
    path("import/", views_import.workbook_import, name="import"),
    path("export/", views_import.workbook_export_view, name="export"),
    path("export/peers/<int:peer_set_id>/", views_import.city_export_view, name="export_city"),
]
