"""The HTTP API: one NinjaAPI, routers per domain, DomainError as JSON.

Every error answers ``{"code", "message", "fields"}`` (``core.responses.ErrorOut``):
refusals of the schema and of the services alike are 400 with a message per field
(named as the client sent it), out-of-scope objects are 404 exactly like missing
ones, and a defect is a logged 500 in the same shape, never Django's HTML page.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from duban.api.auth import API_AUTH
from duban.api.errors import validation_body
from duban.core.errors import NOT_FOUND_MESSAGES, DomainError, ErrorCode, NotFound, PermissionDenied

logger = logging.getLogger("django.request")

api = NinjaAPI(
    title="duban API",
    version="1.0.0",
    description="督办 — supervision items, organisation and more. Authenticate with "
    "`Authorization: Bearer <token>` (create tokens on the API tokens page).",
    auth=API_AUTH,
    urls_namespace="api-1.0.0",
)

STATUS = {ErrorCode.NOT_FOUND: 404, ErrorCode.PERMISSION_DENIED: 403, ErrorCode.CONFLICT: 409}


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, PermissionDenied):
        status = 403
    else:
        status = STATUS.get(exc.code, 400)
    return api.create_response(request, exc.as_dict(), status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A value the schema refuses: 400 ``invalid``, as a service's refusal (one status for bad input)."""
    return api.create_response(request, validation_body(exc.errors), status=400)


@api.exception_handler(Http404)
def on_http404(request: HttpRequest, exc: Http404) -> HttpResponse:
    body = {"code": str(ErrorCode.NOT_FOUND), "message": str(NOT_FOUND_MESSAGES["object"]), "fields": {}}
    return api.create_response(request, body, status=404)


@api.exception_handler(Exception)
def on_server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A defect: logged with its traceback as Django logs one, answered in the error shape."""
    logger.error("API error: %s %s", request.method, request.path, exc_info=exc)
    message = _("The server failed to answer this request; the error is logged.")
    body = {"code": str(ErrorCode.SERVER_ERROR), "message": message, "fields": {}}
    return api.create_response(request, body, status=500)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own errors (e.g. a body that is not JSON) in the same shape as ours."""
    if exc.status_code == 400:
        code = str(ErrorCode.INVALID)
        message = _("The request body could not be read (not valid JSON or form data).")
    else:
        code, message = f"http_{exc.status_code}", str(exc.message)
    body = {"code": code, "message": message, "fields": {}}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = _("Send a valid API token: Authorization: Bearer <token>.")
    body = {"code": "unauthenticated", "message": message, "fields": {}}
    return api.create_response(request, body, status=401)


def _register_routers() -> None:
    from duban.audit.api import router as audit_router
    from duban.evaluation.api import router as evaluation_router
    from duban.indicators.api import router as indicators_router
    from duban.org.api import router as org_router
    from duban.projects.api import router as projects_router
    from duban.supervision.api import router as supervision_router

    api.add_router("/org", org_router)
    api.add_router("/audit", audit_router)
    api.add_router("/supervision", supervision_router)
    api.add_router("/indicators", indicators_router)
    api.add_router("/evaluation", evaluation_router)
    api.add_router("/projects", projects_router)


_register_routers()
