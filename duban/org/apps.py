from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "duban.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        # The audit page names this app's actions, objects and fields (duban.audit.describe).
        from duban.org import audit_labels

        audit_labels.register()
