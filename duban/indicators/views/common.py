"""What the indicator pages share: the query string, warnings in words, lights, chart data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.indicators import policy
from duban.indicators.assess import Light
from duban.indicators.selectors import IndicatorDetail, Month, parse_month
from duban.indicators.sentences import format_number
from duban.indicators.warnings import (
    BelowExpected,
    BelowGrowthTarget,
    IndicatorWarning,
    RankDropped,
    RepeatedDecline,
)

LIGHT_WORDS: dict[str, str | Promise] = {
    Light.GREEN: gettext_lazy("on track"),
    Light.YELLOW: gettext_lazy("needs attention"),
    Light.RED: gettext_lazy("behind its targets"),
    Light.NONE: gettext_lazy("no figure"),
}


def require_read(request: HttpRequest) -> None:
    """Indicator pages are for whoever sees some indicator; others get 404 (no hint)."""
    if not policy.may_read_indicators(request.user):
        raise Http404


def query_month(request: HttpRequest) -> Month | None:
    return parse_month(request.GET.get("month"))


def query_peer_set(request: HttpRequest) -> int | None:
    text = request.GET.get("peers", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _figure(value: Decimal) -> str:
    return format_number(value, 2)


def warning_text(warning: IndicatorWarning) -> str:
    """A warning in words, with the figures that raised it."""
    if isinstance(warning, BelowExpected):
        return _("Below the expected value by now: %(actual)s against %(expected)s (short by %(gap)s)") % {
            "actual": _figure(warning.actual),
            "expected": _figure(warning.expected),
            "gap": _figure(warning.shortfall),
        }
    if isinstance(warning, BelowGrowthTarget):
        return _("Growth %(growth)s%% below the target of %(target)s%% (by %(gap)s points)") % {
            "growth": format_number(warning.growth, 1),
            "target": format_number(warning.target, 1),
            "gap": format_number(warning.shortfall, 1),
        }
    if isinstance(warning, RankDropped):
        return _("Rank dropped from %(previous)s to %(current)s") % {
            "previous": warning.previous,
            "current": warning.current,
        }
    return _("Growth fell %(periods)s periods in a row: %(growths)s") % {
        "periods": warning.periods,
        "growths": " → ".join(f"{format_number(g, 1)}%" for g in warning.growths),
    }


def _floats(values: list[Decimal | None]) -> list[float | None]:
    # Chart.js draws numbers; the page's tables keep the exact figures.
    return [float(v) if v is not None else None for v in values]


def chart_data(detail: IndicatorDetail) -> dict[str, Any]:
    """What charts.js draws: the trend against the target trajectory, ranks over time, peers."""
    definition = detail.definition
    return {
        "unit": definition.unit,
        "trend": {
            "labels": [p.label for p in detail.trend],
            "actual": _floats([p.actual for p in detail.trend]),
            "expected": _floats([p.expected for p in detail.trend]),
            "lastYear": _floats([p.last_year for p in detail.trend]),
            "names": {
                "actual": _("Actual (year to date)"),
                "expected": _("Expected by period (target)"),
                "lastYear": _("Same period last year"),
            },
        },
        "ranks": {
            "labels": [s.label for s in detail.ranks],
            "growth": [s.growth_rank for s in detail.ranks],
            "value": [s.value_rank for s in detail.ranks],
            "of": max((s.of for s in detail.ranks), default=0),
            "names": {"growth": _("Rank by growth"), "value": _("Rank by value")},
        },
        "peers": {
            "labels": [p.subject.name for p in detail.peers],
            "growth": _floats([p.growth for p in detail.peers]),
            "zone": [p.is_zone for p in detail.peers],
            "names": {"growth": _("Growth (%)")},
        },
    }


# Warning kinds a page may turn into a supervision item (the service names the kind).
WARNING_KINDS = {w.kind.value for w in (BelowExpected, BelowGrowthTarget, RankDropped, RepeatedDecline)}
