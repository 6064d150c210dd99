"""The reference pages' views: the source audit, the source text and the data dictionary."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import claims, language
from .language import Phrases, english_only, t
from .language import in_language
from .render import Note, escape
from .views import NOTEBOOKS, count_claims, chapter_labels



# Each kind of finding as a reader names it, most consequential first: statements the
# numbers do not support, then totals, then what is missing, misprinted or laid out oddly.
CATEGORY_NAMES = Phrases({
    "status_against_numbers": ("A status word the numbers contradict",
                               "与数字相矛盾的状态用语"),
    "status_without_target": ("“Met” or “exceeded” with no number to check it against",
                              "称“达到”或“超出”计划目标，却无可供核对的数字"),
    "title_contradicts_paragraph": ("A title its own paragraph contradicts",
                                    "与本段内容相矛盾的标题"),
    "total_mismatch": ("Printed totals that are not the sum of their items",
                       "印出的合计不等于各项之和"),
    "duplicated_block": ("A block printed twice, value for value", "逐个数值重复印出的整块内容"),
    "figure_values_not_stated": ("Figures whose values the text does not state",
                                 "案文未说明数值的图"),
    "value_missing": ("Values missing from a table", "表中缺失的数值"),
    "missing_category": ("A deliverable category the table leaves out",
                         "表中遗漏的应交付产出类别"),
    "label_missing": ("A row or column without its label", "缺少标签的行或列"),
    "misprinted_header": ("Misprinted column headers", "印错的列标题"),
    "possible_misprint": ("Possible misprints", "可能的印刷错误"),
    "identical_titles": ("Different results under identical titles", "标题相同的不同成果"),
    "inconsistent_wording": ("The same thing worded differently", "同一事物措辞不一"),
    "merged_cells": ("Table cells run together (layout)", "表格单元格连在一起（排版）"),
    "odd_numbering": ("Odd numbering (layout)", "编号异常（排版）"),
})
# The Data Package's field types as the data dictionary names them.
_FIELD_TYPES = Phrases({"string": ("string", "文本"), "integer": ("integer", "整数"),
                        "number": ("number", "数值"), "boolean": ("boolean", "布尔值"),
                        "date": ("date", "日期")})
SOURCE_TEXT_PAGE = "source_text.html"  # in book/, beside the source audit


def _inline_markdown(text: str) -> str:
    """Escape ``text`` and render the little Markdown the findings use: **bold**,
    *emphasis* and `code`."""
    out = escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)




def _chapter_href(stem: str) -> str:
    """A chapter's page, from this page (book/<name>, or book/zh/<name> in Chinese)."""
    from .config import in_edition
    from .language import current

    page = in_edition(f"book/{SOURCE_TEXT_PAGE}", current())
    return "../" * page.count("/") + in_edition(f"notebooks/{stem}", current()) + ".html"


def audit_by_category(tables) -> Note:
    """The source audit chapter: every listed finding, grouped by kind in order of
    consequence (:data:`CATEGORY_NAMES`), each linked to its chapter and to its line of the
    source text (the Source text page)."""
    issues = tables["source_issues"]
    labels = chapter_labels(tables)
    parts_html, parts_text = [], []
    for category, title in CATEGORY_NAMES.items():
        group = issues[issues["category"] == category]
        if group.empty:
            continue
        n = claims.claim(f"audit.{category}", len(group),
                         f"findings of the source audit of the kind {category}")
        count = t(f"({n})", f"（{n}）")
        heading = t(f"{title} {count}", f"{title}{count}")
        parts_html.append(f'<h3 id="audit-{category.replace("_", "-")}">'
                          f"{escape(title)}{t(' ', '')}{count}</h3><ul>")
        parts_text.append(heading)
        for _, r in group.iterrows():
            sp, raw_line = r["subprogramme"], r["raw_line"]
            if isinstance(sp, str):
                link = (f'<a href="{_chapter_href(NOTEBOOKS[sp])}">'
                        f"{escape(labels[sp])}</a>")
            else:
                link = t("whole document", "整个文件")
            how = (t("computed check", "计算核查") if r["found_by"] == "computed"
                   else t("found by reading", "阅读发现"))
            line = (f'<a href="{SOURCE_TEXT_PAGE}#line-{raw_line}">'
                    f'{t(f"line {raw_line}", f"第 {raw_line} 行")}</a>')
            # location, description and what the book does: the book's own words, in the
            # language in use (in Chinese the book's translations, location_zh, ...)
            location = in_language(r, "location")
            description = language.label(r, "description")
            action = in_language(r, "book_action")
            where = t(f"({line} of the source; {link}; {how}): ",
                      f"（原文{line}；{link}；{how}）：")
            parts_html.append(
                f"<li><strong>{escape(r['issue_id'])}</strong>{t(', ', '，')}"
                f"{escape(location)}{t(' ', '')}{where}{_inline_markdown(description)}<br/>"
                f"<span lang=\"zh\">{escape(r['source_wording_zh'])}</span><br/>"
                f"<em>{t('What the book does:', '本书的处理：')}</em>"
                f"{t(' ', '')}{_inline_markdown(action)}</li>")
            parts_text.append(f"  {r['issue_id']} {location}{t(': ', '：')}{description}")
        parts_html.append("</ul>")
    return Note("".join(parts_html), "\n".join(parts_text))


