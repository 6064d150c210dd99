"""Overview views: the subprogrammes compared side by side.

As in :mod:`budgetbook.views`, every function takes frames the overview notebook computed
with :mod:`budgetbook.indicators` (over all subprogrammes) and only labels, formats and
draws them. ``labels`` maps subprogramme ids to their names
(:func:`budgetbook.views.chapter_labels`).
"""
from __future__ import annotations

import pandas as pd

from . import charts, indicators
from .edition import Edition
from .views import BODY_NAMES, gap_text, item_source, subcategory_labels, timing_marks


def by_kind(frame: pd.DataFrame, cells: pd.Series, labels: dict[str, str]) -> pd.DataFrame:
    """A table with one row per kind of subcategory (its label names its unit) and one
    column per subprogramme, holding ``cells`` (one text per row of ``frame``): every row
    compares one unit across subprogrammes, and nothing is added across rows."""
    out = pd.DataFrame({"subcategory": subcategory_labels(frame).values,
                        "subprogramme": frame["subprogramme"].map(labels).values,
                        "cell": cells.values})
    twice = out[out.duplicated(["subcategory", "subprogramme"], keep=False)]
    if not twice.empty:  # one cell per subprogramme and kind, or a value would vanish
        raise ValueError(f"two subcategories of {twice['subprogramme'].iloc[0]} share the "
                         f"label {twice['subcategory'].iloc[0]!r}")
    pivot = out.pivot_table(index="subcategory", columns="subprogramme", values="cell",
                            aggfunc="first", sort=False)
    order = [name for name in labels.values() if name in pivot.columns]
    pivot = pivot[order].reset_index()
    pivot.columns.name = None
    return pivot


def share_chart(counts: pd.DataFrame, edition: Edition, labels: dict[str, str],
                tables_cited: str) -> charts.Chart:
    """The share of planned line items delivered in full, per subprogramme (``counts``:
    :func:`budgetbook.indicators.delivery_counts` of the items by subprogramme): a count of
    items, so it compares across units."""
    year = edition.performance_year
    t = counts[counts["planned"] > 0].assign(label=lambda d: d["subprogramme"].map(labels))
    t["share_pct"] = t["in_full_share"] * 100
    t["note"] = [f"{k} of {n} items" for k, n in zip(t["in_full"], t["planned"])]
    lowest = indicators.ranked_by_share(t).iloc[0]
    title = (f"Planned line items delivered in full in {year}: lowest {lowest['label']} "
             f"({lowest['in_full']} of {lowest['planned']} items)")
    alt = (f"Horizontal bar chart of the share of {year} planned line items that were "
           f"delivered at least in full, per subprogramme (a count of items, comparable "
           f"across units). " + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    return charts.hbars(t, "label", "share_pct", title=title, alt=alt,
                        source=edition.cite(f"Tables {tables_cited} (line items; the "
                                            f"duplicated block of the source audit left out)"),
                        xlabel=f"planned line items delivered in full in {year} (% of items)",
                        reference=100, annotate="note", name=f"overview_items_in_full_{year}")


def shortfalls_table(shortfalls: pd.DataFrame, edition: Edition, labels: dict[str, str],
                     timing: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every material shortfall of the programme (``shortfalls``:
    :func:`budgetbook.indicators.shortfalls` of all line items), largest share first, each
    in its own unit; with ``timing`` (deliverable_timing.csv), what the text marks about an
    item's timing (cyclical, ad hoc, one event)."""
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    s = shortfalls
    marks = timing_marks(timing)
    return pd.DataFrame({
        "subprogramme": s["subprogramme"].map(labels),
        "subcategory": subcategory_labels(s), "item": s["item_no"].astype(str) + ". "
        + s["item_en"], "delivered": [f"{a} of {p}" for a, p in zip(s[actual], s[plan])],
        "gap": [gap_text(g, share) for g, share in zip(s["gap"], s["gap_share"])],
        "source": [item_source(t, n) for t, n in zip(s["table"], s["item_no"])],
        "line in data/raw": s["raw_line"],
        "marked in the text": [marks.get(k, "—") for k in zip(s["table"], s["item_no"])],
    }).reset_index(drop=True)


def verdict_table(verdicts: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Per subprogramme: how many statements of performance against a target each verdict
    of :func:`budgetbook.indicators.result_verdicts` has (a count per row, never a rate)."""
    order = ["supported", "contradicted", "unverifiable", "no status"]
    table = pd.crosstab(verdicts["subprogramme"], verdicts["verdict"])
    table = table.reindex(columns=order, fill_value=0)
    table = table.reindex([sp for sp in labels if sp in table.index])
    table.index = table.index.map(labels)
    table.insert(0, "statements", table.sum(axis=1))
    table.index.name = "subprogramme"
    table.columns.name = None
    return table.reset_index()


def mandates_table(by_body: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Mandates listed per issuing body (rows) and subprogramme (columns), from
    :func:`budgetbook.indicators.mandates_by_body`."""
    m = by_body.assign(subprogramme=by_body["subprogramme"].map(labels),
                       body=by_body["body"].map(BODY_NAMES))
    pivot = m.pivot_table(index="body", columns="subprogramme", values="mandates",
                          aggfunc="sum", fill_value=0, sort=False)
    return pivot.astype("int64").reset_index()


def mandates_chart(by_body: pd.DataFrame, edition: Edition, entries: int) -> charts.Chart:
    """Instruments listed per issuing body, all subprogrammes together (``by_body``:
    :func:`budgetbook.indicators.mandates_by_body` of the instruments, by ``body`` only;
    ``entries``: how many printed entries hold them)."""
    m = by_body.assign(label=by_body["body"].map(BODY_NAMES)).sort_values(
        "mandates", ascending=False)
    title = (f"Legislative mandates by issuing body: {m['mandates'].sum()} instruments in "
             f"{entries} printed entries")
    alt = ("Horizontal bar chart of the number of legislative instruments listed (an entry "
           "listing several resolutions counts each), by issuing body, all subprogrammes "
           "together. " + "; ".join(f"{r.label}: {r.mandates}"
                                                      for r in m.itertuples()))
    return charts.hbars(m, "label", "mandates", title=title, alt=alt,
                        source=edition.cite(
                            "legislative mandates (the programme-wide and subprogramme lists)"),
                        xlabel="instruments listed (number)", colour_by=None,
                        name="overview_mandates")
