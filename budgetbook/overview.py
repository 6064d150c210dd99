"""Overview views: the subprogrammes compared side by side.

As in :mod:`budgetbook.views`, every function takes frames the overview notebook computed
with :mod:`budgetbook.indicators` (over all subprogrammes) and only labels, formats and
draws them. ``labels`` maps subprogramme ids to their names
(:func:`budgetbook.views.chapter_labels`).

Every header, title and sentence is written in the language in use
(:mod:`budgetbook.language`); labels from the data come from their column of that language.
"""
from __future__ import annotations

import pandas as pd

from . import charts, config, indicators
from .edition import Edition
from .language import labels as labels_of, t, using
from .render import Note, table
from .render import text as render_text
from .views import (BODY_NAMES, count_claims, gap_text, item_source, subcategory_labels,
                    timing_marks)


def _cite(edition: Edition, where: str) -> str:
    """A chart's source line (:meth:`Edition.cite`), with a Chinese comma in Chinese."""
    return t(edition.cite(where), f"{edition.symbol}，{where}")


def by_kind(frame: pd.DataFrame, cells: pd.Series, labels: dict[str, str]) -> pd.DataFrame:
    """A table with one row per kind of subcategory (its label names its unit) and one
    column per subprogramme, holding ``cells`` (one text per row of ``frame``): every row
    compares one unit across subprogrammes, and nothing is added across rows."""
    # A kind is named by its English label: the Chinese source prints one kind slightly
    # differently from table to table ("3 小时" / "3小时", a footnote mark), and both
    # editions must have the same rows. A row shows the first label of its kind.
    with using("en"):
        kinds = subcategory_labels(frame)
    out = pd.DataFrame({"kind": kinds.values, "subcategory": subcategory_labels(frame).values,
                        "subprogramme": frame["subprogramme"].map(labels).values,
                        "cell": cells.values})
    twice = out[out.duplicated(["kind", "subprogramme"], keep=False)]
    if not twice.empty:  # one cell per subprogramme and kind, or a value would vanish
        raise ValueError(f"two subcategories of {twice['subprogramme'].iloc[0]} share the "
                         f"label {twice['subcategory'].iloc[0]!r}")
    pivot = out.pivot_table(index="kind", columns="subprogramme", values="cell",
                            aggfunc="first", sort=False)
    order = [name for name in labels.values() if name in pivot.columns]
    pivot = pivot[order]
    pivot.index = pivot.index.map(out.drop_duplicates("kind").set_index("kind")["subcategory"])
    pivot.index.name = t("subcategory", "次类别")
    pivot = pivot.reset_index()
    pivot.columns.name = None
    return pivot


