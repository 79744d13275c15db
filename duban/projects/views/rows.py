"""What a project's row shows (项目台账行): its colour and flags in words, year-to-date against the plan.

The facts and flags come from :mod:`duban.projects.selectors` (``with_facts``,
``rows_of``); this module only dresses a :class:`~duban.projects.selectors.LedgerRow`
for the templates: the colour's word, a badge per flag, whole percentages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from duban.projects.schedule import FLAG_LABELS, Flag
from duban.projects.selectors import LedgerRow
from duban.supervision.views.common import COLOUR_WORDS

# Each flag's own colour on its badge, whatever the preset makes of the whole project.
FLAG_COLOURS: dict[Flag, str] = {
    Flag.BEHIND: "yellow",
    Flag.FAR_BEHIND: "red",
    Flag.NOT_STARTED: "red",
    Flag.MILESTONE_OVERDUE: "orange",
    Flag.REPORT_MISSING: "yellow",
}


@dataclass(frozen=True)
class FlagBadge:
    code: str
    label: str | Promise
    colour: str


@dataclass(frozen=True)
class ProjectRow:
    """One project as the ledger and its page show it (万元; shares in whole % of the annual plan)."""

    row: LedgerRow

    @property
    def project(self) -> object:
        return self.row.project

    @property
    def ytd(self) -> object:
        return self.row.ytd

    @property
    def colour(self) -> str:
        return self.row.light.colour.value

    @property
    def colour_word(self) -> object:
        return COLOUR_WORDS.get(self.colour, "")

    @property
    def flags(self) -> list[FlagBadge]:
        return [FlagBadge(f.value, FLAG_LABELS[f], FLAG_COLOURS[f]) for f in self.row.light.flags]

    @property
    def done_percent(self) -> int | None:
        done = self.row.done_percent
        return None if done is None else round(done)

    @property
    def expected_percent(self) -> int | None:
        gap = self.row.light.gap
        return None if gap is None else round(gap.expected)


def dressed(rows: list[LedgerRow]) -> list[ProjectRow]:
    return [ProjectRow(r) for r in rows]
