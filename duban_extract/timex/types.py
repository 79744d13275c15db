"""Rule and context types for time expressions (时间规则)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from duban_extract.types import TimeValue


@dataclass
class Context:
    """What a rule may consult: the reference date and the year being spoken about.

    ``year`` starts at ``ref.year`` and follows explicit years (2021年, a full
    date) within a paragraph, so that 上半年 after "2021年" means 2021's half.
    """

    ref: date
    year: int
    warnings: list[str] = field(default_factory=list)
    #: The year the document reports on; relative year words (今年, 去年) count from it.
    subject: int | None = None


Produce = Callable[[re.Match[str], Context], TimeValue | None]


@dataclass(frozen=True)
class Rule:
    """A named time rule: ``pattern`` finds the surface form, ``produce`` resolves it.

    ``sets_year``: a match fixes the year spoken about for the rest of the paragraph.
    ``trigger``: empty means the rule always runs.
    """

    name: str
    pattern: re.Pattern[str]
    produce: Produce
    sets_year: bool = False
    #: Characters one of which every match contains: a text without any is not scanned (speed).
    trigger: frozenset[str] = frozenset()
