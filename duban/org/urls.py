from django.urls import path

from duban.org import views

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("people/", views.person_list, name="person_list"),
    path("users/", views.user_list, name="user_list"),
    path("import/", views.org_import, name="import"),
]
