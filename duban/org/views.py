"""Organisation pages: units, people, users (SPEC A) and the workbook import.

Everyone reads the units and people in their scope; only administrators see
the edit buttons, and anyone else reaching an edit URL gets 403 (404 first when
the object is outside their scope, so the answer never hints it exists).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django.contrib.auth.decorators import login_required
from django.core import exceptions as django_exceptions
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duban.core.errors import NotFound, PermissionDenied
from duban.core.roles import Role
from duban.org import importers, scope, selectors, services
from duban.org.forms import OrgImportForm, PasswordPairForm, PersonForm, UnitForm, UserCreateForm, UserForm
from duban.org.models import UnitKind
from duban.org.scope import signed_in
from duban.web.formview import handle_form
from duban.web.importview import handle_import

PER_PAGE = 50
P = ParamSpec("P")
TEMPLATE_NAME = "组织机构导入模板.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def scoped_view(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Login required; scope's NotFound → 404, PermissionDenied → 403."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise django_exceptions.PermissionDenied(exc.message) from exc

    return login_required(wrapper)


def _page(request: HttpRequest, rows: QuerySet[Any] | list[Any]) -> Page[Any]:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _querystring(request: HttpRequest) -> str:
    """The current filters, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- units ---------------------------------------------------------------------------


@scoped_view
def unit_list(request: HttpRequest) -> HttpResponse:
    active = request.GET.get("active", "")
    filters = selectors.UnitFilters(
        kind=request.GET.get("kind", "") if request.GET.get("kind") in UnitKind.values else "",
        active={"1": True, "0": False}.get(active),
        q=request.GET.get("q", "").strip()[:100],
    )
    page = _page(request, selectors.unit_tree(user=request.user, filters=filters))
    return render(request, "org/unit_list.html", {
        "page": page, "filters": filters, "kinds": UnitKind.choices, "active": active,
        "may_manage": scope.may_manage_org(request.user), "querystring": _querystring(request),
    })


@scoped_view
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    detail = selectors.unit_detail(user=request.user, unit_id=unit_id)
    return render(request, "org/unit_detail.html", {
        "detail": detail, "unit": detail.unit, "may_manage": scope.may_manage_org(request.user),
    })


@scoped_view
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest) -> HttpResponse:
    scope.check_manage_org(request.user)
    return handle_form(
        request, form=UnitForm(request.POST or None),
        perform=lambda data: services.unit_create(actor=signed_in(request.user), **data),
        done=lambda unit: _("Unit “%(name)s” created.") % {"name": unit.name},
        then=lambda unit: reverse("org:unit_detail", args=[unit.pk]),
        template="org/unit_form.html", context={"unit": None},
    )


@scoped_view
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = scope.access_unit(request.user, unit_id)
    scope.check_manage_org(request.user)
    return handle_form(
        request, form=UnitForm(request.POST or None, unit=unit, initial=UnitForm.initial_for(unit)),
        perform=lambda data: services.unit_update(actor=signed_in(request.user), unit=unit, **data),
        done=lambda saved: _("Unit “%(name)s” saved.") % {"name": saved.name},
        then=lambda saved: reverse("org:unit_detail", args=[saved.pk]),
        template="org/unit_form.html", context={"unit": unit},
    )


# --- people --------------------------------------------------------------------------


@scoped_view
def person_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.PersonFilters(
        unit_id=_int_or_none(request.GET.get("unit")), q=request.GET.get("q", "").strip()[:50],
    )
    page = _page(request, selectors.person_list(user=request.user, filters=filters))
    return render(request, "org/person_list.html", {
        "page": page, "filters": filters, "units": scope.units_visible(request.user).order_by("sort_order"),
        "may_manage": scope.may_manage_org(request.user), "querystring": _querystring(request),
    })


@scoped_view
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = scope.access_person(request.user, person_id)
    oversees = scope.units_visible(request.user).filter(leader_links__leader=person)
    return render(request, "org/person_detail.html", {
        "person": person, "oversees": oversees, "may_manage": scope.may_manage_org(request.user),
    })


@scoped_view
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    scope.check_manage_org(request.user)
    form = PersonForm(request.POST or None, initial={"unit": _int_or_none(request.GET.get("unit"))})
    return handle_form(
        request, form=form,
        perform=lambda data: services.person_create(actor=signed_in(request.user), **data),
        done=lambda person: _("“%(name)s” added.") % {"name": person.name},
        then=lambda person: reverse("org:person_detail", args=[person.pk]),
        template="org/person_form.html", context={"person": None},
    )


