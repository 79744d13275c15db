from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "duban.ops"
    label = "ops"
    verbose_name = "运维"
