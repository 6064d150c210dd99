"""Chapter views: the tables, charts and sentences of a subprogramme chapter.

Each view takes frames the notebook has already selected or computed (with pandas and
:mod:`budgetbook.indicators`, in cells a reader can see) and only labels, formats and
draws them: no view selects rows from the loaded tables or derives a number of its own.
The edition (:class:`budgetbook.edition.Edition`) supplies years and column labels, and
``label`` is the chapter's name ('Subprogramme 3'), used in titles and alt text.

Every word a view writes is in the language in use (:mod:`budgetbook.language`), chosen
when the view is called: labels from the data's ``*_en`` or ``*_zh`` columns (the Chinese
verbatim from the source), the words around them from :func:`budgetbook.language.t`.
Numbers are the same in both languages. A table's columns are headed in the language in
use; ``frame.attrs["columns"]`` maps each English heading to the one shown, so a caller
may still name a column in English (``render.table(..., group="subcategory")``).
"""
from __future__ import annotations


import pandas as pd

from . import charts, claims, config, indicators, language
from .config import PROGRAMME_ID, notebooks
from .edition import ROLES, Edition, edition_of
from .language import (Phrases, figure_name, in_language, in_language_values, paragraph_name,
                       t, table_name)
from .render import Note, details, escape, join, not_stated, number, paragraph, table
from .render import text as render_text



# The notebook (in notebooks/) of each subprogramme id, from the table of contents.
NOTEBOOKS = notebooks()
# Each issuing body of mandates.csv as a reader names it; the Chinese is the source's own
# name of the body (its list headings), the official one where the source names none.
BODY_NAMES = Phrases({
    "treaty": ("Conventions and protocols", "公约和议定书"),
    "GA": ("General Assembly", "大会"),
    "ECOSOC": ("Economic and Social Council", "经济及社会理事会"),
    "SC": ("Security Council", "安全理事会"),
    "CND": ("Commission on Narcotic Drugs", "麻醉药品委员会"),
    "CCPCJ": ("Commission on Crime Prevention and Criminal Justice", "预防犯罪和刑事司法委员会"),
    "COP-UNTOC": ("Conference of the Parties to UNTOC", "联合国打击跨国有组织犯罪公约缔约方会议"),
    "COSP-UNCAC": ("Conference of the States Parties to UNCAC", "联合国反腐败公约缔约国会议"),
    "INCB": ("International Narcotics Control Board", "国际麻醉品管制局"),
    "HRC": ("Human Rights Council", "人权理事会"),
    "other": ("Other", "其他"),
})

# The headings of the views' tables: one Chinese word per English heading, so a column
# reads the same in every table of the book. Measure columns are headed by the edition.
_HEADERS = {
    "subcategory": "次类别", "item": "逐项产出", "printed as —": "原文印作 —",
    "printed total": "原文所列合计数", "table": "表", "category": "类别",
    "subcategory_en": "次类别", "all four match": "四项均一致", "change": "变化",
    "change %": "变化（%）", "note": "说明", "deliverable": "应交付产出", "year": "年份",
    "status": "状态", "row": "行", "statement (our translation)": "陈述", "series": "系列",
    "value stated": "所述数值", "target stated": "所述具体目标", "cited in": "出处",
    "issued by": "发布机构", "symbol": "文号", "instruments": "文书数", "title": "标题",
    "footnote in the source": "原文脚注", "source": "出处",
    "what the text marks": "案文的标注", "exception": "例外情况", "numbers": "数字",
    "gap": "差距", "line in data/raw": "原文行号", "explanation": "解释",
    "marked in the text": "案文的标注", "result": "成果", "paragraph": "段落",
    "indicator": "指标", "measure": "业绩计量", "basis": "累计或年度", "actual": "实际",
    "target": "具体目标", "gap (actual − target)": "差距（实际 − 具体目标）",
    "status stated": "所述状况", "verdict": "判定",
    "reason given in the text (our translation)": "案文给出的原因",
}
# The codes of the data a page shows (see _code): the English pages show the codes as they
# are; the Chinese ones these words, the source's where it has them.
# The notes of budgetbook.indicators (delivery_note, change_note).
_NOTES = {"unplanned": "计划外", "nil": "无", "new": "新增", "small base": "基数小",
          "discontinued": "停止"}
# A status the text states or the numbers imply (targets.csv).
_STATUSES = {"exceeded": "超出", "met": "达到", "not_met": "未达到"}
# The verdicts of budgetbook.indicators.result_verdicts.
_VERDICTS = {"supported": "得到印证", "contradicted": "相矛盾", "unverifiable": "无法核实",
             "no status": "未说明状况"}
# Whether a figure counts cumulatively or per year (figures.csv).
_BASES = {"annual": "年度", "cumulative": "累计", "cumulative_and_annual": "累计和年度"}
# The status of a performance-measure cell (performance_measures.csv).
_CELL_STATUSES = {"actual": "实际", "planned": "计划"}
# The kinds of finding of source_issues.csv, in the words of a chapter's audit box.
_ISSUE_KINDS = {
    "status_against_numbers": "状况与数字相矛盾", "status_without_target": "有状况而无具体目标",
    "title_contradicts_paragraph": "标题与段落矛盾", "total_mismatch": "合计不符",
    "duplicated_block": "整块重复", "figure_values_not_stated": "图的数值未说明",
    "value_missing": "缺失数值", "missing_category": "缺少类别", "label_missing": "缺少标签",
    "misprinted_header": "列标题印错", "possible_misprint": "可能的印刷错误",
    "identical_titles": "标题相同", "inconsistent_wording": "措辞不一",
    "merged_cells": "单元格连在一起", "odd_numbering": "编号异常",
}


def _headed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns headed in the language in use (:data:`_HEADERS`), and
    ``attrs["columns"]``: each English heading -> the heading shown."""
    shown = {c: t(c, _HEADERS[c]) for c in frame.columns if c in _HEADERS}
    out = frame.rename(columns=shown) if language.current() == "zh" else frame
    out.attrs["columns"] = {**frame.attrs.get("columns", {}), **shown}
    return out


def _column(name: str) -> str:
    """The heading a view's table gives the column ``name`` (its English heading)."""
    return t(name, _HEADERS[name])


def _code(value, chinese: dict[str, str]):
    """A code of the data as a page shows it: in English the code as words ('not_met' ->
    'not met'), in Chinese its Chinese (an unknown code as it is)."""
    if language.current() == "zh":
        return chinese.get(value, value)
    return value.replace("_", " ") if isinstance(value, str) else value


def _codes(series: pd.Series, chinese: dict[str, str]) -> pd.Series:
    """:func:`_code` of every value of ``series``."""
    return series.map(lambda v: _code(v, chinese))


def _measure_labels(edition: Edition) -> dict[str, str]:
    """Each measure column's heading in the language in use: the edition's English
    ('<year> planned'), or the Chinese tables' ('<year> 年计划', spaced as the source)."""
    y = edition.budget_year
    zh = [f"{y - 2} 年计划", f"{y - 2} 年实际", f"{y - 1} 年计划", f"{y} 年计划"]
    return {m: t(en, z) for (m, en), z in zip(edition.measure_labels.items(), zh)}


def _cite(edition: Edition, where: str) -> str:
    """A chart's source line (:meth:`Edition.cite`), with a Chinese comma in Chinese."""
    return t(edition.cite(where), f"{edition.symbol}，{where}")


def _of_plan(actual, plan) -> str:
    """An actual beside its plan: '5 of 6' ('实际 5，计划 6')."""
    return t(f"{actual} of {plan}", f"实际 {actual}，计划 {plan}")


def _none_or(parts: list[str]) -> str:
    """A list of labels, or 'none'."""
    return t(", ", "、").join(parts) if parts else t("none", "无")


def _measure_name(figures: pd.DataFrame, measure: str) -> str:
    """A result's performance measure as results.csv names it ('Table <n>' or
    'Figure <n>'), in the language in use (a figure by the Chinese edition's numeral, from
    ``figures``: figures.csv)."""
    kind, _, number_ = measure.partition(" ")
    if kind == "Figure":
        return figure_name(number_, figures.loc[figures["figure"] == number_, "number"].iloc[0])
    return table_name(number_) if kind == "Table" else measure


def count_claims(scope: str | None, year, share: float | None = None, **counts) -> dict:
    """Record each of ``counts`` as the claim ``<scope>.<name>`` (its population: the
    :data:`POPULATIONS` entry of its name, for ``scope`` and ``year``) and return them, as
    the sentence writes them; with no ``scope``, record nothing. A page of one's own states
    the book's counts the same way: ``count_claims("all", year, items_in_full=n)``.
    ``share``: the material-shortfall threshold a count of shortfalls used; another than
    the book's counts another population, under a name of its own (``..._80pct``)."""
    if scope is None:
        return counts
    readable = SCOPES.get(scope, scope)
    share = indicators.MATERIAL_DELIVERY if share is None else share
    suffix = "" if share == indicators.MATERIAL_DELIVERY else f"_{share * 100:g}pct"
    return {name: claims.claim(f"{scope}.{name}{suffix if '{share}' in POPULATIONS[name] else ''}",
                               value, POPULATIONS[name].format(scope=readable, year=year,
                                                               share=f"{share:.0%}"))
            for name, value in counts.items()}


