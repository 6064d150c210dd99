"""Indicator arithmetic: every number the book derives is computed here.

Each function takes DataFrames as returned by :func:`budgetbook.load` (module :mod:`budgetbook.loading`) and
returns a new DataFrame; nothing is rounded here (presentation rounds).
Definitions are in the book's Method chapter.
"""
from __future__ import annotations

import pandas as pd

SUBCATEGORY_KEY = ["table", "subprogramme", "category", "subcategory_zh", "subcategory_en"]
# A percentage change is shown only from a base of at least this many units: from a smaller
# one (1 to 3 publications is "+200%") the absolute change says more, and the page says
# "small base" instead.
MIN_PERCENT_BASE = 10
# An item's shortfall is material when it delivered less than this share of its plan.
MATERIAL_DELIVERY = 0.9


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


def plan_change(df: pd.DataFrame, base: str, new: str,
                min_base: int = MIN_PERCENT_BASE) -> pd.DataFrame:
    """Change from column ``base`` to column ``new`` (e.g. from the current year's plan to
    the budget year's, or from the performance year's actual to the budget year's plan).

    Adds ``change`` (new - base) and ``change_pct`` (percent of base; <NA>
    where base is below ``min_base``, the book's :data:`MIN_PERCENT_BASE` unless given),
    and ``change_note``: "new" where base
    is 0 and new > 0, "nil" where both are 0, "discontinued" where new is 0 and base > 0,
    "small base" where a percentage is withheld from a base above 0 but below the minimum.
    """
    out = df.copy()
    b = out[base].astype("Float64")
    n = out[new].astype("Float64")
    out["change"] = out[new].astype("int64") - out[base].astype("int64")
    out["change_pct"] = ((n - b) / b * 100).where(b >= min_base)
    note = pd.Series("", index=out.index, dtype="string")
    note[(b > 0) & (b < min_base) & (n != b)] = "small base"
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


