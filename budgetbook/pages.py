"""The reference pages' views: the source audit and the data dictionary."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .render import Note, escape
from .views import NOTEBOOKS, chapter_labels


def audit_by_category(tables) -> Note:
    """The source audit chapter: every listed finding, grouped by category, linked to its
    chapter (pages are siblings under the site root: book/ and notebooks/)."""
    issues = tables["source_issues"]
    labels = chapter_labels(tables)
    parts_html, parts_text = [], []
    for category, group in issues.groupby("category", sort=False):
        title = category.replace("_", " ").capitalize()
        parts_html.append(f"<h3>{escape(title)} ({len(group)})</h3><ul>")
        parts_text.append(f"{title} ({len(group)})")
        for r in group.itertuples():
            if isinstance(r.subprogramme, str):
                link = (f'<a href="../notebooks/{NOTEBOOKS[r.subprogramme]}.html">'
                        f"{escape(labels[r.subprogramme])}</a>")
            else:
                link = "whole document"
            how = "computed check" if r.found_by == "computed" else "found by reading"
            parts_html.append(
                f"<li><strong>{escape(r.issue_id)}</strong>, {escape(r.location)} (line "
                f"{r.raw_line} of data/raw; {link}; {how}): {escape(r.description_en)}<br/>"
                f"<span lang=\"zh\">{escape(r.source_wording_zh)}</span><br/>"
                f"<em>What the book does:</em> {escape(r.book_action)}</li>")
            parts_text.append(f"  {r.issue_id} {r.location}: {r.description_en}")
        parts_html.append("</ul>")
    return Note("".join(parts_html), "\n".join(parts_text))


def audit_counts(tables) -> pd.DataFrame:
    """Source-audit findings per category, by how each was found."""
    issues = tables["source_issues"]
    counts = issues.groupby(["category", "found_by"]).size().unstack(fill_value=0)
    counts.columns.name = None
    return counts.reset_index()


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