@scoped_view
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = scope.access_person(request.user, person_id)
    scope.check_manage_org(request.user)
    return handle_form(
        request, form=PersonForm(request.POST or None, initial=PersonForm.initial_for(person)),
        perform=lambda data: services.person_update(actor=signed_in(request.user), person=person, **data),
        done=lambda saved: _("“%(name)s” saved.") % {"name": saved.name},
        then=lambda saved: reverse("org:person_detail", args=[saved.pk]),
        template="org/person_form.html", context={"person": person},
    )


# --- users (administrator only) --------------------------------------------------------


@scoped_view
def user_list(request: HttpRequest) -> HttpResponse:
    role = request.GET.get("role", "")
    filters = selectors.UserFilters(q=request.GET.get("q", "").strip()[:100], role=role)
    page = _page(request, selectors.user_list(actor=signed_in(request.user), filters=filters))
    return render(request, "org/user_list.html", {
        "page": page, "filters": filters, "roles": Role.choices, "querystring": _querystring(request),
    })


def _user_fields(form: UserForm) -> dict[str, Any]:
    data = form.cleaned_data
    person = data["person"]
    unit = data["unit"] or (person.unit if person is not None else None)
    return {"person": person, "unit": unit, "email": data["email"]}


@scoped_view
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    scope.check_manage_org(request.user)
    form = UserCreateForm(request.POST or None, initial={"is_active": True})
    return handle_form(
        request, form=form,
        perform=lambda data: services.user_create(
            actor=signed_in(request.user), username=data["username"], roles=form.role_values(),
            password=data["password1"], **_user_fields(form),
        ),
        done=lambda user: _("User “%(name)s” created.") % {"name": user.username},
        then=lambda _user: reverse("org:user_list"),
        template="org/user_form.html", context={"target": None},
    )


@scoped_view
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    target = selectors.access_user(actor=signed_in(request.user), user_id=user_id)
    form = UserForm(request.POST or None, initial=UserForm.initial_for(target))
    return handle_form(
        request, form=form,
        perform=lambda data: services.user_update(
            actor=signed_in(request.user), user=target, roles=form.role_values(), username=data["username"],
            is_active=data["is_active"], **_user_fields(form),
        ),
        done=lambda user: _("User “%(name)s” saved.") % {"name": user.username},
        then=lambda _user: reverse("org:user_list"),
        template="org/user_form.html", context={"target": target},
    )


@scoped_view
@require_http_methods(["GET", "POST"])
def user_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """An administrator sets a new password for a user (who then changes it)."""
    target = selectors.access_user(actor=signed_in(request.user), user_id=user_id)
    return handle_form(
        request, form=PasswordPairForm(request.POST or None),
        perform=lambda data: services.user_password_change(
            actor=signed_in(request.user), user=target,
            old_password=None, new_password=data["password1"],
        ),
        done=lambda _none: _("The password of “%(name)s” has been reset.") % {"name": target.username},
        then=lambda _none: reverse("org:user_list"),
        template="org/user_password.html", context={"target": target},
    )


# --- import ----------------------------------------------------------------------------


@scoped_view
@require_http_methods(["GET", "POST"])
def org_import(request: HttpRequest) -> HttpResponse:
    """Upload the workbook, see what it would create and change, confirm (administrators)."""
    scope.check_manage_org(request.user)
    return handle_import(
        request,
        form=OrgImportForm(request.POST or None, request.FILES or None),
        purpose=lambda _data: "org",
        preview=lambda data, name, _fields: importers.org_import_preview(
            actor=signed_in(request.user), source=data, filename=name
        ),
        perform=lambda data, name, _fields: importers.org_import(
            actor=signed_in(request.user), source=data, filename=name
        ),
        done=str,
        then=lambda _summary: reverse("org:unit_list"),
        template="org/import.html",
        context={},
    )


@scoped_view
def org_import_template(request: HttpRequest) -> HttpResponse:
    scope.check_manage_org(request.user)
    response = HttpResponse(importers.template_workbook(), content_type=XLSX)
    disposition = content_disposition_header(as_attachment=True, filename=TEMPLATE_NAME)
    response["Content-Disposition"] = disposition or "attachment"
    return response
