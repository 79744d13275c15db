from django.urls import path

from duban.supervision import views_config

app_name = "supervision_config"
urlpatterns = [
    path("", views_config.settings_home, name="home"),
    path("robots/new/", views_config.robot_edit, name="robot_new"),
    path("robots/<int:robot_id>/", views_config.robot_edit, name="robot_edit"),
    path("robots/<int:robot_id>/delete/", views_config.robot_delete, name="robot_delete"),
    path("robots/<int:robot_id>/test/", views_config.robot_test, name="robot_test"),
    path("deliveries/failed/", views_config.deliveries_failed_list, name="deliveries_failed"),
    path("deliveries/<int:log_id>/retry/", views_config.delivery_retry_view, name="delivery_retry"),
]
