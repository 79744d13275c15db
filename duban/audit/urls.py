from django.urls import path

from duban.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("verify/", views.chain_verify, name="verify"),
    path("export.csv", views.event_export, name="export"),
]
