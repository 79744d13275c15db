"""The HTTP API: one NinjaAPI, routers per domain, DomainError as JSON.

Every error answers ``{"code", "message", "fields"}``; out-of-scope objects are
404 exactly like missing ones.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from duban.api.auth import API_AUTH
from duban.core.errors import DomainError, ErrorCode, NotFound, PermissionDenied

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
    fields = {
        ".".join(str(p) for p in err.get("loc", [])[1:]) or "body": str(err.get("msg")) for err in exc.errors
    }
    message = "; ".join(f"{k}: {v}" for k, v in fields.items())
    body = {"code": str(ErrorCode.INVALID), "message": message, "fields": fields}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own errors (e.g. a body that is not JSON) in the same shape as ours."""
    code = str(ErrorCode.INVALID) if exc.status_code == 400 else f"http_{exc.status_code}"
    return api.create_response(request, {"code": code, "message": exc.message, "fields": {}},
                               status=exc.status_code)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = "Send a valid API token: Authorization: Bearer <token>."
    body = {"code": "unauthenticated", "message": message, "fields": {}}
    return api.create_response(request, body, status=401)


def _register_routers() -> None:
    from duban.audit.api import router as audit_router
    from duban.org.api import router as org_router
    from duban.supervision.api import router as supervision_router

    api.add_router("/org", org_router)
    api.add_router("/audit", audit_router)
    api.add_router("/supervision", supervision_router)


_register_routers()
