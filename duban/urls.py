from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from duban.api.main import api


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("duban.web.urls")),
    path("accounts/", include("duban.accounts.urls")),
    path("org/", include("duban.org.urls")),
    path("audit/", include("duban.audit.urls")),
    path("reports/", include("duban.reports.urls")),
    path("accountability/", include("duban.accountability.urls")),
    path("meetings/", include("duban.meetings.urls")),
    path("supervision/", include("duban.supervision.urls")),
    path("settings/", include("duban.supervision.urls_config")),
    path("ingest/", include("duban.ingest.urls")),
    path("indicators/", include("duban.indicators.urls")),
    path("evaluation/", include("duban.evaluation.urls")),
    path("projects/", include("duban.projects.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("healthz", healthz),
]