# The scopes of claims that are not a subprogramme's id, as a population names them.
SCOPES = {"all": "the whole programme", PROGRAMME_ID: "the programme-wide lists"}


# What each claim a view records counts, by its name: the same words for the same
# population on every page, so the ledger can tell one population counted two ways.
POPULATIONS = {
    "subcategories": "quantified subcategories of {scope}",
    "subcategories_with_plan": "subcategories of {scope} with a {year} plan above nil",
    "subcategories_in_full": "subcategories of {scope} that delivered at least their {year} "
                             "plan",
    "subcategories_short": "subcategories of {scope} that delivered less than their {year} plan",
    "subcategories_unplanned": "subcategories of {scope} that delivered in {year} without a "
                               "plan",
    "subcategories_higher": "subcategories of {scope} whose {year} plan is higher than the "
                            "year before",
    "subcategories_lower": "subcategories of {scope} whose {year} plan is lower than the year "
                           "before",
    "subcategories_unchanged": "subcategories of {scope} whose {year} plan equals the year "
                               "before",
    "line_items": "line items of {scope}, every one listed",
    "items_with_plan": "line items of {scope} with a {year} plan above nil (a block the "
                       "source audit shows repeated left out)",
    "items_in_full": "line items of {scope} that delivered at least their {year} plan",
    "material_shortfalls": "line items of {scope} that delivered less than {share} of their "
                           "{year} plan",
    "items_unplanned": "line items of {scope} delivered in {year} without a plan",
    "items_new": "line items of {scope} new in the {year} plan",
    "items_dropped": "line items of {scope} dropped from the {year} plan",
    "items_either_year": "line items of {scope} planned in the {year} plan or the year before",
    "items_higher": "line items of {scope} whose {year} plan is higher than the year before",
    "items_lower": "line items of {scope} whose {year} plan is lower than the year before",
    "items_unchanged": "line items of {scope} whose {year} plan equals the year before",
    "items_marked_timing": "line items of {scope} the text marks as cyclical, ad hoc or tied "
                           "to one event",
    "subprogrammes_with_shortfalls": "subprogrammes of {scope} with a line item delivered "
                                     "below {share} of its {year} plan",
    "narrative_deliverables": "narrative deliverables of {scope}",
    "printed_totals": "printed subcategory totals of {scope}",
    "printed_totals_equal": "printed subcategory totals of {scope} equal to the sum of their "
                            "items in all four measures",
    "statements": "statements of {scope}'s {year} performance against a target",
    "statements_supported": "statements of {scope}'s {year} performance whose status the "
                            "numbers support",
    "statements_contradicted": "statements of {scope}'s {year} performance whose status the "
                               "numbers contradict",
    "statements_unverifiable": "statements of {scope}'s {year} performance with a status and "
                               "no number to check it",
    "statements_no_status": "statements of {scope}'s {year} performance with no status",
    "targets_as_counts": "{year} targets of {scope} stated as counts with a number",
    "targets_as_counts_missed": "{year} targets of {scope} stated as counts whose actual is "
                                "below them",
    "targets_missed": "{year} targets of {scope} not met, by the numbers or by the text",
    "audit_findings": "findings of the source audit concerning {scope}",
    "mandate_entries": "printed mandate entries of {scope}'s own list",
    "mandate_instruments": "instruments in the printed mandate entries of {scope}'s own list",
    "distinct_instruments": "distinct instruments in every mandate list of {scope}",
    "mandate_entries_every_list": "printed mandate entries of every mandate list of {scope}",
    "instruments_in_several_lists": "instruments of {scope} cited by more than one list",
}


# The ids of a chapter's blocks that its sentences link to (the same in both editions).
RESULTS_REGISTER_ANCHOR = "results-register"
SOURCE_AUDIT_ANCHOR = "chapter-source-audit"
# The line that opens a folded list, by the claim it states.
SHOW_LINES = {
    "line_items": ("Show all {n} line items, by subcategory",
                   "显示全部 {n} 个逐项产出（按次类别）"),
    "items_marked_timing": ("Show the {n} marked line items", "显示 {n} 个有标注的逐项产出"),
    "narrative_deliverables": ("Show the {n} narrative deliverables",
                               "显示 {n} 项叙述性应交付产出"),
    "mandate_entries": ("Show the {n} listed mandate entries, by issuing body",
                        "显示所列 {n} 个立法授权条目（按发布机构）"),
}


def show_count(kind: str, n: int, scope: str | None = None) -> str:
    """The line a folded list opens with ('Show all 12 line items ...'), its count the
    claim ``<scope>.<kind>``."""
    n = count_claims(scope, None, **{kind: int(n)})[kind]
    return t(*SHOW_LINES[kind]).format(n=n)


# ---- who and what the page is about --------------------------------------------------

def check_subprogramme(tables, sp: str, written_for: str | None = None) -> str:
    """Fail early, with the valid ids, when a notebook is run for an unknown id, or for
    another subprogramme than the one its title and commentary are written for."""
    # An analyst's error, not a page's words: in English in both editions.
    ids = list(tables["subprogrammes"]["id"])
    if sp not in ids:
        raise ValueError(f"unknown subprogramme {sp!r}; choose one of: {', '.join(ids)}")
    if written_for is not None and sp != written_for:
        other = f"notebooks/{NOTEBOOKS[sp]}.ipynb" if sp in NOTEBOOKS else "its own notebook"
        raise ValueError(f"this notebook's title and commentary are written for "
                         f"{written_for}, so it refuses to show {sp}'s numbers under them; "
                         f"run {other} instead")
    return sp


def subprogramme_label(tables, sp: str) -> str:
    """'Subprogramme 9, component 1', or 'Programme-wide' for the programme as a whole;
    in Chinese '次级方案 9 构成部分 1' (as the source names it) and '方案总体'."""
    if sp == PROGRAMME_ID:
        return t("Programme-wide", "方案总体")
    subs = tables["subprogrammes"]
    row = subs[subs["id"] == sp].iloc[0]
    if pd.notna(row["component"]):
        return t(f"Subprogramme {row['number']}, component {row['component']}",
                 f"次级方案 {row['number']} 构成部分 {row['component']}")
    return t(f"Subprogramme {row['number']}", f"次级方案 {row['number']}")


def chapter_labels(tables) -> dict[str, str]:
    """Subprogramme id -> its label, for every row of subprogrammes.csv."""
    return {sp: subprogramme_label(tables, sp) for sp in tables["subprogrammes"]["id"]}


def edition_line(edition: Edition) -> Note:
    """Which document and which years the page is about, from the edition record."""
    text = t(f"From {edition.symbol}: the proposed programme plan for {edition.budget_year} "
             f"and the programme performance in {edition.performance_year}.",
             f"出自 {edition.symbol}：{edition.budget_year} 年拟议方案计划和 "
             f"{edition.performance_year} 年方案执行情况。")
    return Note(f"<p><small>{escape(text)}</small></p>", text)


def heading(tables, sp: str) -> Note:
    """A chapter's title and objective, and its edition: in English with the Chinese
    beside it (the source's words); in Chinese, the source's words alone."""
    subs = tables["subprogrammes"]
    row = subs[subs["id"] == sp].iloc[0]
    label = subprogramme_label(tables, sp)
    line = edition_line(edition_of(tables))
    if language.current() == "zh":
        title, objective = language.label(row, "title"), language.label(row, "objective")
        para = paragraph_name(row["objective_paragraph"])
        return Note(
            line.html + f"<p><strong>{escape(label)}：{escape(title)}</strong></p>"
            f"<p><em>目标</em>（{escape(para)}）：{escape(objective)}</p>",
            f"{line.text}\n{label}：{title}\n目标（{para}）：{objective}")
    # the title as the data hold it (the page heading was written when the chapter was)
    return Note(
        line.html + f"<p><strong>{escape(label)}: {escape(row['title_en'])}</strong> · "
        f"<span lang=\"zh\">{escape(row['title_zh'])}</span></p>"
        f"<p><em>Objective</em> (paragraph {escape(row['objective_paragraph'])}): "
        f"{escape(row['objective_en'])}<br/><span lang=\"zh\">{escape(row['objective_zh'])}"
        f"</span></p>",
        f"{line.text}\n{label}: {row['title_en']}\nObjective "
        f"({row['objective_paragraph']}): {row['objective_en']}")


def pointer(href: str, text: str, holds=(), shows=()) -> str:
    """A link that a sentence points with ("listed in full in the overview"), marked for the
    test that follows every pointer: the target page and anchor exist, the target states
    each claim of ``holds`` (names in the ledger) with this page's value, and shows each
    text of ``shows`` (an issue id, say)."""
    attrs = "".join(f' data-{k}="{escape(" ".join(v))}"'
                    for k, v in (("holds", holds), ("shows", shows)) if v)
    return f'<a class="budgetbook-pointer" href="{escape(href)}"{attrs}>{escape(text)}</a>'