def delivery_counts(delivery: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Unit-free counts per group (e.g. per subprogramme) over :func:`delivery_rate`'s rows
    (line items or subcategories): ``planned``, ``in_full``, ``short``, ``unplanned``, and
    ``in_full_share`` = in_full / planned (<NA> when nothing was planned). Counts of rows
    can be compared across units; sums of their values cannot."""
    rate = delivery["delivery_rate"]
    flags = pd.DataFrame({
        "planned": rate.notna(), "in_full": (rate >= 1).fillna(False).astype(bool),
        "short": (rate < 1).fillna(False).astype(bool),
        "unplanned": delivery["delivery_note"] == "unplanned"}, index=delivery.index)
    for col in by:
        flags[col] = delivery[col]
    out = flags.groupby(by, sort=False)[["planned", "in_full", "short", "unplanned"]].sum()
    out = out.astype("int64").reset_index()
    out["in_full_share"] = (out["in_full"].astype("Float64")
                            / out["planned"].astype("Float64")).where(out["planned"] > 0)
    return out


def ranked_by_share(counts: pd.DataFrame, lowest_first: bool = True) -> pd.DataFrame:
    """The rows of :func:`delivery_counts` with something planned, by ``in_full_share``
    (lowest first, or highest), the larger number of planned items first among equals."""
    planned = counts[counts["planned"] > 0]
    return planned.sort_values(["in_full_share", "planned"], ascending=[lowest_first, False])


def shortfalls(delivery: pd.DataFrame, plan: str, actual: str,
               threshold: float = MATERIAL_DELIVERY) -> pd.DataFrame:
    """The material shortfalls among :func:`delivery_rate`'s rows: delivered less than
    ``threshold`` of the plan (the book's :data:`MATERIAL_DELIVERY` unless given). Adds
    ``gap`` (plan - actual, in the row's own unit) and ``gap_share`` (gap / plan); ranked
    by gap_share, then gap (largest first)."""
    short = delivery[(delivery["delivery_rate"] < threshold).fillna(False)].copy()
    short["gap"] = short[plan].astype("int64") - short[actual].astype("int64")
    short["gap_share"] = short["gap"].astype("Float64") / short[plan].astype("Float64")
    return short.sort_values(["gap_share", "gap"], ascending=False, kind="stable")


def duplicated_subcategories(source_issues: pd.DataFrame) -> set[tuple[str, str]]:
    """(table, subcategory_zh) of the second block of every duplicated block the source
    audit lists (check key ``duplicated_block|<table>|<first>|<second>``): the block that
    repeats the first, which aggregates leave out."""
    keys = source_issues.loc[source_issues["category"] == "duplicated_block",
                             "check_key"].dropna()
    return {(k.split("|")[1], k.split("|")[3]) for k in keys if k.count("|") == 3}


def without_duplicates(frame: pd.DataFrame, source_issues: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` (items or subcategory totals) outside the duplicated blocks
    of :func:`duplicated_subcategories`."""
    dup = duplicated_subcategories(source_issues)
    keep = [(t, s) not in dup for t, s in zip(frame["table"], frame["subcategory_zh"])]
    return frame[keep]


def result_verdicts(attainment: pd.DataFrame, results: pd.DataFrame | None = None
                    ) -> pd.DataFrame:
    """A verdict on each stated status (rows of :func:`target_attainment`).

    Adds ``gap`` = actual - target (in percentage points when the unit is percent, else in
    the statement's unit; <NA> without both numbers) and ``verdict``: "supported" (the
    numbers imply the stated status), "contradicted" (they imply another), "unverifiable"
    (a status stated without a numeric target or actual), "no status" (none stated).
    Only the rows of planned results (result 1 and up) are statements of performance
    against a target; a highlight's rows (result 0) state a figure's values, and are left
    out. Given ``results`` (rows of results.csv), a planned result whose performance
    paragraph states neither a number nor a status gets a row of its own ("no status"), so
    the register has one row per result at least.
    """
    out = attainment[attainment["result"] > 0].copy()
    if results is not None:
        stated = set(zip(out["subprogramme"], out["result"]))
        unstated = pd.Series([(s, r) not in stated for s, r in zip(results["subprogramme"],
                                                                    results["result"])],
                             index=results.index)
        silent = results[results["performance_paragraph"].notna() & unstated]
        if len(silent):
            rows = pd.DataFrame({"subprogramme": silent["subprogramme"].values,
                                 "result": silent["result"].values,
                                 "paragraph": silent["performance_paragraph"].values})
            out = pd.concat([out, rows.astype({c: out[c].dtype for c in rows.columns})],
                            ignore_index=True).sort_values(["subprogramme", "result"],
                                                           kind="stable")
    out["gap"] = out["actual"].astype("Float64") - out["target"].astype("Float64")
    verdict = pd.Series("unverifiable", index=out.index, dtype="string")
    verdict[out["status_agrees"] == True] = "supported"  # noqa: E712
    verdict[out["status_agrees"] == False] = "contradicted"  # noqa: E712
    verdict[out["status_stated"].isna()] = "no status"
    out["verdict"] = verdict
    return out


def target_attainment(targets: pd.DataFrame) -> pd.DataFrame:
    """Target attainment = actual / target, and the status it implies.

    Adds ``attainment`` (ratio; <NA> without a target, with a target of 0, or for a
    percentage, whose gap is read in percentage points instead),
    ``status_computed`` (exceeded / met / not_met; <NA> without a target) and
    ``status_agrees`` (True/False; <NA> when either status is missing).
    """
    out = targets.copy()
    actual = out["actual"].astype("Float64")
    target = out["target"].astype("Float64")
    # A percentage divided by a percentage (98% against 80% as "122%") means nothing: for
    # percent units the comparison is the gap in percentage points (result_verdicts).
    counts = (out["unit"] != "percent").fillna(True)
    out["attainment"] = (actual / target).where(target.notna() & (target != 0) & counts)
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


# The kind of instrument, from the heading the source lists an entry under: the source
# names the kind per list, not per entry, so a list of "resolutions and decisions" stays so.
INSTRUMENT_HEADINGS = [("公约和议定书", "convention or protocol"),
                       ("声明", "statement or declaration"),
                       ("决议和决定", "resolution or decision"), ("决定", "decision"),
                       ("决议", "resolution")]


def instrument(heading_zh: str) -> str:
    """The kind of instrument a mandate list holds, from its heading (``heading_zh``):
    the first of :data:`INSTRUMENT_HEADINGS` whose words the heading contains."""
    for words, kind in INSTRUMENT_HEADINGS:
        if words in heading_zh:
            return kind
    return "other"


def entry_symbols(symbol) -> list:
    """The symbols one printed mandate entry lists ("49/168; 52/92" -> two); an entry
    without a symbol (a convention) is one instrument of its own: ``[None]``."""
    return [s.strip() for s in symbol.split(";")] if isinstance(symbol, str) else [None]


def mandate_symbols(mandates: pd.DataFrame) -> pd.DataFrame:
    """One row per instrument of the printed mandate entries: an entry listing several
    symbols ("49/168; 52/92") gives one row per symbol; an entry without a symbol (a
    convention) is one instrument. Adds ``instrument`` (:func:`instrument`) and keeps the
    entry's ``list_no`` for traceability."""
    out = mandates.assign(symbol=[entry_symbols(s) for s in mandates["symbol"]])
    out = out.explode("symbol", ignore_index=True)
    out["instrument"] = out["heading_zh"].map(instrument)
    return out


def mandates_by_body(mandates: pd.DataFrame, by=("subprogramme", "body")) -> pd.DataFrame:
    """Number of rows per issuing body (and subprogramme): printed entries when given
    mandates.csv, instruments when given :func:`mandate_symbols`."""
    return (mandates.groupby(list(by), sort=False).size().rename("mandates").reset_index())


def distinct_instruments(instruments: pd.DataFrame) -> pd.DataFrame:
    """Each instrument once, however many lists cite it (``instruments``:
    :func:`mandate_symbols`): one row per issuing body and symbol, or per body and title
    for an instrument printed without a symbol (a convention). A symbol printed twice in
    one list with two titles (a likely misprint) stays two rows: the source lists two
    instruments there. Adds ``lists``: how many lists (subprogrammes) cite it."""
    key = instruments["symbol"].where(instruments["symbol"].notna(), instruments["title_zh"])
    frame = instruments.assign(_key=key)
    lists = frame.groupby(["body", "_key"], sort=False)["subprogramme"].nunique()
    out = frame.drop_duplicates(["body", "_key", "title_zh"]).copy()
    out["lists"] = [int(lists[(b, k)]) for b, k in zip(out["body"], out["_key"])]
    return out.drop(columns="_key")


def threshold(value, default, name: str, low: float, high: float):
    """A notebook's threshold parameter checked (papermill checks no types): ``default``
    when ``value`` is None, else ``value`` as a number from ``low`` to ``high``; a clear
    error naming the parameter otherwise."""
    if value is None:
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"parameter {name}={value!r}: give a number from {low:g} to {high:g}, "
                         f"or None for the book's {default:g}") from None
    if not low <= number <= high:
        raise ValueError(f"parameter {name}={value!r} is outside {low:g} to {high:g}; the "
                         f"book's is {default:g}")
    return type(default)(number) if float(type(default)(number)) == number else number

