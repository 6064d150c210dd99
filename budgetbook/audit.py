"""The source audit: irregularities that computation can find in the source.

Each check returns a list of findings, each a dict with a ``check_key`` (a
stable string that ``data/source_issues.csv`` cites in its column of that
name), a category and a short description. A test proves that every computed
finding is listed in source_issues.csv and that every listed one is still found.
"""
from __future__ import annotations

import re

import pandas as pd

from . import indicators, source
from .edition import edition_of


def _finding(key, category, subprogramme, description):
    return {"check_key": key, "category": category, "subprogramme": subprogramme,
            "description": description}


def total_mismatch_key(table, subcategory_zh, measure) -> str:
    """The check key of a printed total that differs from its items in one measure."""
    return f"total_mismatch|{table}|{subcategory_zh}|{measure}"


def total_mismatches(tables):
    """Printed subcategory totals that differ from the sum of their items."""
    m = indicators.total_mismatches(tables["deliverables"], tables["deliverable_totals"],
                                    edition_of(tables).measures)
    return [_finding(total_mismatch_key(r.table, r.subcategory_zh, r.measure), "total_mismatch",
                     r.subprogramme, f"Table {r.table}, {r.subcategory_en}, {r.measure}: printed "
                     f"{r.printed}, items sum to {r.recomputed}") for r in m.itertuples()]


def status_against_numbers(tables):
    """Target statements whose stated status the numbers contradict."""
    t = indicators.target_attainment(tables["targets"])
    bad = t[t["status_agrees"] == False]  # noqa: E712  (NA means nothing to compare)
    return [_finding(f"status_against_numbers|{r.paragraph}|{r.indicator_zh}",
                     "status_against_numbers", r.subprogramme,
                     f"Paragraph {r.paragraph} says '{r.status_stated}' but actual "
                     f"{r.actual:g} against target {r.target:g} means '{r.status_computed}'")
            for r in bad.itertuples()]


def status_without_numbers(tables):
    """Target statements that state a status with no number."""
    t = tables["targets"]
    bad = t[t["actual"].isna()]
    return [_finding(f"value_missing|{r.paragraph}", "value_missing", r.subprogramme,
                     f"Paragraph {r.paragraph} states the status '{r.status_stated}' with no number")
            for r in bad.itertuples()]


def status_without_target(tables):
    """Planned results called 'met' or 'exceeded' with a number but no numeric target: the
    status cannot be checked (the results register's verdict is 'unverifiable')."""
    t = tables["targets"]
    bad = t[(t["result"] > 0) & t["status_stated"].isin(["met", "exceeded"])
            & t["actual"].notna() & t["target"].isna()]
    return [_finding(f"status_without_target|{r.paragraph}|{r.indicator_zh}",
                     "status_without_target", r.subprogramme,
                     f"Paragraph {r.paragraph} says '{r.status_stated}' for {r.actual:g} "
                     f"{r.unit} but prints no numeric target") for r in bad.itertuples()]


def identical_titles(tables):
    """Figures, or results of one subprogramme, that carry the same title."""
    found = []
    f = tables["figures"]
    for title, group in f.groupby("title_zh", sort=False):
        if len(group) > 1:
            ids = sorted(group["figure"], key=lambda x: list(f["figure"]).index(x))
            found.append(_finding("identical_titles|figures|" + "|".join(ids), "identical_titles",
                                  group["subprogramme"].iloc[0],
                                  f"Figures {', '.join(ids)} carry the same title"))
    r = tables["results"]
    for (sp, title), group in r.groupby(["subprogramme", "title_zh"], sort=False):
        if len(group) > 1:
            nums = "|".join(str(n) for n in sorted(group["result"]))
            found.append(_finding(f"identical_titles|results|{sp}|{nums}", "identical_titles", sp,
                                  f"Results {nums.replace('|', ' and ')} of {sp} carry the same title"))
    return found


def figures_without_values(tables):
    """Figures for which no paragraph states any value."""
    stated = set(tables["targets"]["figure"].dropna())
    return [_finding(f"figure_values_not_stated|{r.figure}", "figure_values_not_stated",
                     r.subprogramme, f"The text states no value at all for Figure {r.figure}")
            for r in tables["figures"].itertuples() if r.figure not in stated]


def misprinted_headers(tables, lines=None):
    """Deliverables tables whose printed column header differs from the edition's years."""
    found = []
    expected = edition_of(tables).measure_labels_zh
    for table, group in tables["deliverables"].groupby("table", sort=False):
        for line in source.table_lines(table, lines):
            # "Y 计划" without 年 is only typography; a wrong year or status is a misprint
            cells = [re.sub(r"\s+|年", "", c) for c in line.split("\t")]
            if cells and cells[0] == "类别和次类别" and cells[1:] != expected:
                found.append(_finding(f"misprinted_header|{table}", "misprinted_header",
                                      group["subprogramme"].iloc[0],
                                      f"Table {table} prints the columns as {' / '.join(cells[1:])}"))
                break
    return found


def duplicated_blocks(tables):
    """Two subcategories of one table whose totals and items are identical, value for value."""
    found = []
    d, t = tables["deliverables"], tables["deliverable_totals"]
    measures = edition_of(tables).measures
    for table, totals in t.groupby("table", sort=False):
        rows = list(totals.itertuples())
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if [getattr(a, m) for m in measures] != [getattr(b, m) for m in measures]:
                    continue
                items_a = d[(d["table"] == table) & (d["subcategory_zh"] == a.subcategory_zh)]
                items_b = d[(d["table"] == table) & (d["subcategory_zh"] == b.subcategory_zh)]
                same_values = items_a[measures].values.tolist() == items_b[measures].values.tolist()
                # equal numbers alone can be chance (1, 1, 1, 1); the labels must repeat too
                shared = len(set(items_a["item_zh"]) & set(items_b["item_zh"]))
                if len(items_a) and same_values and shared * 2 >= len(items_a):
                    found.append(_finding(
                        f"duplicated_block|{table}|{a.subcategory_zh}|{b.subcategory_zh}",
                        "duplicated_block", a.subprogramme,
                        f"Table {table}: '{a.subcategory_en}' and '{b.subcategory_en}' repeat the "
                        f"same items and totals"))
    return found


CHECKS = [total_mismatches, status_against_numbers, status_without_numbers,
          status_without_target, identical_titles,
          figures_without_values, misprinted_headers, duplicated_blocks]


def computed_findings(tables) -> pd.DataFrame:
    """Every finding of every check, in the order of CHECKS."""
    rows = [f for check in CHECKS for f in check(tables)]
    return pd.DataFrame(rows, columns=["check_key", "category", "subprogramme", "description"])
