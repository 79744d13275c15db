from django.urls import path

from duban.accountability import views

app_name = "accountability"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("new/", views.measure_new, name="record"),
]
