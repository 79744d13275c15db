from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "duban.supervision"
    label = "supervision"
    verbose_name = "督办事项"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe).
        from duban.supervision import audit_labels

        audit_labels.register()