def audit_by_chapter(tables) -> Note:
    """How many findings concern each chapter, as each chapter's audit box counts them (the
    same claims), and how many the whole document."""
    issues = tables["source_issues"]
    labels = chapter_labels(tables)
    parts = []
    for sp, label in labels.items():
        n = count_claims(sp, None, audit_findings=int((issues["subprogramme"] == sp).sum()))
        if n["audit_findings"]:
            parts.append(f'<a href="{_chapter_href(NOTEBOOKS[sp])}">{escape(label)}</a>'
                         f'{t(": ", "：")}{n["audit_findings"]}')
    whole = int(issues["subprogramme"].isna().sum())
    text = t(f"By chapter: {'; '.join(parts)}; the whole document: {whole}.",
             f"按章节：{'；'.join(parts)}；整个文件：{whole}。")
    return Note(f"<p>{text}</p>", re.sub(r"<[^>]+>", "", text))


def audit_counts(tables) -> pd.DataFrame:
    """Source-audit findings per kind, most consequential first, by how each was found."""
    issues = tables["source_issues"]
    counts = pd.crosstab(issues["category"], issues["found_by"])
    counts = counts.reindex([c for c in CATEGORY_NAMES if c in counts.index])
    counts = counts.reindex(columns=["computed", "reading"], fill_value=0)
    return pd.DataFrame({t("finding", "问题类别"): [CATEGORY_NAMES[c] for c in counts.index],
                         t("by a computed check", "经计算核查发现"):
                             counts["computed"].to_numpy(),
                         t("by reading", "经阅读发现"): counts["reading"].to_numpy(),
                         t("total", "合计"): counts.sum(axis=1).to_numpy()})


def source_text(lines) -> Note:
    """The source text, line by line, each line numbered and addressable
    (``source_text.html#line-123``), so a finding or an item can point at its line."""
    items = "".join(f'<li id="line-{n}" value="{n}">{escape(line) or "&nbsp;"}</li>'
                    for n, line in enumerate(lines, start=1))
    return Note(f'<ol class="budgetbook-source" lang="zh">{items}</ol>',
                t(f"{len(lines)} lines of the source text", f"原文共 {len(lines)} 行"))


def _rules(constraints: dict) -> str:
    """A field's constraints as the data dictionary states them: 'required; one of: a, b'."""
    rule = []
    if constraints.get("required"):
        rule.append(t("required", "必填"))
    if "enum" in constraints:
        # the values are the data's own codes, kept as the CSV holds them
        rule.append(t("one of: ", "取值之一：")
                    + t(", ", "、").join(map(str, constraints["enum"])))
    if "pattern" in constraints:
        rule.append(t(f"pattern {constraints['pattern']}", f"格式 {constraints['pattern']}"))
    if "minimum" in constraints:
        rule.append(f"≥ {constraints['minimum']}")
    if "maximum" in constraints:
        rule.append(f"≤ {constraints['maximum']}")
    return t("; ", "；").join(rule)


def data_dictionary(descriptor: dict, data_dir) -> Note:
    """One table per resource of a Data Package descriptor, with its row count. File and
    column names are the data contract and stay as they are in every language; the titles,
    descriptions and meanings are the descriptor's own English, and in Chinese their Chinese
    as budgetbook/schema.py declares it beside the English (:func:`schema.chinese_texts`,
    for the edition of ``data_dir``)."""
    from . import schema
    from .loading import read_edition
    chinese = (schema.chinese_texts(read_edition(data_dir)) if language.current() == "zh"
               else None)
    parts_html, parts_text = [], []
    for res in descriptor["resources"]:
        zh = chinese[res["name"]] if chinese else None
        title = escape(zh["title"]) if zh else english_only(escape(res["title"]))
        description = (escape(zh.get("description", "")) if zh
                       else english_only(escape(res["description"])) if res.get("description")
                       else "")
        schema_ = res["schema"]
        path = Path(data_dir) / res["path"]
        n_rows = max(0, len(path.read_text(encoding="utf-8").splitlines()) - 1)
        keys = escape(t(", ", "、").join(schema_["primaryKey"]))
        refers = schema_.get("foreignKeys")
        parts_html.append(
            f"<h3><code>{escape(res['path'])}</code>{t(': ', '：')}"
            f"{title}</h3>"
            + t(f"<p>{n_rows} rows; one row per key ({keys})"
                + ("; <code>subprogramme</code> refers to <code>subprogrammes.csv</code>"
                   if refers else "") + ".</p>",
                f"<p>{n_rows} 行；每个键（{keys}）一行"
                + ("；<code>subprogramme</code> 指向 <code>subprogrammes.csv</code>"
                   if refers else "") + "。</p>")
            + (f"<p>{description}</p>" if description else ""))
        rows = [{t("column", "列"): f["name"],
                 t("type", "类型"): _FIELD_TYPES.get(f["type"], f["type"]),
                 t("rules", "规则"): _rules(f.get("constraints", {})),
                 t("meaning", "含义"): zh["fields"][f["name"]] if zh else f["description"]}
                for f in schema_["fields"]]
        # budgetbook-schema: the meanings are budgetbook/schema.py's, in the language in use
        parts_html.append(pd.DataFrame(rows).to_html(index=False, escape=True, border=0,
                                                      classes="table budgetbook-schema budgetbook-identifiers"))
        names = [f["name"] for f in schema_["fields"]]
        parts_text.append(t(f"{res['path']}: {n_rows} rows, columns " + ", ".join(names),
                            f"{res['path']}：{n_rows} 行，列：" + "、".join(names)))
    return Note("".join(parts_html), "\n".join(parts_text))
