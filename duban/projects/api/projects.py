"""The key-project ledger endpoints (重点项目台账接口): list, read, add, edit."""

# No ``from __future__ import annotations``: ninja's ``paginate`` wrapper resolves the list
# operations' parameter annotations in its own module.
import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from duban.core import clock
from duban.core.inputs import BoundedPagination, CleanText, Id, omittable
from duban.core.responses import LIST_ERRORS, READ_ERRORS, VERSIONED_ERRORS, WRITE_ERRORS
from duban.org.models import Person, Unit, User
from duban.projects import policy, selectors
from duban.projects.api.common import Money, caller, ref
from duban.projects.models import (
    ProjectKind,
    ProjectStatus,
)
from duban.projects.schedule import Flag
from duban.projects.services.project import project_create, project_update

router = Router(tags=["projects: ledger"])


class ProjectOut(Schema):
    id: int
    code: str
    name: str
    year: int
    kind: str
    status: str
    area_id: int | None
    lead_unit_id: int
    leader_id: int | None
    responsible_id: int | None
    parent_id: int | None
    total_investment: Decimal
    annual_investment: Decimal
    planned_start: dt.date | None
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None
    version: int
    colour: str = Field(description="The light: green, yellow, red (…) under the supervision lights' preset.")
    flags: list[str] = Field(description=f"Flags raised today: {', '.join(f.value for f in Flag)}.")
    ytd_investment: Decimal | None = Field(
        description="Year to date of the plan year's latest report (万元)."
    )
    expected_percent: Decimal | None = Field(description="Share of the annual plan expected (序时, %).")
    done_percent: Decimal | None


def _project_out(row: selectors.LedgerRow) -> dict[str, Any]:
    p = row.project
    gap = row.light.gap
    fields = {name: getattr(p, name) for name in ProjectOut.model_fields if hasattr(p, name)}
    return {
        **fields,
        "colour": row.light.colour.value,
        "flags": [f.value for f in row.light.flags],
        "ytd_investment": row.ytd,
        "expected_percent": gap.expected.quantize(Decimal("0.1")) if gap else None,
        "done_percent": row.done_percent,
    }


class LedgerQueryIn(Schema):
    q: CleanText = Field("", max_length=100)
    kind: ProjectKind | None = None
    status: ProjectStatus | None = None
    area: Id | None = None
    unit: Id | None = None
    leader: Id | None = None
    flag: Flag | None = None
    year: int | None = Field(None, ge=2000, le=2100)


@router.get("/projects", response={200: list[ProjectOut], **LIST_ERRORS}, summary="List key projects")
@paginate(BoundedPagination)
def project_list(request: HttpRequest, filters: Query[LedgerQueryIn]) -> list[dict[str, Any]]:
    """The ledger in the caller's scope with today's flags; filters as the ledger page's."""
    query = selectors.LedgerQuery(
        q=filters.q,
        kind=filters.kind or "",
        status=filters.status or "",
        area=filters.area,
        unit=filters.unit,
        leader=filters.leader,
        flag=filters.flag or "",
        year=filters.year,
    )
    return [
        _project_out(r)
        for r in selectors.project_ledger(user=caller(request), query=query, today=clock.today())
    ]


class ProjectMilestoneOut(Schema):
    id: int
    due: dt.date
    title: str
    done_on: dt.date | None


class ProjectDetailOut(ProjectOut):
    milestones: list[ProjectMilestoneOut]
    item_ids: list[int]
    planned: list[Decimal] = Field(description="Cumulative planned investment at each month's end (万元).")
    actual: list[Decimal | None] = Field(description="Year to date reported for each month so far (万元).")


@router.get(
    "/projects/{project_id}", response={200: ProjectDetailOut, **READ_ERRORS}, summary="Read a project"
)
def project_get(request: HttpRequest, project_id: Id) -> dict[str, Any]:
    detail = selectors.project_detail(user=caller(request), project_id=project_id, today=clock.today())
    return {
        **_project_out(detail.row),
        "milestones": detail.milestones,
        "item_ids": [link.item_id for link in detail.item_links],
        "planned": detail.planned,
        "actual": detail.actual,
    }


class ProjectIn(Schema):
    code: CleanText = Field("", max_length=40)
    name: CleanText = Field(max_length=200)
    year: int = Field(ge=2000, le=2100)
    kind: ProjectKind
    status: ProjectStatus = ProjectStatus.PREPARATORY
    area_id: Id | None = None
    content: CleanText = ""
    lead_unit_id: Id
    cooperating_unit_ids: list[Id] = []
    leader_id: Id | None = None
    responsible_id: Id | None = None
    parent_id: Id | None = None
    total_investment: Money = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    annual_investment: Money = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    planned_start: dt.date | None = None
    planned_finish: dt.date | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    monthly_profile: list[Decimal] = Field([], description="Twelve cumulative percentages, or none (linear).")


class ProjectPatch(Schema):
    version: int = Field(description="The version read; a stale one answers 409.")
    name: CleanText = omittable()
    code: CleanText = omittable()
    kind: ProjectKind = omittable()
    status: ProjectStatus = omittable()
    content: CleanText = omittable()
    total_investment: Money = omittable()
    annual_investment: Money = omittable()
    planned_start: dt.date | None = omittable()
    planned_finish: dt.date | None = omittable()
    actual_start: dt.date | None = omittable()
    actual_finish: dt.date | None = omittable()
    leader_id: Id | None = omittable()


def _refs(data: dict[str, Any], user: User) -> dict[str, Any]:
    """Ids of the payload as objects (units, people, the parent project within scope)."""
    out = dict(data)
    for key, model in (
        ("area_id", Unit),
        ("lead_unit_id", Unit),
        ("leader_id", Person),
        ("responsible_id", Person),
    ):
        if key in out:
            out[key.removesuffix("_id")] = ref(model, out.pop(key), key)
    if "parent_id" in out:
        parent_id = out.pop("parent_id")
        out["parent"] = policy.access_project(user, parent_id) if parent_id is not None else None
    if "monthly_profile" in out:
        out["monthly_profile"] = [str(v) for v in out["monthly_profile"]]
    return out


def project_out_by_id(user: User, project_id: int) -> dict[str, Any]:
    rows = selectors.rows_of(
        selectors.with_facts(policy.projects_visible(user).filter(pk=project_id)),
        today=clock.today(),
        rule=selectors.flag_policy(),
    )
    return _project_out(rows[0])


@router.post("/projects", response={201: ProjectOut, **WRITE_ERRORS}, summary="Add a key project")
def project_post(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, Any]]:
    """The project office adds a project to the ledger (403 for others)."""
    user = caller(request)
    policy.check_edit_projects(user)
    data = payload.model_dump()
    units = [ref(Unit, pk, "cooperating_unit_ids") for pk in data.pop("cooperating_unit_ids")]
    project = project_create(actor=user, cooperating_units=units, **_refs(data, user))
    return Status(201, project_out_by_id(user, project.pk))


@router.patch(
    "/projects/{project_id}", response={200: ProjectOut, **VERSIONED_ERRORS}, summary="Edit a project"
)
def project_patch(request: HttpRequest, project_id: Id, payload: ProjectPatch) -> dict[str, Any]:
    """The project office edits the fields sent; ``version`` guards against a lost update (409)."""
    user = caller(request)
    project = policy.access_project(user, project_id)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version")
    project_update(actor=user, project=project, expected_version=version, **_refs(data, user))
    return project_out_by_id(user, project_id)
