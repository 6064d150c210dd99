"""The reference pages' views: the source audit, the source text and the data dictionary."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .render import Note, escape
from .views import NOTEBOOKS, chapter_labels


# Each kind of finding as a reader names it, most consequential first: statements the
# numbers do not support, then totals, then what is missing, misprinted or laid out oddly.
CATEGORY_NAMES = {
    "status_against_numbers": "A status word the numbers contradict",
    "status_without_target": "“Met” or “exceeded” with no number to check it against",
    "title_contradicts_paragraph": "A title its own paragraph contradicts",
    "total_mismatch": "Printed totals that are not the sum of their items",
    "duplicated_block": "A block printed twice, value for value",
    "figure_values_not_stated": "Figures whose values the text does not state",
    "value_missing": "Values missing from a table",
    "missing_category": "A deliverable category the table leaves out",
    "label_missing": "A row or column without its label",
    "misprinted_header": "Misprinted column headers",
    "possible_misprint": "Possible misprints",
    "identical_titles": "Different results under identical titles",
    "inconsistent_wording": "The same thing worded differently",
    "merged_cells": "Table cells run together (layout)",
    "odd_numbering": "Odd numbering (layout)",
}
SOURCE_TEXT_PAGE = "source_text.html"  # in book/, beside the source audit


def _inline_markdown(text: str) -> str:
    """Escape ``text`` and render the little Markdown the findings use: **bold**,
    *emphasis* and `code`."""
    out = escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


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
        parts_html.append(f'<h3 id="audit-{category.replace("_", "-")}">{escape(title)} '
                          f"({len(group)})</h3><ul>")
        parts_text.append(f"{title} ({len(group)})")
        for r in group.itertuples():
            if isinstance(r.subprogramme, str):
                link = (f'<a href="../notebooks/{NOTEBOOKS[r.subprogramme]}.html">'
                        f"{escape(labels[r.subprogramme])}</a>")
            else:
                link = "whole document"
            how = "computed check" if r.found_by == "computed" else "found by reading"
            line = f'<a href="{SOURCE_TEXT_PAGE}#line-{r.raw_line}">line {r.raw_line}</a>'
            parts_html.append(
                f"<li><strong>{escape(r.issue_id)}</strong>, {escape(r.location)} ({line} of "
                f"the source; {link}; {how}): {_inline_markdown(r.description_en)}<br/>"
                f"<span lang=\"zh\">{escape(r.source_wording_zh)}</span><br/>"
                f"<em>What the book does:</em> {_inline_markdown(r.book_action)}</li>")
            parts_text.append(f"  {r.issue_id} {r.location}: {r.description_en}")
        parts_html.append("</ul>")
    return Note("".join(parts_html), "\n".join(parts_text))


def audit_counts(tables) -> pd.DataFrame:
    """Source-audit findings per kind, most consequential first, by how each was found."""
    issues = tables["source_issues"]
    counts = pd.crosstab(issues["category"], issues["found_by"])
    counts = counts.reindex([c for c in CATEGORY_NAMES if c in counts.index])
    counts = counts.reindex(columns=["computed", "reading"], fill_value=0)
    return pd.DataFrame({"finding": [CATEGORY_NAMES[c] for c in counts.index],
                         "by a computed check": counts["computed"].to_numpy(),
                         "by reading": counts["reading"].to_numpy(),
                         "total": counts.sum(axis=1).to_numpy()})


def source_text(lines) -> Note:
    """The source text, line by line, each line numbered and addressable
    (``source_text.html#line-123``), so a finding or an item can point at its line."""
    items = "".join(f'<li id="line-{n}" value="{n}">{escape(line) or "&nbsp;"}</li>'
                    for n, line in enumerate(lines, start=1))
    return Note(f'<ol class="budgetbook-source" lang="zh">{items}</ol>',
                f"{len(lines)} lines of the source text")


def data_dictionary(descriptor: dict, data_dir) -> Note:
    """One table per resource of a Data Package descriptor, with its row count."""
    parts_html, parts_text = [], []
    for res in descriptor["resources"]:
        schema_ = res["schema"]
        path = Path(data_dir) / res["path"]
        n_rows = max(0, len(path.read_text(encoding="utf-8").splitlines()) - 1)
        parts_html.append(f"<h3><code>{escape(res['path'])}</code>: {escape(res['title'])}</h3>"
                          f"<p>{n_rows} rows; one row per key "
                          f"({escape(', '.join(schema_['primaryKey']))})"
                          + ("; <code>subprogramme</code> refers to <code>subprogrammes.csv</code>"
                             if schema_.get("foreignKeys") else "") + ".</p>"
                          + (f"<p>{escape(res['description'])}</p>" if res.get("description")
                             else ""))
        rows = []
        for f in schema_["fields"]:
            cons = f.get("constraints", {})
            rule = []
            if cons.get("required"):
                rule.append("required")
            if "enum" in cons:
                rule.append("one of: " + ", ".join(map(str, cons["enum"])))
            if "pattern" in cons:
                rule.append(f"pattern {cons['pattern']}")
            if "minimum" in cons:
                rule.append(f"≥ {cons['minimum']}")
            if "maximum" in cons:
                rule.append(f"≤ {cons['maximum']}")
            rows.append({"column": f["name"], "type": f["type"], "rules": "; ".join(rule),
                         "meaning": f["description"]})
        parts_html.append(pd.DataFrame(rows).to_html(index=False, escape=True, border=0,
                                                      classes="table"))
        parts_text.append(f"{res['path']}: {n_rows} rows, columns "
                          + ", ".join(f["name"] for f in schema_["fields"]))
    return Note("".join(parts_html), "\n".join(parts_text))
