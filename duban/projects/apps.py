from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "duban.projects"
    label = "projects"
    verbose_name = "重点项目"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe).
        from duban.projects import audit_labels

        audit_labels.register()
