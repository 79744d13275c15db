from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "duban.evaluation"
    label = "evaluation"
    verbose_name = "考核评价"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe).
        from duban.evaluation import audit_labels

        audit_labels.register()
