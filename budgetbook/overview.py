"""Overview views: the subprogrammes compared side by side.

As in :mod:`budgetbook.views`, every function takes frames the overview notebook computed
with :mod:`budgetbook.indicators` (over all subprogrammes) and only labels, formats and
draws them. ``labels`` maps subprogramme ids to their names
(:func:`budgetbook.views.chapter_labels`).
"""
from __future__ import annotations

import pandas as pd

from . import charts
from .edition import Edition
from .views import BODY_NAMES, subcategory_labels


def deliverables_by_category(totals: pd.DataFrame, edition: Edition, labels: dict[str, str]
                             ) -> pd.DataFrame:
    """The budget year's plan per subcategory (rows) and subprogramme (columns), from the
    item totals of every subprogramme: units differ between subcategories, so they are
    shown side by side, never summed across subcategories."""
    out = totals.assign(subprogramme=totals["subprogramme"].map(labels),
                        subcategory=subcategory_labels(totals))
    plan = edition.measure("budget_plan")
    pivot = out.pivot_table(index="subcategory", columns="subprogramme", values=plan,
                            aggfunc="sum", sort=False)
    order = [name for name in labels.values() if name in pivot.columns]
    return pivot[order].astype("Int64").reset_index()


def delivery_chart(delivery: pd.DataFrame, edition: Edition, labels: dict[str, str],
                   tables_cited: str) -> charts.Chart:
    """Delivery rate per subprogramme (``delivery``: :func:`budgetbook.indicators.delivery_rate`
    of the per-subprogramme sums)."""
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    year = edition.performance_year
    t = delivery.assign(label=delivery["subprogramme"].map(labels),
                        delivery_rate_pct=delivery["delivery_rate"] * 100)
    t["note"] = [f"{a} of {p}" for a, p in zip(t[actual], t[plan])]
    lowest = t.sort_values("delivery_rate").iloc[0]
    over = int((t["delivery_rate"] >= 1).sum())
    title = (f"{over} of {len(t)} delivered at least their {year} plan; lowest: "
             f"{lowest['label']} at {lowest['delivery_rate']:.0%}")
    alt = (f"Horizontal bar chart of the {year} delivery rate (actual as a percentage of plan, "
           f"summed over all quantified deliverables) for each subprogramme, dashed line at 100 "
           f"percent. " + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    return charts.hbars(t, "label", "delivery_rate_pct", title=title, alt=alt,
                        source=edition.cite(f"Tables {tables_cited} (sums of the line items)"),
                        xlabel=f"{year} actual as % of {year} plan (all quantified deliverables)",
                        reference=100, annotate="note", name=f"overview_delivery_{year}")


def change_chart(change: pd.DataFrame, edition: Edition, labels: dict[str, str]
                 ) -> charts.Chart:
    """Change per subprogramme from the current year's plan to the budget year's
    (``change``: :func:`budgetbook.indicators.plan_change` of the per-subprogramme sums)."""
    base, new = edition.measure("current_plan"), edition.measure("budget_plan")
    y0, y1 = edition.current_year, edition.budget_year
    t = change.assign(label=change["subprogramme"].map(labels))
    t["note"] = [f"{b} → {n}" for b, n in zip(t[base], t[new])]
    biggest = t.sort_values("change_pct", ascending=False).iloc[0]
    title = (f"Planned {y1} output rises most for {biggest['label']} "
             f"({biggest['change_pct']:+.0f}% on {y0})")
    alt = (f"Horizontal bar chart of the percentage change from the {y0} plan to the {y1} plan, "
           f"summed over all quantified deliverables, per subprogramme. "
           + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    return charts.hbars(t, "label", "change_pct", title=title, alt=alt,
                        source=edition.cite("deliverables tables (sums of the line items)"),
                        xlabel=f"change from {y0} plan to {y1} plan (% of {y0} plan)",
                        reference=0, annotate="note", name=f"overview_change_{y0}_{y1}")


def attainment_table(summary: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Per subprogramme: how the numeric target statements compare with their targets
    (``summary``: :func:`budgetbook.indicators.attainment_summary`)."""
    s = summary.assign(subprogramme=summary["subprogramme"].map(labels))
    return s.rename(columns={"statements": "numeric statements", "with_target": "with a target",
                             "not_met": "not met", "status_disagrees": "status word disagrees"})


def mandates_table(by_body: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Mandates listed per issuing body (rows) and subprogramme (columns), from
    :func:`budgetbook.indicators.mandates_by_body`."""
    m = by_body.assign(subprogramme=by_body["subprogramme"].map(labels),
                       body=by_body["body"].map(BODY_NAMES))
    pivot = m.pivot_table(index="body", columns="subprogramme", values="mandates",
                          aggfunc="sum", fill_value=0, sort=False)
    return pivot.astype("int64").reset_index()


def mandates_chart(by_body: pd.DataFrame, edition: Edition) -> charts.Chart:
    """Mandates listed per issuing body, all subprogrammes together (``by_body``:
    :func:`budgetbook.indicators.mandates_by_body` by ``body`` only)."""
    m = by_body.assign(label=by_body["body"].map(BODY_NAMES)).sort_values(
        "mandates", ascending=False)
    top = m.iloc[0]
    title = (f"{top['label']} issued the most listed mandates "
             f"({top['mandates']} of {m['mandates'].sum()})")
    alt = ("Horizontal bar chart of the number of legislative mandates listed, by issuing body, "
           "all subprogrammes together. " + "; ".join(f"{r.label}: {r.mandates}"
                                                      for r in m.itertuples()))
    return charts.hbars(m, "label", "mandates", title=title, alt=alt,
                        source=edition.cite(
                            "legislative mandates (the programme-wide and subprogramme lists)"),
                        xlabel="mandates listed (number)", colour_by=None, name="overview_mandates")