def chapter_findings(findings: pd.DataFrame, scope: str | None = None) -> Note:
    """The source-audit box of a chapter: the listed irregularities concerning it (the rows
    of source_issues.csv for its subprogramme), each with its location and description in
    the language in use (in Chinese, the book's translations: location_zh, description_zh)."""
    if findings.empty:
        text = t("Source audit: no irregularity found in this chapter's part of the source.",
                 "原文审核：本章所涉原文部分未发现异常。")
        return Note(f'<div class="admonition note" id="{SOURCE_AUDIT_ANCHOR}"><p>'
                    f'{escape(text)}</p></div>', text)

    def kind(category):
        return t(category.replace("_", " "), _ISSUE_KINDS.get(category, category))
    rows = [(r["issue_id"], in_language(r, "location"), kind(r["category"]),
             language.label(r, "description")) for _, r in findings.iterrows()]
    items = "".join(
        f"<li><strong>{escape(issue)}</strong>"
        + t(f" ({escape(location)}, {escape(category)}): {escape(description)}</li>",
            f"（{escape(location)}，{escape(category)}）：{escape(description)}</li>")
        for issue, location, category, description in rows)
    text = "\n".join(t(f"{issue} ({location}): {description}",
                       f"{issue}（{location}）：{description}")
                     for issue, location, _, description in rows)
    n = count_claims(scope, None, audit_findings=len(findings))["audit_findings"]
    # The audit page, in this edition's folder beside the chapter's (config.in_edition).
    href = config.page_href("notebooks/chapter", "book/source_audit", language.current())
    # Closed by default (the count is in "At a glance"); still in the HTML for search.
    box = details(t(f'Source audit: {n} finding{"s" if n != 1 else ""} in this chapter (show)',
                    f"原文审核：本章有 {n} 项发现（点击显示）"),
                  f'<ul>{items}</ul><p>{t("All findings: ", "全部发现：")}'
                  f'{pointer(href, t("Source audit", "原文审核"), shows=list(findings["issue_id"]))}'
                  f'{t(".", "。")}</p>', "admonition warning")
    return Note(f'<div id="{SOURCE_AUDIT_ANCHOR}">{box}</div>',
                t("Source audit findings:\n", "原文审核发现：\n") + text)


# ---- deliverables -----------------------------------------------------------------

def subcategory_labels(frame: pd.DataFrame) -> pd.Series:
    """'A. Parliamentary documentation': the category letter and the subcategory (in
    Chinese, the source's label: 'A. 议事机构文件(文件数目)')."""
    return frame["category"] + ". " + language.labels(frame, "subcategory")


def subcategory_units(frame: pd.DataFrame) -> pd.Series:
    """The unit each subcategory counts in, as its label names it in parentheses:
    'documents' for '... (number of documents)'; in Chinese the source's words
    ('文件数目', spaces dropped, as the source spaces them unevenly); a label without
    one is a unit of its own."""
    import re

    def unit(label, pattern):
        # a label that names no unit in parentheses counts in a unit of its own: itself
        found = re.search(pattern, label) if isinstance(label, str) else None
        return re.sub(r"\s+", "", found.group(1)) if found and language.current() == "zh" \
            else found.group(1) if found else label
    if language.current() == "zh":
        return frame["subcategory_zh"].map(lambda s: unit(s, r"\(([^()]+)\)\s*$"))
    return frame["subcategory_en"].map(lambda s: unit(s, r"\((?:number of )?([^()]+)\)\s*$"))


def _items(frame: pd.DataFrame) -> list[str]:
    """Each line item as '<number>. <its label>'."""
    return [f"{n}. {e}" for n, e in zip(frame["item_no"], language.labels(frame, "item"))]


