from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "duban.accountability"
    label = "accountability"
    verbose_name = "问责"

    def ready(self) -> None:
        # The audit page names this app's events; the item, unit and person pages show its measures.
        from duban.accountability import audit_labels, panels

        audit_labels.register()
        panels.register()
