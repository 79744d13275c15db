"""Indicator reads (指标查询): typed bundles for the month's overview and an indicator's page.

Each bundle is read with a fixed number of queries, whatever the number of
indicators, peers and periods (the tests count them): the definitions in the
viewer's scope, the zone, the peer sets with their members, the year's targets,
one query for every figure the computation needs, and one for the periods
there are figures for. The computation itself is pure (``assess``,
``sentences``); these modules only gather rows and hand them over.

Scope comes from ``policy``: the overview holds only the indicators the viewer
sees, an indicator's page only one the viewer may open (NotFound otherwise).

- :mod:`.overview`: ``month_overview`` → :class:`Overview`;
- :mod:`.detail`: ``indicator_detail`` → :class:`IndicatorDetail`;
- :mod:`.common`: the month asked for, the peer set, figures by period.
"""

from duban.indicators.selectors.common import Comparison, Month, OverviewRow, parse_month
from duban.indicators.selectors.detail import (
    IndicatorDetail,
    PeerRow,
    RankStep,
    TrendPoint,
    ValueRecord,
    indicator_detail,
)
from duban.indicators.selectors.overview import Overview, month_overview

__all__ = [
    "Comparison",
    "IndicatorDetail",
    "Month",
    "Overview",
    "OverviewRow",
    "PeerRow",
    "RankStep",
    "TrendPoint",
    "ValueRecord",
    "indicator_detail",
    "month_overview",
    "parse_month",
]
