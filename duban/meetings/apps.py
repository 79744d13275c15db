from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "duban.meetings"
    label = "meetings"
    verbose_name = "调度会"

    def ready(self) -> None:
        from duban.meetings import audit_labels, panels

        audit_labels.register()
        panels.register()
