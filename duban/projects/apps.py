from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "duban.projects"
    label = "projects"
    verbose_name = "重点项目"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe);
        # the item page names the project an item came from (duban.web.panels).
        from duban.projects import audit_labels, panels

        audit_labels.register()
        panels.register()
