"""What the evaluation pages share: scope → 404, the page header, the home subject, figures typed in."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ParamSpec

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from duban.core.errors import NotFound
from duban.evaluation.compute import Evaluation
from duban.evaluation.models import Scheme
from duban.indicators.models import Subject, SubjectKind

P = ParamSpec("P")

# Figures typed into a what-if are kept within what the values table stores.
LARGEST_FIGURE = Decimal("1e15")


def not_found_as_404(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """The policy's NotFound as a 404 page: a scheme out of scope looks like a missing one."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return wrapped


@dataclass(frozen=True)
class RunHeader:
    """The scheme a page is about, as its header shows it (one year of a scheme: 年度评价)."""

    pk: int
    title: str
    scheme_total: Decimal
    note: str
    year: int


def run_header(scheme: Scheme) -> RunHeader:
    title = _("%(year)s %(name)s") % {"year": scheme.year, "name": scheme.name}
    return RunHeader(
        pk=scheme.pk, title=title, scheme_total=scheme.total, note=scheme.description, year=scheme.year
    )


@dataclass(frozen=True)
class SubjectRef:
    pk: int
    name: str


def subject_ref(evaluation: Evaluation[int], subject_id: int) -> SubjectRef:
    if subject_id not in evaluation.results:
        raise Http404
    return SubjectRef(pk=subject_id, name=evaluation.results[subject_id].name)


def home_subject_id(evaluation: Evaluation[int]) -> int | None:
    """The zone itself (本区) among the subjects, whose place the pages lead with; None if it is not one."""
    keys = list(evaluation.results)
    return Subject.objects.filter(pk__in=keys, kind=SubjectKind.ZONE).values_list("pk", flat=True).first()


def parse_figure(text: str) -> Decimal | None:
    """A figure typed in a form: full-width digits and thousands separators allowed; "" is no figure.

    Raises ValueError for anything else (the caller names the indicator).
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or abs(value) >= LARGEST_FIGURE:
        raise ValueError(text)
    return value
