"""Indicator arithmetic: every number the book derives is computed here.

Each function takes DataFrames as returned by :func:`budgetbook.load` (module :mod:`budgetbook.loading`) and
returns a new DataFrame; nothing is rounded here (presentation rounds).
Definitions are in the book's Method chapter.
"""
from __future__ import annotations

import pandas as pd

SUBCATEGORY_KEY = ["table", "subprogramme", "category", "subcategory_zh", "subcategory_en"]


def recomputed_totals(deliverables: pd.DataFrame, totals: pd.DataFrame,
                      measures: list[str]) -> pd.DataFrame:
    """Printed subcategory totals beside the sums of their items, per measure (the four
    measure columns of the edition, :attr:`budgetbook.edition.Edition.measures`).

    Columns: the subcategory key, then for each measure ``printed_<m>``,
    ``recomputed_<m>``, ``difference_<m>`` (printed - recomputed), and
    ``matches`` (all four equal). A subcategory whose items are missing from
    deliverables.csv gets a recomputed total of 0, which shows as a mismatch.
    """
    sums = deliverables.groupby(SUBCATEGORY_KEY, sort=False)[measures].sum().reset_index()
    merged = totals[SUBCATEGORY_KEY + measures].merge(
        sums, on=SUBCATEGORY_KEY, how="left", suffixes=("", "_items"))
    out = merged[SUBCATEGORY_KEY].copy()
    all_match = pd.Series(True, index=merged.index)
    for m in measures:
        recomputed = merged[f"{m}_items"].fillna(0).astype("int64")
        out[f"printed_{m}"] = merged[m].astype("int64")
        out[f"recomputed_{m}"] = recomputed
        out[f"difference_{m}"] = out[f"printed_{m}"] - recomputed
        all_match &= out[f"difference_{m}"] == 0
    out["matches"] = all_match
    return out


def item_totals(deliverables: pd.DataFrame, totals: pd.DataFrame,
                measures: list[str]) -> pd.DataFrame:
    """Subcategory totals recomputed from the line items, in the shape (and row order) of
    the printed totals: the subcategory key and the measure columns.

    Every indicator of the book is computed from these, never from the printed totals, so a
    corrected item changes every rate, change and chart it feeds; the printed totals are
    compared with them (:func:`recomputed_totals`), and a difference is a finding.
    """
    rec = recomputed_totals(deliverables, totals, measures)
    out = rec[SUBCATEGORY_KEY].copy()
    for m in measures:
        out[m] = rec[f"recomputed_{m}"]
    return out


def total_mismatches(deliverables: pd.DataFrame, totals: pd.DataFrame,
                     measures: list[str]) -> pd.DataFrame:
    """One row per (subcategory, measure) whose printed total differs from its items' sum."""
    rec = recomputed_totals(deliverables, totals, measures)
    rows = []
    for _, r in rec.iterrows():
        for m in measures:
            if r[f"difference_{m}"] != 0:
                rows.append({**{k: r[k] for k in SUBCATEGORY_KEY}, "measure": m,
                             "printed": r[f"printed_{m}"], "recomputed": r[f"recomputed_{m}"],
                             "difference": r[f"difference_{m}"]})
    return pd.DataFrame(rows, columns=SUBCATEGORY_KEY + ["measure", "printed", "recomputed",
                                                          "difference"])


def delivery_rate(df: pd.DataFrame, plan: str, actual: str) -> pd.DataFrame:
    """Delivery rate = actual / plan, in the performance year (columns ``actual_{Y-2}`` and
    ``plan_{Y-2}`` of an edition with budget year Y).

    Adds ``delivery_rate`` (a ratio; <NA> where the plan is 0) and
    ``delivery_note``: "unplanned" where nothing was planned but something
    was delivered, "nil" where both are 0, "" otherwise.
    """
    out = df.copy()
    plan = out[plan].astype("Float64")
    actual = out[actual].astype("Float64")
    out["delivery_rate"] = (actual / plan).where(plan != 0)
    note = pd.Series("", index=out.index, dtype="string")
    note[(plan == 0) & (actual > 0)] = "unplanned"
    note[(plan == 0) & (actual == 0)] = "nil"
    out["delivery_note"] = note
    return out


