from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "duban.ingest"
    label = "ingest"
    verbose_name = "文件智能分解"