def deliverables_table(items: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Every line item with its four measures, under its subcategory (a column the page
    shows once per run of rows), and which measures the source printed as '—' (nil)."""
    headings = _measure_labels(edition)
    out = pd.DataFrame({
        "subcategory": subcategory_labels(items),
        "item": _items(items),
        **{headings[m]: items[m] for m in edition.measures},
        "printed as —": ["" if pd.isna(nil) else t(", ", "、").join(
            headings[m] for m in nil.split(";")) for nil in items["nil_in_source"]],
    }).reset_index(drop=True)
    out = _headed(out)
    out.attrs["source"] = table_name(items["table"].iloc[0] if len(items) else "")
    return out


def deliverables_summary(check: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """One line per subcategory: its four totals recomputed from the items (``check``:
    :func:`budgetbook.indicators.recomputed_totals`), and the printed total only where it
    differs ('✓ as printed' where all four agree)."""
    headings = _measure_labels(edition)

    def printed(row):
        if row["matches"]:
            return t("✓ as printed", "✓ 与原文相同")
        return t("differs: printed ", "不同：原文所列为 ") + t(", ", "、").join(
            f"{headings[m]} {row[f'printed_{m}']}" for m in edition.measures
            if row[f"printed_{m}"] != row[f"recomputed_{m}"])
    return _headed(pd.DataFrame({
        "subcategory": subcategory_labels(check),
        **{headings[m]: check[f"recomputed_{m}"] for m in edition.measures},
        "printed total": [printed(r) for _, r in check.iterrows()],
    }).reset_index(drop=True))


def totals_check(check: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per subcategory: each measure's printed total beside the sum of its items."""
    out = check[["table", "category"]].copy()
    out["subcategory_en"] = language.labels(check, "subcategory")
    for m in edition.measures:
        out[t(f"{edition.measure_labels[m]} (printed/recomputed)",
              f"{_measure_labels(edition)[m]}（原文/重算）")] = [
            f"{p} / {r}" for p, r in zip(check[f"printed_{m}"], check[f"recomputed_{m}"])]
    out["all four match"] = check["matches"].map({True: t("yes", "是"), False: t("NO", "否")})
    return _headed(out.reset_index(drop=True))


def totals_summary(check: pd.DataFrame, source_issues: pd.DataFrame | None,
                   edition: Edition, scope: str | None = None) -> Note:
    """How many printed subcategory totals equal their items' sum; where the differences
    stand (the source audit, or else the data)."""
    c = count_claims(scope, None, printed_totals=len(check),
                     printed_totals_equal=int(check["matches"].sum()))
    n, ok = c["printed_totals"], c["printed_totals_equal"]
    text = t(f"{ok} of {n} printed subcategory totals equal the sum of their items in all four "
             f"measures.",
             f"原文所列的 {n} 个次类别合计数中，有 {ok} 个在全部四项计量上等于其各项之和。")
    if ok < n:
        # Only the source audit may blame the source: a difference it does not list is a
        # difference in the data, and the page says so.
        listed = audited_total_mismatches(source_issues, check[~check["matches"]], edition)
        if listed == n - ok:
            text += t(f" {n - ok} differ: the source audit lists each (the source's own "
                      f"totals do not add up).",
                      f"{n - ok} 个不相等：原文审核逐一列出（原文自身的合计数与各项之和不符）。")
        else:
            text += t(f" {n - ok} differ; the source audit lists {listed} of them. Check the "
                      f"others in the data (deliverables.csv against deliverable_totals.csv).",
                      f"{n - ok} 个不相等；原文审核列出其中 {listed} 个。其余请在数据中核对"
                      f"（deliverables.csv 与 deliverable_totals.csv 对照）。")
    return Note(f"<p>{escape(text)}</p>", text)


def audited_total_mismatches(source_issues: pd.DataFrame | None, mismatched: pd.DataFrame,
                             edition: Edition) -> int:
    """How many of these mismatched subcategory totals the source audit lists (as computed
    'total_mismatch' findings whose check key names the table and subcategory)."""
    from .audit import total_mismatch_key
    if source_issues is None:
        return 0
    keys = set(source_issues.loc[source_issues["category"] == "total_mismatch",
                                 "check_key"].dropna())
    return sum(all(total_mismatch_key(r["table"], r["subcategory_zh"], m) in keys
                   for m in edition.measures if r[f"difference_{m}"] != 0)
               for _, r in mismatched.iterrows())


# The numbers behind a chart, headed for a reader in the language in use.
_CHART_HEADERS = Phrases({
    "subcategory": ("subcategory", "次类别"), "unit": ("unit", "单位"),
    "delivery rate": ("delivery rate (% of plan)", "交付率（占计划的 %）"),
    "note": ("note", "说明"), "change": ("change", "变化"),
    "target": ("target", "具体目标"),
    "attainment": ("attainment (% of target)", "实现程度（占具体目标的 %）"),
})


def measures_chart(totals: pd.DataFrame, edition: Edition, label: str, sp: str
                   ) -> charts.Chart:
    """The four measures of each subcategory, one panel per subcategory with its own axis
    (``totals``: the sums of the items, :func:`budgetbook.indicators.item_totals`)."""
    headings = _measure_labels(edition)
    y = edition.budget_year
    title = t(f"{label}: quantified deliverables by subcategory, "
              f"{edition.performance_year} to {edition.budget_year}, each in its own unit",
              f"{label}：按次类别列示的 {edition.performance_year}-{edition.budget_year} "
              f"年期间量化应交付产出，各按其自身单位")
    names = subcategory_labels(totals)
    panels = [(name, t(", ", "、").join(str(v) for v in values))
              for name, *values in zip(names, *(totals[m] for m in edition.measures))]
    alt = t(f"Horizontal bar charts, one panel per deliverable subcategory of {label}, each "
            f"on its own axis, giving the {y - 2} plan, {y - 2} actual, {y - 1} plan and {y} "
            f"plan. " + "; ".join(f"{name}: {values}" for name, values in panels),
            f"横条形图（{label}）：每个应交付产出次类别一个面板，各用自身的坐标轴，显示 {y - 2} "
            f"年计划、{y - 2} 年实际、{y - 1} 年计划和 {y} 年计划。"
            + "；".join(f"{name}：{values}" for name, values in panels) + "。")
    h = _CHART_HEADERS
    frame = pd.DataFrame({h["subcategory"]: names.values, h["unit"]: subcategory_units(totals).values,
                          **{headings[m]: totals[m].values for m in edition.measures}})
    return charts.measure_bars(frame, h["subcategory"], title=title, alt=alt,
                               measures={headings[m]: (role, headings[m])
                                         for role, m in zip(ROLES, edition.measures)},
                               source=_cite(edition, table_name(totals["table"].iloc[0])
                                            if len(totals) else ""),
                               unit=t("number, in each panel's own unit (in its title)",
                                      "数目，各按面板自身的单位（见面板标题）"),
                               units=h["unit"], name=f"{sp}_deliverables_chart")


def delivery_chart(delivery: pd.DataFrame, edition: Edition, label: str, sp: str
                   ) -> charts.Chart:
    """Delivery rate per subcategory in the performance year, against a 100 % line
    (``delivery``: :func:`budgetbook.indicators.delivery_rate` of the item totals): a
    percentage of each subcategory's own plan, so one unit on the axis."""
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    year = edition.performance_year
    names = subcategory_labels(delivery)
    notes = [_of_plan(a, p) if n == "" else _code(n, _NOTES)
             for a, p, n in zip(delivery[actual], delivery[plan], delivery["delivery_note"])]
    under = names[delivery["delivery_rate"] < 1].tolist()
    summary = indicators.delivery_summary(delivery)
    counts = count_claims(sp, year, subcategories_short=summary["short"],
                          subcategories=summary["rows"])
    counts["rows"] = counts["subcategories"]
    if not counts["subcategories_short"]:
        finding = t(f"all quantified subcategories delivered at least as planned in {year}",
                    f"{year} 年所有量化次类别的交付均不少于计划")
    else:
        finding = t(f"{counts['subcategories_short']} of {counts['rows']} subcategories fell "
                    f"short of the {year} plan",
                    f"{counts['rows']} 个次类别中有 {counts['subcategories_short']} 个未达到 "
                    f"{year} 年计划")
    title = f"{label}{t(': ', '：')}{finding}"
    alt = t(f"Horizontal bar chart of the {year} delivery rate (actual as a percentage of plan) "
            f"for each deliverable subcategory of {label}, with a dashed line at 100 "
            f"percent; each subcategory in its own unit. "
            + "; ".join(f"{name}: {note}" for name, note in zip(names, notes))
            + f". Below plan: {', '.join(under) if under else 'none'}.",
            f"横条形图（{label}）：各应交付产出次类别 {year} 年的交付率（实际占计划的百分比），"
            f"虚线标示 100%；各次类别按其自身单位。"
            + "；".join(f"{name}：{note}" for name, note in zip(names, notes))
            + f"。低于计划：{_none_or(under)}。")
    h = _CHART_HEADERS
    frame = pd.DataFrame({h["subcategory"]: names.values,
                          h["delivery rate"]: (delivery["delivery_rate"] * 100).values,
                          h["note"]: notes})
    return charts.hbars(frame, h["subcategory"], h["delivery rate"], title=title, alt=alt,
                        source=_cite(edition, table_name(delivery["table"].iloc[0])
                                     + t(" (sums of the line items)", "（各逐项产出之和）")),
                        xlabel=t(f"{year} actual as % of {year} plan",
                                 f"{year} 年实际占 {year} 年计划的百分比（%）"),
                        reference=100, annotate=h["note"], unit=t("% of plan", "占计划的 %"),
                        decimals=0, name=f"{sp}_delivery_{year}")


def change_chart(change: pd.DataFrame, edition: Edition, label: str, sp: str):
    """The current year's plan beside the budget year's, one panel per subcategory, each on
    its own axis in its own unit (``change``: :func:`budgetbook.indicators.plan_change` of
    the item totals, from the current to the budget year's plan); a sentence instead when
    no subcategory changes (a chart of equal bars says nothing)."""
    base, new = edition.measure("current_plan"), edition.measure("budget_plan")
    y0, y1 = edition.current_year, edition.budget_year
    if len(change) and (change["change"] == 0).all():
        return paragraph(t(f"The {y1} plan equals the {y0} plan in each of the {len(change)} "
                           f"subcategories, so there is no change to chart.",
                           f"{len(change)} 个次类别的 {y1} 年计划均与 {y0} 年计划相同，"
                           f"因此没有可绘制的变化。"))
    headings = _measure_labels(edition)
    names = subcategory_labels(change)
    notes = [f"{b} → {n}" + (t(f" ({_code(note, _NOTES)})", f"（{_code(note, _NOTES)}）")
                             if note else "")
             for b, n, note in zip(change[base], change[new], change["change_note"])]
    up = names[change["change"] > 0].tolist()
    down = names[change["change"] < 0].tolist()
    summary = indicators.change_summary(change)
    c = count_claims(sp, y1, subcategories_higher=summary["higher"],
                     subcategories_lower=summary["lower"], subcategories=summary["rows"])
    counts = {"higher": c["subcategories_higher"], "lower": c["subcategories_lower"],
              "rows": c["subcategories"]}
    title = t(f"{label}: {y1} plan is higher than {y0} in {counts['higher']}, "
              f"lower in {counts['lower']} of {counts['rows']} subcategories",
              f"{label}：{counts['rows']} 个次类别中，{y1} 年计划高于 {y0} 年的有 "
              f"{counts['higher']} 个，低于的有 {counts['lower']} 个")
    alt = t(f"Horizontal bar charts, one panel per deliverable subcategory of {label}, each "
            f"on its own axis in its own unit, giving the {y0} plan and the {y1} plan. "
            f"Increases: {', '.join(up) or 'none'}. Decreases: {', '.join(down) or 'none'}. "
            + "; ".join(f"{name}: {note}" for name, note in zip(names, notes)),
            f"横条形图（{label}）：每个应交付产出次类别一个面板，各用自身的坐标轴和单位，显示 "
            f"{y0} 年计划和 {y1} 年计划。增加：{_none_or(up)}。减少：{_none_or(down)}。"
            + "；".join(f"{name}：{note}" for name, note in zip(names, notes)) + "。")
    h = _CHART_HEADERS
    frame = pd.DataFrame({h["subcategory"]: names.values,
                          h["unit"]: subcategory_units(change).values,
                          headings[base]: change[base].values, headings[new]: change[new].values,
                          h["change"]: change["change"].values, h["note"]: notes})
    return charts.measure_bars(frame, h["subcategory"], title=title, alt=alt,
                               measures={headings[base]: ("current_plan", headings[base]),
                                         headings[new]: ("budget_plan", headings[new])},
                               source=_cite(edition, table_name(change["table"].iloc[0])
                                            + t(" (sums of the line items)", "（各逐项产出之和）")),
                               unit=t("number, in each panel's own unit (in its title)",
                                      "数目，各按面板自身的单位（见面板标题）"),
                               units=h["unit"], keep=(h["change"], h["note"]),
                               name=f"{sp}_change_{y0}_{y1}")


def plan_vs_actual_table(plan_vs_actual: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per subcategory: the budget year's plan against the performance year's actual
    (``plan_vs_actual``: :func:`budgetbook.indicators.plan_change` from that actual to
    that plan)."""
    actual, plan = edition.measure("prior_actual"), edition.measure("budget_plan")
    headings = _measure_labels(edition)
    frame = plan_vs_actual
    notes = {"new": t(f"nothing delivered in {edition.performance_year}",
                      f"{edition.performance_year} 年无交付"),
             "discontinued": t(f"none planned for {edition.budget_year}",
                               f"{edition.budget_year} 年无计划")}
    return _headed(pd.DataFrame({
        "subcategory": subcategory_labels(frame), headings[actual]: frame[actual],
        headings[plan]: frame[plan], "change": frame["change"],
        "change %": [("—" if pd.isna(p) else f"{p:+.0f}%") for p in frame["change_pct"]],
        "note": [notes.get(n, _code(n, _NOTES)) for n in frame["change_note"]],
    }).reset_index(drop=True))


def narrative_table(narrative: pd.DataFrame) -> pd.DataFrame:
    """The narrative deliverables (categories C to E) of a subprogramme."""
    return _headed(pd.DataFrame({
        "category": narrative["category"],
        "subcategory": language.labels(narrative, "subcategory").fillna(
            t("(no label printed)", "（原文未印标签）")),
        "deliverable": language.labels(narrative, "text"),
    }).reset_index(drop=True))


# ---- results and their measures ------------------------------------------------------

def result_blocks(results: pd.DataFrame, tables, edition: Edition) -> Note:
    """Every result of ``results`` (a subprogramme's rows of results.csv) as the chapter
    shows it: its title, what its measure is, and the measure itself (a text table read by
    year, or what the paragraphs state of a figure)."""
    blocks = []
    for _, row in results.sort_values("result").iterrows():
        kind = (t(f"{edition.performance_year} performance highlight",
                  f"{edition.performance_year} 年方案执行情况") if row["result"] == 0
                else t(f"Result {row['result']}", f"成果 {row['result']}"))
        kind_, number_ = row["measure"].split(" ")
        caption = _measure_caption(tables, edition, kind_, number_)
        cells = table(measure_view(tables, edition, kind_, number_),
                      name=f"{row['subprogramme']}_{kind_}_{number_}".lower().replace(".", "_"))
        if language.current() == "zh":
            # the source's title alone; the paragraph and the measure by their Chinese names
            title = language.label(row, "title")
            measure = _measure_name(tables["figures"], row["measure"])
            where = paragraph_name(row["first_paragraph"])
            blocks.append(Note(
                details(f"{escape(kind)}：{escape(title)}",
                        f"<p><small>出自{escape(where)}；业绩计量：{escape(measure)}</small>"
                        f"</p>{caption.html}{cells.html}", "budgetbook-result"),
                f"{kind}：{title}（出自{where}；{measure}）\n{caption.text}\n{cells.text}",
                cells.data))
            continue
        # Each result one line (its title), its measure one click away.
        blocks.append(Note(
            details(f"{escape(kind)}: {escape(row['title_en'])}",
                    f"<p><span lang=\"zh\">{escape(row['title_zh'])}</span><br/><small>From "
                    f"paragraph {escape(row['first_paragraph'])}; performance measure: "
                    f"{escape(row['measure'])}</small></p>{caption.html}{cells.html}",
                    "budgetbook-result"),
            f"{kind}: {row['title_en']} (from {row['first_paragraph']}; {row['measure']})\n"
            f"{caption.text}\n{cells.text}", cells.data))
    if not blocks:
        return paragraph(t("The source states no results for this subprogramme.",
                           "原文未列出本次级方案的成果。"))
    return join(blocks)


def measure_view(tables, edition: Edition, kind: str, number_: str) -> pd.DataFrame:
    """A result's performance measure: a text table's statements by year ('Table'), or
    every year a figure may show ('Figure', :func:`figure_values`)."""
    if kind == "Table":
        pm = tables["performance_measures"]
        pm = pm[pm["table"] == number_].sort_values(["row", "year"])
        return _headed(pd.DataFrame({
            "year": pm["year"], "status": _codes(pm["status"], _CELL_STATUSES), "row": pm["row"],
            "statement (our translation)": language.labels(pm, "text").fillna(
                t("(cell empty in the source)", "（原文此格为空）")),
        }).reset_index(drop=True))
    return figure_values(tables, edition, number_)


def figure_values(tables, edition: Edition, figure: str) -> pd.DataFrame:
    """Every year a figure may show (Y-4 to Y): the values its paragraphs state, else
    'not stated' (never a value the text does not give)."""
    f = tables["figures"]
    fig = f[f["figure"] == figure].iloc[0]
    targets = tables["targets"]
    stated = targets[targets["figure"] == figure]
    rows = []
    for year in edition.years:
        of_year = stated[stated["year"] == year]
        if len(of_year):
            for _, s in of_year.iterrows():
                unit = in_language(s, "unit")
                rows.append({"year": year, "series": language.label(s, "indicator"),
                             "value stated": number(s["actual"], unit),
                             "target stated": number(s["target"], unit),
                             "cited in": paragraph_name(s["paragraph"])})
        else:
            rows.append({"year": year, "series": "", "value stated": not_stated(),
                         "target stated": not_stated() if year >= edition.performance_year
                         else "", "cited in": ""})
    out = _headed(pd.DataFrame(rows))
    out.attrs["title"] = (f"{figure_name(figure, fig['number'])}{t(': ', '：')}"
                          f"{language.label(fig, 'title')}")
    return out


def _measure_caption(tables, edition: Edition, kind: str, number_: str) -> Note:
    if kind == "Table":
        text = t(f"Table {number_} is a text table; each cell is one statement, read by year "
                 f"(actual for past years, planned for {edition.current_year} and "
                 f"{edition.budget_year}).",
                 f"{table_name(number_)} 为文字表，每格为一项陈述，按年份阅读（以往年份为实际，"
                 f"{edition.current_year} 年和 {edition.budget_year} 年为计划）。")
    else:
        f = tables["figures"]
        fig = f[f["figure"] == number_].iloc[0]
        if pd.isna(fig["basis"]):
            basis = ""
        else:
            basis = t(f" ({fig['basis'].replace('_', ' ')})", f"（{_code(fig['basis'], _BASES)}）")
        text = t(f"Figure {number_}{basis}: {fig['title_en']}. The source text prints the figure "
                 f"without its bar values; its table shows only what the paragraphs state.",
                 f"{figure_name(number_, fig['number'])}{basis}：{language.label(fig, 'title')}。"
                 f"原文印出此图而未附条形的数值；下表只列出各段所述的数值。")
    return Note(f"<p><em>{escape(text)}</em></p>", text)


# ---- targets ----------------------------------------------------------------------

def target_chart(attainment: pd.DataFrame, edition: Edition, label: str, sp: str):
    """Actual as a percentage of target, for statements with both; a Note if there are none."""
    year = edition.performance_year
    frame = attainment[attainment["attainment"].notna()].copy()
    if frame.empty:
        count_claims(sp, year, targets_as_counts=0, targets_as_counts_missed=0)
        before = t(f"No {year} target is stated as a count with a number, so no attainment "
                   f"ratio can be drawn (percentages are compared in percentage points, in ",
                   f"没有以数目表述并给出数字的 {year} 年具体目标，因此无法绘制实现比率"
                   f"（百分比在")
        where, after = t("the register above", "上方的成果登记册"), t(").", "中以百分点比较）。")
        return Note(f"<p>{escape(before)}{pointer('#' + RESULTS_REGISTER_ANCHOR, where)}"
                    f"{escape(after)}</p>", before + where + after)
    h = _CHART_HEADERS
    names = [t(f"R{r}: {i}", f"成果 {r}：{i}")
             for r, i in zip(frame["result"], language.labels(frame, "indicator"))]
    notes = [t(f"{number(a, u)} vs target {number(g, u)}",
               f"{number(a, u)}，具体目标 {number(g, u)}")
             for a, g, u in zip(frame["actual"], frame["target"],
                                in_language_values(frame, "unit"))]
    summary = indicators.target_summary(frame)
    c = count_claims(sp, year, targets_as_counts=summary["with_target"],
                     targets_as_counts_missed=summary["not_met"])
    counts = {"not_met": c["targets_as_counts_missed"]}
    n = c["targets_as_counts"]
    if not counts["not_met"]:
        finding = t(f"every {year} target stated as a count was met or exceeded",
                    f"以数目表述的 {year} 年具体目标全部达到或超出")
    else:
        finding = t(f"{counts['not_met']} of {n} {year} targets stated as counts missed",
                    f"以数目表述的 {n} 项 {year} 年具体目标中有 {counts['not_met']} 项未达到")
    # a finding on few cases says how few
    few = (t(f" (rests on {n} target{'s' if n != 1 else ''})", f"（仅依据 {n} 项具体目标）")
           if n < 5 else "")
    title = f"{label}{t(': ', '：')}{finding}{few}"
    alt = t(f"Horizontal bar chart of {year} actual as a percentage of the {year} target for "
            f"{label}, dashed line at 100 percent. "
            + "; ".join(f"{name}: {note}" for name, note in zip(names, notes)),
            f"横条形图（{label}）：{year} 年实际占 {year} 年具体目标的百分比，虚线标示 100%。"
            + "；".join(f"{name}：{note}" for name, note in zip(names, notes)) + "。")
    paragraphs = list(dict.fromkeys(frame["paragraph"]))
    shown = pd.DataFrame({h["target"]: names, h["attainment"]: (frame["attainment"] * 100).values,
                          h["note"]: notes})
    return charts.hbars(shown, h["target"], h["attainment"], title=title, alt=alt,
                        source=_cite(edition, t(f"paragraphs {', '.join(paragraphs)}",
                                                f"第 {'、'.join(paragraphs)} 段")),
                        xlabel=t(f"{year} actual as % of {year} target",
                                 f"{year} 年实际占 {year} 年具体目标的百分比（%）"),
                        reference=100, annotate=h["note"], unit=t("% of target", "占具体目标的 %"),
                        decimals=0, name=f"{sp}_targets_{year}")


# ---- mandates ---------------------------------------------------------------------

# Each kind of instrument (budgetbook.indicators.instrument) counted more than once; in
# Chinese, which has no plural, the one name for any count.
INSTRUMENT_PLURALS = Phrases({
    "resolution": ("resolutions", "决议"), "decision": ("decisions", "决定"),
    "resolution or decision": ("resolutions or decisions", "决议或决定"),
    "convention or protocol": ("conventions or protocols", "公约或议定书"),
    "statement or declaration": ("statements or declarations", "声明或宣言"),
    "other": ("other", "其他文书")})


def _instruments(kind: str, n: int) -> str:
    """'<n> resolutions' ('1 resolution'): a count of one kind of instrument."""
    return t(f"{n} {INSTRUMENT_PLURALS[kind] if n != 1 else kind}",
             f"{n} 项{INSTRUMENT_PLURALS[kind]}")


# A symbol the Chinese source prints in words ('第 <n> 号决定'), as the English
# edition writes it ('decision <n>').
_SYMBOL_WORDS = (("号决定", "decision"), ("号决议", "resolution"))


def symbol_in_language(symbol) -> str:
    """A mandate's symbol as a page in the language in use shows it: in English, one the
    source prints in Chinese words ('第 <n> 号决定') in the English form ('decision
    <n>'); otherwise as printed ('' for none)."""
    import re
    if not isinstance(symbol, str):
        return ""
    if language.current() == "zh":
        return symbol
    for words, kind in _SYMBOL_WORDS:
        m = re.fullmatch(rf"第\s*(\S+)\s*{words}", symbol.strip())
        if m:
            return f"{kind} {m.group(1)}"
    return symbol


def mandates_table(mandates: pd.DataFrame) -> pd.DataFrame:
    """The mandate entries a subprogramme lists, as printed, with how many instruments
    (symbols) each holds and the source's footnote where it prints one."""
    m = mandates
    out = pd.DataFrame({
        "issued by": m["body"].map(BODY_NAMES), "symbol": m["symbol"].map(symbol_in_language),
        "instruments": [len(indicators.entry_symbols(s)) for s in m["symbol"]],
        "title": language.labels(m, "title").fillna(t("(no title printed)", "（原文未印标题）")),
    })
    footnotes = language.labels(m, "footnote")
    if footnotes.notna().any():
        out["footnote in the source"] = footnotes.fillna("")
    return _headed(out.reset_index(drop=True))


def mandates_summary(by_body: pd.DataFrame, entries: int, shared: tuple[int, int] | None = None,
                     scope: str | None = None) -> Note:
    """How many mandates a subprogramme lists: printed ``entries``, the instruments they
    hold by issuing body and kind (``by_body``: :func:`budgetbook.indicators.mandates_by_body`
    of :func:`budgetbook.indicators.mandate_symbols`, by body and instrument), and the
    programme-wide list every subprogramme shares (``shared``: entries, instruments)."""
    if by_body.empty:
        text = t("The source lists no legislative mandates specific to this subprogramme.",
                 "原文未列出本次级方案特有的立法授权。")
    else:
        parts = [f"{BODY_NAMES[b]}{t(': ', '：')}{_instruments(k, n)}"
                 for b, k, n in zip(by_body["body"], by_body["instrument"], by_body["mandates"])]
        c = count_claims(scope, None, mandate_instruments=int(by_body["mandates"].sum()),
                         mandate_entries=entries)
        total, entries = c["mandate_instruments"], c["mandate_entries"]
        text = t(f"{total} instruments in {entries} printed entries (an entry may list several "
                 f"resolutions). " + "; ".join(parts) + ".",
                 f"原文所列 {entries} 个条目共含 {total} 项文书（一个条目可列出多项决议）。"
                 + "；".join(parts) + "。")
    if shared is None:
        return Note(f"<p>{escape(text)}</p>", text)
    if scope is not None:
        c = count_claims(PROGRAMME_ID, None, mandate_entries=shared[0],
                         mandate_instruments=shared[1])
        shared = (c["mandate_entries"], c["mandate_instruments"])
    # the pointer is a link, to the list it names, with the claims that list states (a
    # test follows it and finds them there)
    href = config.page_href("notebooks/chapter", f"notebooks/{config.OVERVIEW_STEM}",
                            language.current(), config.PROGRAMME_MANDATES_ANCHOR)
    where = t("in the overview", "在概览中")
    held = [f"{PROGRAMME_ID}.mandate_entries", f"{PROGRAMME_ID}.mandate_instruments"]
    before = t(f" The programme-wide list ({shared[1]} instruments in {shared[0]} entries) "
               f"applies to every subprogramme as well; it is listed in full once, ",
               f"方案总体清单（{shared[0]} 个条目共 {shared[1]} 项文书）也适用于每个次级方案，只")
    after = t(".", "全文列出一次。")
    return Note(f"<p>{escape(text + before)}{pointer(href, where, holds=held)}"
                f"{escape(after)}</p>", text + before + where + after)


# ---- the chapter's findings, as sentences for the "At a glance" list -----------------

def _of(n: int, total: int, what: str) -> str:
    return f"{n} of {total} {what}"


def delivery_finding(summary: dict[str, int], items: dict[str, int], material: int,
                     edition: Edition, scope: str | None = None,
                     threshold: float = indicators.MATERIAL_DELIVERY) -> Note:
    """The delivery line: subcategories (``summary``), then line items (``items``), both
    from :func:`budgetbook.indicators.delivery_summary`, and the number of material item
    shortfalls (:func:`budgetbook.indicators.shortfalls` at ``threshold``). Counts only:
    units differ. Each count is the claim ``<scope>.<name>`` (:func:`budgetbook.claims.claim`)."""
    year = edition.performance_year
    c = count_claims(scope, year, subcategories_with_plan=summary["planned"],
                     subcategories_in_full=summary["in_full"], subcategories_short=summary["short"],
                     subcategories_unplanned=summary["unplanned"])
    if c["subcategories_with_plan"] == 0:
        sentence = t(f"no subcategory has a {year} plan above nil",
                     f"没有任何次类别的 {year} 年计划高于零")
    else:
        sentence = t(f"{c['subcategories_in_full']} of the {c['subcategories_with_plan']} "
                     f"subcategories with a {year} plan delivered at least the plan; "
                     f"{c['subcategories_short']} fell short",
                     f"在 {year} 年有计划的 {c['subcategories_with_plan']} 个次类别中，"
                     f"{c['subcategories_in_full']} 个的交付不少于计划，"
                     f"{c['subcategories_short']} 个未达到计划")
    if c["subcategories_unplanned"]:
        sentence += t(f"; {c['subcategories_unplanned']} delivered without a plan",
                      f"；{c['subcategories_unplanned']} 个无计划而有交付")
    if items["planned"]:
        i = count_claims(scope, year, threshold, items_with_plan=items["planned"],
                         items_in_full=items["in_full"], material_shortfalls=material)
        share = f"{threshold:.0%}"
        sentence += t(f". Line items: {i['items_in_full']} of the {i['items_with_plan']} with a "
                      f"{year} plan delivered in full; {i['material_shortfalls']} delivered less "
                      f"than {share} of plan",
                      f"。逐项产出：{year} 年有计划的 {i['items_with_plan']} 项中，"
                      f"{i['items_in_full']} 项全额交付；{i['material_shortfalls']} 项的交付少于"
                      f"计划的 {share}")
    return render_text(sentence + t(".", "。"))


def change_finding(summary: dict[str, int], edition: Edition, scope: str | None = None) -> Note:
    """The plans line (``summary``: :func:`budgetbook.indicators.change_summary`)."""
    c = count_claims(scope, edition.budget_year, subcategories_higher=summary["higher"],
                     subcategories_lower=summary["lower"],
                     subcategories_unchanged=summary["unchanged"],
                     subcategories=summary["rows"])
    rows = c["subcategories"]
    return render_text(t(
        f"the {edition.budget_year} plan is higher than the {edition.current_year} plan in "
        f"{c['subcategories_higher']}, lower in {c['subcategories_lower']} and unchanged in "
        f"{c['subcategories_unchanged']} of {rows} subcategories.",
        f"在 {rows} 个次类别中，{edition.budget_year} 年计划高于 "
        f"{edition.current_year} 年计划的有 {c['subcategories_higher']} 个，低于的有 "
        f"{c['subcategories_lower']} 个，不变的有 {c['subcategories_unchanged']} 个。"))


# The verdicts of budgetbook.indicators.result_verdicts as a sentence counts them, with the
# name of each count's claim.
_VERDICT_PHRASES = {
    "supported": ("statements_supported", "supported by the numbers", "得到数字印证"),
    "contradicted": ("statements_contradicted", "contradicted by them", "与数字相矛盾"),
    "unverifiable": ("statements_unverifiable", "unverifiable (a status without a number)",
                     "无法核实（有状况而无数字）"),
    "no status": ("statements_no_status", "with no status stated", "未说明状况")}


def target_finding(verdicts: pd.DataFrame, scope: str | None = None) -> Note:
    """The targets line: the verdicts of :func:`budgetbook.indicators.result_verdicts` on
    a subprogramme's statements (or the programme's), counted."""
    years = verdicts["year"].dropna() if "year" in verdicts else pd.Series([], dtype=float)
    year = int(years.max()) if len(years) else None
    counts = verdicts["verdict"].value_counts()
    c = count_claims(scope, year, statements=len(verdicts),
                     **{name: int(counts.get(v, 0))
                        for v, (name, _, _) in _VERDICT_PHRASES.items()})
    n = c["statements"]
    if n == 0:
        return render_text(t("the performance paragraphs state no number and no status.",
                             "业绩段落既未给出数字，也未说明状况。"))
    parts = [t(f"{c[name]} {en}", f"{c[name]} 项{zh}")
             for name, en, zh in _VERDICT_PHRASES.values() if c[name]]
    return render_text(t(f"{n} statement{'s' if n != 1 else ''} of performance against a "
                         f"target: " + "; ".join(parts) + ".",
                         f"共 {n} 项对照具体目标的业绩陈述：" + "；".join(parts) + "。"))


def quoted(words: str) -> str:
    """The source's own words as a page quotes them (``words``: in the language in use,
    language.label): in Chinese the original, “…”; in English the book's translation,
    marked as such: (our translation) “…”."""
    if language.current() == "zh":
        return f"“{words.rstrip('。')}”"
    return f"(our translation) “{words.rstrip('.')}”"


def missed_targets_finding(verdicts: pd.DataFrame, labels: dict[str, str],
                           scope: str | None = None) -> Note:
    """The missed-targets line: each statement whose numbers or stated status say the target
    was not met (``verdicts``: :func:`budgetbook.indicators.result_verdicts`), with its
    numbers, where it stands and the reason the text gives ('no reason given' otherwise),
    quoted in the source's words (in English, the book's translation, marked so)."""
    v = verdicts
    missed = v[(v["status_computed"] == "not_met").fillna(False)
               | (v["status_stated"] == "not_met").fillna(False)]
    years = v["year"].dropna()
    n = count_claims(scope, int(years.max()) if len(years) else None,
                     targets_missed=len(missed))["targets_missed"]
    if missed.empty:
        return render_text(t("no target was missed, by the numbers or by the text's account.",
                             "无论按数字还是按案文的说法，都没有未达到的具体目标。"))
    parts = []
    for _, r in missed.iterrows():
        reason = language.label(r, "reason")
        why = (t(f"the text says {quoted(reason)}", f"案文称：{quoted(reason)}")
               if isinstance(reason, str) else t("the text gives no reason", "案文未说明原因"))
        indicator = language.label(r, "indicator")
        actual = number(r["actual"], in_language(r, "unit"))
        parts.append(t(f"{indicator}: {actual} against a target of {number(r['target'])} "
                       f"({labels[r['subprogramme']]}, paragraph {r['paragraph']}); {why}",
                       f"{indicator}：{actual}，具体目标为 {number(r['target'])}"
                       f"（{labels[r['subprogramme']]}，{paragraph_name(r['paragraph'])}）；"
                       f"{why}"))
    return render_text(t(f"{n} target{'s were' if n != 1 else ' was'} not met. "
                         + ". ".join(parts) + ".",
                         f"{n} 项具体目标未达到。" + "。".join(parts) + "。"))


def audit_finding(findings: pd.DataFrame, scope: str | None = None) -> Note:
    """The source-audit line: how many listed findings concern the chapter."""
    n = count_claims(scope, None, audit_findings=len(findings))["audit_findings"]
    if n == 0:
        return render_text(t("no irregularity listed for this chapter.", "本章没有列出异常。"))
    return render_text(t(f"{n} finding{'s' if n != 1 else ''} listed for this chapter "
                         f"(in the box below).", f"本章列出 {n} 项发现（见下框）。"))


# ---- exceptions: what fell short, what is new, what was dropped ---------------------

def gap_text(gap, gap_share) -> str:
    """A shortfall's gap in its own unit and as a share of plan: '28 (82% of plan)'."""
    return t(f"{gap} ({gap_share:.0%} of plan)", f"{gap}（计划的 {gap_share:.0%}）")


def item_source(table, item_no) -> str:
    """Where an item stands in the document: 'Table <table>, item <number>'."""
    return t(f"Table {table}, item {item_no}", f"{table_name(table)}，第 {item_no} 项")


def no_explanation() -> str:
    """What an exception says where the source explains nothing, in the language in use."""
    return t("no explanation given in the source", "原文未给出解释")


def __getattr__(name: str):
    # NO_EXPLANATION, once a constant, read in the language in use at the time it is read.
    if name == "NO_EXPLANATION":
        return no_explanation()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# What the text marks about an item's timing (deliverable_timing.csv), as a reader names it.
TIMING_NAMES = Phrases({"cyclical": ("cyclical", "周期性"),
                         "ad_hoc": ("ad hoc body", "特设机构"),
                         "event_bound": ("tied to one event", "与单一事件挂钩")})


def exceptions_summary(exceptions: pd.DataFrame) -> str:
    """The line that opens the folded exceptions: how many of each kind, e.g. 'Show the 7
    exceptions: delivered below 90% of the <year> plan 3; new in the <year> plan 4'."""
    counts = exceptions[_column("exception")].value_counts(sort=False)
    n = len(exceptions)
    return t(f"Show the {n} exception{'s' if n != 1 else ''}: "
             + "; ".join(f"{kind} {k}" for kind, k in counts.items()),
             f"显示 {n} 项例外情况：" + "；".join(f"{kind} {k}" for kind, k in counts.items()))


def timing_text(row) -> str:
    """A timing mark (a row of deliverable_timing.csv) as a reader sees it:
    'tied to one event: <what the text says> (line 1575)'; what the text says in the
    language in use (``note_en``, or in Chinese the book's translation, ``note_zh``)."""
    note = language.label(row, "note")
    return t(f"{TIMING_NAMES[row['timing']]}: {note} (line {row['raw_line']})",
             f"{TIMING_NAMES[row['timing']]}：{note}（第 {row['raw_line']} 行）")


def timing_marks(timing: pd.DataFrame | None) -> dict:
    """(table, item number) -> :func:`timing_text`, for the rows of deliverable_timing.csv
    given (none: an empty lookup)."""
    if timing is None:
        return {}
    return {(r["table"], r["item_no"]): timing_text(r) for _, r in timing.iterrows()}


def timing_table(items: pd.DataFrame, timing: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The items the text marks as cyclical, ad hoc or tied to one event (``timing``: a
    subprogramme's rows of deliverable_timing.csv; ``items``: its line items), with their
    four measures, so a change between years is read against the cycle, not as a trend."""
    keys = ["table", "item_no", "subprogramme"]
    marked = timing.merge(items[keys + ["item_en", "item_zh", *edition.measures]], on=keys,
                          how="inner")
    headings = _measure_labels(edition)
    out = pd.DataFrame({
        "item": _items(marked),
        "source": [item_source(tb, n) for tb, n in zip(marked["table"], marked["item_no"])],
        **{headings[m]: marked[m] for m in edition.measures},
        "what the text marks": [timing_text(r) for _, r in marked.iterrows()],
    })
    return _headed(out.reset_index(drop=True))


def exceptions_table(item_delivery: pd.DataFrame, item_change: pd.DataFrame,
                     edition: Edition, timing: pd.DataFrame | None = None,
                     scope: str | None = None,
                     threshold: float = indicators.MATERIAL_DELIVERY) -> pd.DataFrame:
    """The line items an evaluator asks about, each in its own unit: material shortfalls
    (ranked by the share of the plan not delivered, then by the gap), items delivered
    without a plan, and items new to or dropped from the budget year's plan.
    ``item_delivery`` is :func:`budgetbook.indicators.delivery_rate` of the items and
    ``item_change`` :func:`budgetbook.indicators.plan_change` of the items from the
    current year's plan to the budget year's. With ``timing`` (deliverable_timing.csv), an
    item the text marks as cyclical, ad hoc or tied to one event says so."""
    marks = timing_marks(timing)
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    current, budget = edition.measure("current_plan"), edition.measure("budget_plan")
    y, y0, y1 = edition.performance_year, edition.current_year, edition.budget_year
    short = indicators.shortfalls(item_delivery, plan, actual, threshold)
    unplanned = item_delivery[item_delivery["delivery_note"] == "unplanned"]
    # the counts its summary line states (exceptions_summary), as claims
    count_claims(scope, y, threshold, material_shortfalls=len(short),
                 items_unplanned=len(unplanned))
    count_claims(scope, y1, items_new=int((item_change["change_note"] == "new").sum()),
                 items_dropped=int((item_change["change_note"] == "discontinued").sum()))
    rows = []

    def add(kind, r, what, gap):
        rows.append({"exception": kind,
                     "subcategory": f"{r['category']}. {language.label(r, 'subcategory')}",
                     "item": f"{r['item_no']}. {language.label(r, 'item')}", "numbers": what,
                     "gap": gap, "source": item_source(r["table"], r["item_no"]),
                     "line in data/raw": r["raw_line"],
                     "explanation": no_explanation(),
                     "marked in the text": marks.get((r["table"], r["item_no"]), "—")})
    share = f"{threshold:.0%}"
    for _, r in short.iterrows():
        add(t(f"delivered below {share} of the {y} plan", f"交付少于 {y} 年计划的 {share}"), r,
            _of_plan(r[actual], r[plan]), gap_text(r["gap"], r["gap_share"]))
    for _, r in unplanned.iterrows():
        add(t(f"delivered in {y} without a plan", f"{y} 年无计划而有交付"), r,
            _of_plan(r[actual], r[plan]), "")
    for note, kind in (("new", t(f"new in the {y1} plan", f"{y1} 年计划新增")),
                       ("discontinued", t(f"dropped from the {y1} plan", f"{y1} 年计划取消"))):
        for _, r in item_change[item_change["change_note"] == note].iterrows():
            add(kind, r, t(f"{y0} plan {r[current]} → {y1} plan {r[budget]}",
                           f"{y0} 年计划 {r[current]} → {y1} 年计划 {r[budget]}"), "")
    return _headed(pd.DataFrame(rows, columns=["exception", "subcategory", "item", "numbers",
                                               "gap", "source", "line in data/raw",
                                               "explanation", "marked in the text"]))


# ---- the results register ---------------------------------------------------------

def results_register(verdicts: pd.DataFrame, figures: pd.DataFrame, edition: Edition,
                     results: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement of a result's performance (``verdicts``: a subprogramme's rows
    of :func:`budgetbook.indicators.result_verdicts`): its measure and whether the measure
    is cumulative or annual, the actual, the target, the gap (in percentage points for
    percentages), the stated status, the verdict on it, and the reason the text gives for
    a target not met ('none given' where it gives none). With ``results`` (results.csv),
    a statement without a figure names its result's measure (e.g. a text table)."""
    basis = dict(zip(figures["figure"], figures["basis"]))
    v = verdicts
    measure_of = ({} if results is None else
                  dict(zip(zip(results["subprogramme"], results["result"]), results["measure"])))
    measures = [_measure_name(figures, f"Figure {f}") if isinstance(f, str)
                else _measure_name(figures, measure_of.get((s, r), "—"))
                for f, s, r in zip(v["figure"], v["subprogramme"], v["result"])]

    def gap(value, unit, shown):
        # ``unit``: the English unit, which says what the gap is in; ``shown``: the unit in
        # the language in use (language.in_language), as the page prints it
        if pd.isna(value):
            return "—"
        points = unit == "percent"
        return f"{value:+,.0f}" + (t(" percentage points", " 个百分点") if points else
                                   (f" {shown}" if isinstance(shown, str) else ""))
    units = in_language_values(v, "unit")
    stated = v["status_stated"]
    return _headed(pd.DataFrame({
        "result": v["result"], "paragraph": v["paragraph"],
        "indicator": language.labels(v, "indicator").fillna(
            t("(the paragraph states no number and no status)", "（该段既未给出数字，也未说明状况）")),
        "measure": measures,
        "basis": [_code(basis.get(f), _BASES) if isinstance(basis.get(f), str) else "—"
                  for f in v["figure"]],
        "year": v["year"].astype("Int64"),
        "actual": [number(a, u) for a, u in zip(v["actual"], units)],
        "target": [number(g, u) if pd.notna(g) else t("none printed", "原文未印")
                   for g, u in zip(v["target"], units)],
        "gap (actual − target)": [gap(g, u, shown)
                                  for g, u, shown in zip(v["gap"], v["unit"], units)],
        "status stated": [_code(s, _STATUSES) if isinstance(s, str) else t("(none)", "（无）")
                          for s in stated],
        # a verdict against the stated word says what the numbers imply, beside it
        # ('exceeded' | 'contradicted (by the numbers: met)')
        "verdict": [_code(x, _VERDICTS) + (
            t(f" (by the numbers: {_code(c, _STATUSES)})", f"（按数字为{_code(c, _STATUSES)}）")
            if x == "contradicted" and isinstance(c, str) else "")
            for x, c in zip(v["verdict"], v["status_computed"])],
        # in English the book's translation, with the source's words beside it
        "reason given in the text (our translation)": [
            (r + (f" (original: “{zh}”)" if language.current() == "en" and isinstance(zh, str)
                  else "")) if isinstance(r, str) else
            (t("none given", "原文未给出") if "not_met" in {x for x in (s, c)
                                                        if isinstance(x, str)} else "—")
            for r, zh, s, c in zip(language.labels(v, "reason"), v["reason_zh"], stated,
                                   v["status_computed"])],
    }).reset_index(drop=True))


# ---- programme-wide findings (the overview's "At a glance") -------------------------

def items_finding(item_counts: pd.DataFrame, labels: dict[str, str], edition: Edition,
                  scope: str | None = None) -> Note:
    """The overview's delivery line, from :func:`budgetbook.indicators.delivery_counts` of
    the line items by subprogramme: counts of items, which compare across units."""
    year = edition.performance_year
    ranked = indicators.ranked_by_share(item_counts)
    if ranked.empty:
        return render_text(t(f"no line item has a {year} plan above nil.",
                             f"没有任何逐项产出的 {year} 年计划高于零。"))
    low = ranked.iloc[0]
    high = indicators.ranked_by_share(item_counts, lowest_first=False).iloc[0]
    c = count_claims(scope, year, items_in_full=int(ranked["in_full"].sum()),
                     items_with_plan=int(ranked["planned"].sum()))
    # the lowest and the highest subprogramme's counts are theirs, as their chapters state them
    ends = [count_claims(None if scope is None else r["subprogramme"], year,
                         items_in_full=int(r["in_full"]), items_with_plan=int(r["planned"]))
            for r in (low, high)]
    (lk, ln), (hk, hn) = [(e["items_in_full"], e["items_with_plan"]) for e in ends]
    return render_text(t(
        f"{c['items_in_full']} of the {c['items_with_plan']} line items with a {year} plan were "
        f"delivered in full; by subprogramme, from {lk} of {ln} "
        f"({labels[low['subprogramme']]}) to {hk} of {hn} ({labels[high['subprogramme']]}).",
        f"{year} 年有计划的 {c['items_with_plan']} 项逐项产出中，{c['items_in_full']} 项全额交付；"
        f"按次级方案计，从 {ln} 项中的 {lk} 项（{labels[low['subprogramme']]}）"
        f"到 {hn} 项中的 {hk} 项（{labels[high['subprogramme']]}）不等。"))


def plans_finding(item_change: pd.DataFrame, edition: Edition, scope: str | None = None
                  ) -> Note:
    """The overview's plans line, from :func:`budgetbook.indicators.plan_change` of the line
    items: how many items each plan raises, lowers or keeps (a count of items, unit-free),
    with the new and dropped ones; items at nil in both years are left out."""
    c = item_change[item_change["change_note"] != "nil"]
    summary = indicators.change_summary(c)
    k = count_claims(scope, edition.budget_year, items_either_year=summary["rows"],
                     items_higher=summary["higher"], items_lower=summary["lower"],
                     items_unchanged=summary["unchanged"],
                     items_new=int((c["change_note"] == "new").sum()),
                     items_dropped=int((c["change_note"] == "discontinued").sum()))
    return render_text(t(
        f"of the {k['items_either_year']} line items planned in {edition.current_year} or "
        f"{edition.budget_year}, the {edition.budget_year} plan is higher than the "
        f"{edition.current_year} plan for {k['items_higher']} ({k['items_new']} of them new), "
        f"lower for {k['items_lower']} ({k['items_dropped']} of them dropped) and unchanged for "
        f"{k['items_unchanged']}.",
        f"在 {edition.current_year} 年或 {edition.budget_year} 年有计划的 "
        f"{k['items_either_year']} 项逐项产出中，{edition.budget_year} 年计划高于 "
        f"{edition.current_year} 年计划的有 {k['items_higher']} 项（其中 {k['items_new']} "
        f"项为新增），低于的有 {k['items_lower']} 项（其中 {k['items_dropped']} 项被取消），"
        f"不变的有 {k['items_unchanged']} 项。"))


def shortfalls_finding(shortfalls: pd.DataFrame, item_counts: pd.DataFrame,
                       labels: dict[str, str], edition: Edition, scope: str | None = None,
                       threshold: float = indicators.MATERIAL_DELIVERY) -> Note:
    """The overview's shortfall line: how many material shortfalls, where, and the largest
    (``shortfalls``: :func:`budgetbook.indicators.shortfalls`, ranked)."""
    year = edition.performance_year
    c = count_claims(scope, year, threshold, items_with_plan=int(item_counts["planned"].sum()),
                     material_shortfalls=len(shortfalls),
                     subprogrammes_with_shortfalls=int(shortfalls["subprogramme"].nunique()))
    planned = c["items_with_plan"]
    if shortfalls.empty:
        return render_text(t(f"none of the {planned} line items with a {year} plan fell "
                             f"materially short.",
                             f"{year} 年有计划的 {planned} 项逐项产出中，没有重大短缺。"))
    top = shortfalls.iloc[0]
    n_sp = c["subprogrammes_with_shortfalls"]
    share = f"{threshold:.0%}"
    where = labels[top["subprogramme"]]
    return render_text(t(
        f"{c['material_shortfalls']} of the {planned} line items with a {year} plan delivered "
        f"less than {share} of plan, in {n_sp} subprogramme"
        f"{'s' if n_sp != 1 else ''}; the largest share undelivered: {top['item_en']} "
        f"({where}, Table {top['table']}, item {top['item_no']}).",
        f"{year} 年有计划的 {planned} 项逐项产出中，{c['material_shortfalls']} 项的交付少于计划的 "
        f"{share}，分布在 {n_sp} 个次级方案；未交付比例最大的是：{language.label(top, 'item')}"
        f"（{where}，{table_name(top['table'])}，第 {top['item_no']} 项）。"))