def plan_change(df: pd.DataFrame, base: str, new: str) -> pd.DataFrame:
    """Change from column ``base`` to column ``new`` (e.g. from the current year's plan to
    the budget year's, or from the performance year's actual to the budget year's plan).

    Adds ``change`` (new - base) and ``change_pct`` (percent of base; <NA>
    where base is 0), and ``change_note``: "new" where base is 0 and new > 0,
    "nil" where both are 0, "discontinued" where new is 0 and base > 0.
    """
    out = df.copy()
    b = out[base].astype("Float64")
    n = out[new].astype("Float64")
    out["change"] = out[new].astype("int64") - out[base].astype("int64")
    out["change_pct"] = ((n - b) / b * 100).where(b != 0)
    note = pd.Series("", index=out.index, dtype="string")
    note[(b == 0) & (n > 0)] = "new"
    note[(b == 0) & (n == 0)] = "nil"
    note[(b > 0) & (n == 0)] = "discontinued"
    out["change_note"] = note
    return out


def delivery_summary(delivery: pd.DataFrame) -> dict[str, int]:
    """Counts over the rows of :func:`delivery_rate`'s result: ``rows``; ``planned`` (a plan
    above 0); ``short`` (delivery rate below 1); ``in_full`` (rate of 1 or more);
    ``unplanned`` (nothing planned, something delivered)."""
    rate = delivery["delivery_rate"]
    return {"rows": len(delivery), "planned": int(rate.notna().sum()),
            "short": int((rate < 1).sum()), "in_full": int((rate >= 1).sum()),
            "unplanned": int((delivery["delivery_note"] == "unplanned").sum())}


def change_summary(change: pd.DataFrame) -> dict[str, int]:
    """Counts over the rows of :func:`plan_change`'s result: ``rows``, ``higher``, ``lower``
    and ``unchanged`` (by the sign of ``change``)."""
    c = change["change"]
    return {"rows": len(change), "higher": int((c > 0).sum()), "lower": int((c < 0).sum()),
            "unchanged": int((c == 0).sum())}


def target_summary(attainment: pd.DataFrame) -> dict[str, int]:
    """Counts over the rows of :func:`target_attainment`'s result: ``statements``;
    ``with_target`` (a numeric target, so attainment is known); ``met_or_exceeded`` and
    ``not_met`` by the numbers; ``status_disagrees`` (the stated word differs from them)."""
    status = attainment["status_computed"]
    return {"statements": len(attainment), "with_target": int(status.notna().sum()),
            "met_or_exceeded": int(status.isin(["met", "exceeded"]).sum()),
            "not_met": int((status == "not_met").sum()),
            "status_disagrees": int((attainment["status_agrees"] == False).sum())}  # noqa: E712


def subprogramme_totals(totals: pd.DataFrame, measures: list[str],
                        by=("subprogramme", "category")) -> pd.DataFrame:
    """Printed subcategory totals summed per subprogramme (and category)."""
    return totals.groupby(list(by), sort=False)[measures].sum().reset_index()


def target_attainment(targets: pd.DataFrame) -> pd.DataFrame:
    """Target attainment = actual / target, and the status it implies.

    Adds ``attainment`` (ratio; <NA> without a target or with a target of 0),
    ``status_computed`` (exceeded / met / not_met; <NA> without a target) and
    ``status_agrees`` (True/False; <NA> when either status is missing).
    """
    out = targets.copy()
    actual = out["actual"].astype("Float64")
    target = out["target"].astype("Float64")
    out["attainment"] = (actual / target).where(target.notna() & (target != 0))
    computed = pd.Series(pd.NA, index=out.index, dtype="string")
    has = target.notna()
    computed[has & (actual > target)] = "exceeded"
    computed[has & (actual == target)] = "met"
    computed[has & (actual < target)] = "not_met"
    out["status_computed"] = computed
    stated = out["status_stated"].astype("string")
    agrees = pd.Series(pd.NA, index=out.index, dtype="boolean")
    both = computed.notna() & stated.notna()
    agrees[both] = (computed[both] == stated[both]).astype(bool)
    out["status_agrees"] = agrees
    return out


def attainment_summary(targets: pd.DataFrame) -> pd.DataFrame:
    """Per subprogramme: statements, with a target, exceeded/met/not met, status disagreements."""
    att = target_attainment(targets)
    g = att.groupby("subprogramme", sort=False)
    return pd.DataFrame({
        "statements": g.size(),
        "with_target": g["target"].count(),
        "exceeded": g["status_computed"].apply(lambda s: int((s == "exceeded").sum())),
        "met": g["status_computed"].apply(lambda s: int((s == "met").sum())),
        "not_met": g["status_computed"].apply(lambda s: int((s == "not_met").sum())),
        "status_disagrees": g["status_agrees"].apply(lambda s: int((s == False).sum())),  # noqa: E712
    }).reset_index()


def mandates_by_body(mandates: pd.DataFrame, by=("subprogramme", "body")) -> pd.DataFrame:
    """Number of listed mandates per issuing body (and subprogramme)."""
    return (mandates.groupby(list(by), sort=False).size().rename("mandates").reset_index())