def share_chart(counts: pd.DataFrame, edition: Edition, labels: dict[str, str],
                tables_cited: str) -> charts.Chart:
    """The share of planned line items delivered in full, per subprogramme (``counts``:
    :func:`budgetbook.indicators.delivery_counts` of the items by subprogramme): a count of
    items, so it compares across units."""
    year = edition.performance_year
    # the numbers behind the chart, under readers' headers in the page's language
    label = t("subprogramme", "次级方案")
    share = t("delivered in full (% of line items with a plan)",
              "全额交付（占有计划的逐项产出的 %）")
    note = t("note", "说明")
    d = counts[counts["planned"] > 0]
    names = d["subprogramme"].map(labels)
    # each subprogramme's two counts, as its chapter states them (the same claims)
    stated = [count_claims(sp, year, items_in_full=int(k), items_with_plan=int(n))
              for sp, k, n in zip(d["subprogramme"], d["in_full"], d["planned"])]
    notes = [t(f"{c['items_in_full']} of {c['items_with_plan']} items",
               f"{c['items_with_plan']} 项中的 {c['items_in_full']} 项") for c in stated]
    lowest = indicators.ranked_by_share(d).iloc[0]
    title = t(f"Line items with a {year} plan delivered in full: lowest "
              f"{labels[lowest['subprogramme']]} ({lowest['in_full']} of {lowest['planned']} "
              f"items)",
              f"{year} 年有计划的逐项产出的全额交付：最低为{labels[lowest['subprogramme']]}"
              f"（{lowest['planned']} 项中的 {lowest['in_full']} 项）")
    alt = t(f"Horizontal bar chart of the share of line items with a {year} plan that were "
            f"delivered at least in full, per subprogramme (a count of items, comparable "
            f"across units). " + "; ".join(f"{k}: {v}" for k, v in zip(names, notes)),
            f"横条形图：各次级方案 {year} 年有计划的逐项产出中至少全额交付的比例（按逐项产出"
            f"计数，可跨计量单位比较）。" + "；".join(f"{k}：{v}" for k, v in zip(names, notes))
            + "。")
    # the notebook lists the tables separated by ', '; a Chinese list takes 、
    cited = t(tables_cited, "、".join(tables_cited.split(", ")))
    frame = pd.DataFrame({label: names.values, share: (d["in_full_share"] * 100).values,
                          note: notes})
    return charts.hbars(frame, label, share, title=title, alt=alt,
                        source=_cite(edition, t(f"Tables {cited} (line items; the duplicated "
                                              f"block of the source audit left out)",
                                              f"表 {cited}（逐项产出；不计原文核查指出的重复"
                                              f"整块内容）")),
                        xlabel=t(f"line items with a {year} plan delivered in full "
                                 f"(% of items)",
                                 f"{year} 年有计划的逐项产出中全额交付的（占逐项产出的 %）"),
                        reference=100, annotate=note,
                        unit=t("% of line items with a plan", "占有计划的逐项产出的 %"),
                        decimals=0, name=f"overview_items_in_full_{year}")


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
        t("subprogramme", "次级方案"): s["subprogramme"].map(labels),
        t("subcategory", "次类别"): subcategory_labels(s),
        t("item", "应交付产出"): s["item_no"].astype(str) + ". " + labels_of(s, "item"),
        t("delivered", "交付"): [t(f"{a} of {p}", f"实际 {a}，计划 {p}")
                                for a, p in zip(s[actual], s[plan])],
        t("gap", "差额"): [gap_text(g, share) for g, share in zip(s["gap"], s["gap_share"])],
        t("source", "出处"): [item_source(t_, n) for t_, n in zip(s["table"], s["item_no"])],
        t("line in data/raw", "原文行号"): s["raw_line"],
        t("marked in the text", "案文的标注"): [marks.get(k, "—")
                                                  for k in zip(s["table"], s["item_no"])],
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
    table.index.name = t("subprogramme", "次级方案")
    table.columns.name = None
    # the verdicts are indicators' codes; the headers name them in the page's language
    return table.reset_index().rename(columns={
        "statements": t("statements", "陈述数"), "supported": t("supported", "得到数字支持"),
        "contradicted": t("contradicted", "与数字矛盾"),
        "unverifiable": t("unverifiable", "无法核实"), "no status": t("no status", "未说明状态")})


