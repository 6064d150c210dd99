"""The edition a data directory describes: document symbol, section, years.

Each data directory holds one ``edition.csv`` (one row). Everything in the package that
depends on the year follows from its budget year Y: the four measure columns of the
deliverables tables are ``plan_{Y-2}``, ``actual_{Y-2}``, ``plan_{Y-1}`` and ``plan_{Y}``
(printed as "Y-2 planned, Y-2 actual, Y-1 planned, Y planned"), the performance year whose results and targets the document reports is Y-2,
and the performance-measure tables span Y-4 to Y. Nothing else names a year, a symbol or
a section, so next year's document builds with no code change.
"""
from __future__ import annotations

from dataclasses import dataclass

# The four measures by role, in the order the deliverables tables print them.
ROLES = ("prior_plan", "prior_actual", "current_plan", "budget_plan")


@dataclass(frozen=True)
class Edition:
    """One edition of the document, as ``edition.csv`` states it."""

    symbol: str  # e.g. the document symbol as printed on its cover
    section: str  # the section number, which prefixes table and paragraph numbers
    programme: str  # the programme number
    budget_year: int  # Y: the year the proposed programme plan is for
    language: str  # language of the source text (ISO 639-1), e.g. "zh"
    source_file: str  # the source text, relative to the data directory

    @property
    def performance_year(self) -> int:
        """Y-2: the year whose plan, actual and targets the document reports."""
        return self.budget_year - 2

    @property
    def current_year(self) -> int:
        """Y-1: the year in progress when the document was written."""
        return self.budget_year - 1

    @property
    def years(self) -> list[int]:
        """The years a performance-measure table may show: Y-4 to Y."""
        return list(range(self.budget_year - 4, self.budget_year + 1))

    @property
    def measures(self) -> list[str]:
        """The four measure columns, in printed order."""
        y = self.budget_year
        return [f"plan_{y - 2}", f"actual_{y - 2}", f"plan_{y - 1}", f"plan_{y}"]

    def measure(self, role: str) -> str:
        """The column of a measure by role: prior_plan (plan_{Y-2}), prior_actual
        (actual_{Y-2}), current_plan (plan_{Y-1}) or budget_plan (plan_{Y})."""
        return self.measures[ROLES.index(role)]

    @property
    def measure_labels(self) -> dict[str, str]:
        """Each measure column's heading: 'Y-2 planned', 'Y-2 actual', ... with the years."""
        y = self.budget_year
        return dict(zip(self.measures, [f"{y - 2} planned", f"{y - 2} actual",
                                        f"{y - 1} planned", f"{y} planned"]))

    @property
    def measure_labels_zh(self) -> list[str]:
        """The measure columns as the Chinese tables print them (spacing and 年 removed)."""
        y = self.budget_year
        return [f"{y - 2}计划", f"{y - 2}实际", f"{y - 1}计划", f"{y}计划"]

    def cite(self, where: str) -> str:
        """A chart's or table's source line: the symbol, then where in it."""
        return f"{self.symbol}, {where}"


def edition_of(tables: dict) -> Edition:
    """The :class:`Edition` of a dict of tables returned by :func:`budgetbook.load_all`."""
    row = tables["edition"].iloc[0]
    return Edition(symbol=row["symbol"], section=row["section"], programme=row["programme"],
                   budget_year=int(row["budget_year"]), language=row["language"],
                   source_file=row["source_file"])
