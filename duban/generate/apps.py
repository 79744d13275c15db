from django.apps import AppConfig


class GenerateConfig(AppConfig):
    name = "duban.generate"
    label = "generate"
    verbose_name = "Data generator"

    def ready(self) -> None:
        # The parts beside the ledger add themselves to writer.PARTS when imported.
        from duban.generate import (
            indicators,  # noqa: F401
            projects,  # noqa: F401
        )
