from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "duban.bench"
    label = "bench"
    verbose_name = "Benchmarks"
