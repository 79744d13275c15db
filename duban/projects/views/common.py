"""What the project pages share: scope → 404, the filter choices, optional links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse

from duban.core.errors import NotFound
from duban.core.roles import Role
from duban.org.scope import Viewer, has_role
from duban.projects import policy
from duban.projects.models import Project

PAGE_SIZE = 50
T = TypeVar("T")


def project_or_404(request: HttpRequest, project_id: int) -> Project:
    """The project if in the viewer's scope; 404 alike for missing and out of scope."""
    return or_404(lambda: policy.access_project(request.user, project_id))


def or_404(read: Callable[[], T]) -> T:
    try:
        return read()
    except NotFound as exc:
        raise Http404 from exc


def require_read(user: Viewer) -> None:
    """A user who reads no projects at all (a statistician) meets the pages as missing."""
    if not policy.may_read_projects(user):
        raise Http404


def may_report_some(user: Viewer) -> bool:
    """The project office, or a liaison (who reports on its unit's projects): the report sheet's users."""
    return policy.may_edit_projects(user) or has_role(user, Role.LIAISON)


def optional_url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
