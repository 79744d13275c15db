from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "duban.indicators"
    label = "indicators"
    verbose_name = "指标监测"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe).
        from duban.indicators import audit_labels, panels

        audit_labels.register()
        # The item page shows the warning an item came from (duban.web.panels).
        panels.register()
