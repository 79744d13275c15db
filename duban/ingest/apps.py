from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "duban.ingest"
    label = "ingest"
    verbose_name = "文件智能分解"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe).
        from duban.ingest import audit_labels

        audit_labels.register()