def mandates_table(by_body: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Mandates listed per issuing body (rows) and subprogramme (columns), from
    :func:`budgetbook.indicators.mandates_by_body`."""
    m = by_body.assign(subprogramme=by_body["subprogramme"].map(labels),
                       body=by_body["body"].map(BODY_NAMES))
    pivot = m.pivot_table(index="body", columns="subprogramme", values="mandates",
                          aggfunc="sum", fill_value=0, sort=False)
    return pivot.astype("int64").reset_index().rename(
        columns={"body": t("issuing body", "发布机构")})


def shared_instruments_finding(distinct: pd.DataFrame) -> Note:
    """How many instruments more than one list cites (``distinct``:
    :func:`budgetbook.indicators.distinct_instruments`), counted once each in the chart."""
    c = count_claims("all", None, instruments_in_several_lists=int((distinct["lists"] > 1).sum()),
                     distinct_instruments=len(distinct))
    n = c["instruments_in_several_lists"]
    if n == 0:
        return render_text(t(f"none of the {len(distinct)} instruments is cited by more than "
                             f"one list, so the lists add up to the same count.",
                             f"{len(distinct)} 项文书中，没有任何一项被一个以上的清单引用，"
                             f"因此各清单相加所得的数目相同。"))
    return render_text(t(f"{n} of the {len(distinct)} instruments are cited by more than one "
                         f"list and count once.",
                         f"{len(distinct)} 项文书中，{n} 项被一个以上的清单引用，只计一次。"))


def programme_mandates(entries: Note | pd.DataFrame, programme_wide: pd.DataFrame) -> Note:
    """The programme-wide mandate list in full (``entries``:
    :func:`budgetbook.views.mandates_table` of its rows of mandates.csv, ``programme_wide``),
    folded under a line with its counts, at the anchor every chapter links to."""
    c = count_claims(config.PROGRAMME_ID, None, mandate_entries=len(entries),
                     mandate_instruments=len(indicators.mandate_symbols(programme_wide)))
    n, instruments = c["mandate_entries"], c["mandate_instruments"]
    listed = table(entries, group="issued by", name="programme_wide_mandates",
                   collapse=t(f"Show the {n} programme-wide mandate entries ({instruments} "
                              f"instruments), by issuing body",
                              f"显示方案总体的 {n} 个立法授权条目（{instruments} 项文书），"
                              f"按发布机构列示"),
                   empty=t("The source lists no programme-wide mandates.",
                           "原文未列出方案总体的立法授权。"))
    return Note(f'<div id="{config.PROGRAMME_MANDATES_ANCHOR}">{listed.html}</div>',
                listed.text, listed.data)


def mandates_chart(distinct: pd.DataFrame, edition: Edition, entries: int) -> charts.Chart:
    """Instruments listed per issuing body, every list of the programme together, each
    instrument counted once however many lists cite it (``distinct``:
    :func:`budgetbook.indicators.distinct_instruments`; ``entries``: how many printed
    entries hold them)."""
    label, count = t("issuing body", "发布机构"), t("instruments (number)", "文书数目")
    by_body = indicators.mandates_by_body(distinct, by=("body",))
    m = pd.DataFrame({label: by_body["body"].map(BODY_NAMES).values,
                      count: by_body["mandates"].values}).sort_values(count, ascending=False)
    c = count_claims("all", None, distinct_instruments=int(m[count].sum()),
                     mandate_entries_every_list=entries)
    total, entries = c["distinct_instruments"], c["mandate_entries_every_list"]
    values = list(zip(m[label], m[count]))
    title = t(f"Legislative mandates by issuing body: {total} distinct instruments in "
              f"{entries} printed entries",
              f"按发布机构分列的立法授权：{entries} 个印出条目，共 {total} 项不同的文书")
    alt = t("Horizontal bar chart of the number of distinct legislative instruments listed "
            "(an entry listing several resolutions counts each; an instrument several lists "
            "cite counts once), by issuing body, every list of the programme together. "
            + "; ".join(f"{k}: {v}" for k, v in values),
            "横条形图：按发布机构分列的所列不同立法文书数目（一个条目列出多项决议的，每项分别"
            "计数；多个清单引用的同一文书只计一次），本方案所有清单合计。"
            + "；".join(f"{k}：{v}" for k, v in values) + "。")
    return charts.hbars(m, label, count, title=title, alt=alt,
                        source=_cite(edition, t(
                            "legislative mandates (the programme-wide and subprogramme lists)",
                            "立法授权（本方案共有的清单和各次级方案的清单）")),
                        xlabel=t("distinct instruments listed (number)", "所列不同文书（数目）"),
                        unit=t("instruments", "文书"), colour_by=None, name="overview_mandates")
