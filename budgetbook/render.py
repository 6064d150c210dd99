"""Rendering helpers: how a computed frame or sentence becomes part of a page.

A :class:`Note` is escaped HTML with a plain-text twin (what nbval compares, and what
MyST-NB's ``{glue:text}`` pastes into prose); :func:`table` turns a DataFrame into one;
:func:`save_outputs` writes what an analyst's run collects. No arithmetic lives here.
The words these helpers add (a download link, "not stated in the source") are in the
language in use when they are called (:mod:`budgetbook.language`); numbers are the same
in both languages.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .language import current, t


def not_stated() -> str:
    """What a table says of a value the source does not state, in the language in use."""
    return t("not stated in the source", "原文未说明")


def __getattr__(name: str):
    # NOT_STATED, once a constant, read in the language in use at the time it is read
    # (``render.NOT_STATED``; a name imported with ``from ... import`` is read once).
    if name == "NOT_STATED":
        return not_stated()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Note:
    """A block for the page: HTML (every data value escaped), plain text for nbval, and,
    for tables, the DataFrame itself (what the analysts' runs save as CSV)."""

    html: str
    text: str
    data: pd.DataFrame | None = None

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return self.text

    def _repr_pretty_(self, p, cycle):
        p.text(self.text)


# MyST-NB finds a glued value by this output metadata; an output whose MIME types carry the
# prefix is stored for pasting but not shown where it was glued.
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, value, display: bool = False) -> None:
    """Store ``value`` under ``name`` for MyST-NB to paste into the page's prose
    (``{glue:text}`name```), as :func:`myst_nb.glue` does, without importing MyST-NB and
    Sphinx into the kernel (its first call costs seconds per notebook)."""
    from IPython.core.formatters import format_display_data
    from IPython.display import display as show

    bundle, metadata = format_display_data(value)
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    show({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)


def text(sentence: str) -> Note:
    """A sentence for ``glue``: pasted into prose as plain text (no quotes around it)."""
    return Note(escape(sentence), sentence)


def paragraph(sentence: str, css: str | None = None) -> Note:
    """A sentence as a paragraph of the page (in an admonition box when ``css`` is given,
    e.g. ``"warning"``); an empty sentence gives an empty block."""
    if not sentence:
        return Note("", "")
    body = f"<p>{escape(sentence)}</p>"
    return Note(f'<div class="admonition {css}">{body}</div>' if css else body, sentence)


def table(df: pd.DataFrame, empty: str | None = None, *, name: str | None = None,
          group: str | None = None, collapse: str | None = None,
          download: pd.DataFrame | None = None, identifiers: bool = False,
          anchor: str | None = None) -> Note:
    """A DataFrame as a page table: full cell text, no index, every value escaped.

    ``empty``: a frame without rows shows that sentence instead of a bare header.
    ``name``: the table offers its numbers as ``<name>.csv`` (every column, every row), a
    link that works from the static site with no server (a data URL).
    ``group``: a column whose value heads each run of rows, once, instead of repeating
    down the column; a view's table may be given its column's English heading in any
    language (the frame's ``attrs["columns"]`` names the heading shown). A column holding
    one value on every row (of three or more) is stated once above the table.
    ``collapse``: the table sits closed under that summary line; it stays in the HTML, so
    the site's search and the browser's find still reach it.
    ``download``: the frame the CSV offers, when it is not ``df`` itself (the same rows with
    exact values beside the rounded ones the page shows).
    ``identifiers``: the table lists names as software spells them (installed
    distributions, the data's columns), by design; every other table shows readers' words,
    never a code of the data (a test of the site checks both).
    ``anchor``: the block's id, for a sentence elsewhere on the page to link to.
    Tables of ten rows or more, ungrouped, can be sorted and filtered in the page
    (``budgetbook/static/budgetbook.js``; nothing is fetched)."""
    if empty is not None and df.empty:
        return paragraph(empty)
    if group is not None and group not in df.columns:
        group = df.attrs.get("columns", {}).get(group, group)
    shown = df.astype(object).where(df.notna(), "")  # a missing value shows as an empty cell
    shown.columns.name = None
    with pd.option_context("display.max_colwidth", None, "display.width", 200,
                           "display.max_rows", None, "display.max_columns", None):
        text_ = shown.to_string(index=False)
    columns = [c for c in shown.columns if c != group]
    constant = [c for c in columns if len(shown) >= 3 and shown[c].nunique() == 1
                and shown[c].iloc[0] != ""] if len(columns) > 2 else []
    columns = [c for c in columns if c not in constant]
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(df[c])}

    def cell(tag, value, col, extra=""):
        css = ' class="num"' if col in numeric else ""
        return f"<{tag}{css}{extra}>{escape(value)}</{tag}>"
    head = "".join(cell("th", c, c, ' scope="col"') for c in columns)
    body, current = [], object()
    for _, row in shown.iterrows():
        if group is not None and row[group] != current:
            current = row[group]
            body.append(f'<tr class="budgetbook-group"><th scope="rowgroup" '
                        f'colspan="{len(columns)}">{escape(current)}</th></tr>')
        body.append("<tr>" + "".join(cell("td", row[c], c) for c in columns) + "</tr>")
    sortable = group is None and len(shown) >= 10
    css = "budgetbook-table table" + (" budgetbook-identifiers" if identifiers else "")
    html_ = (f'<table class="{css}"'
             f'{" data-sortable" if sortable else ""}><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(body)}</tbody></table>')
    every_row = t(" (every row): ", "（每行）：")
    above = "".join(f'<p class="budgetbook-constant"><strong>{escape(c)}</strong>'
                    f'{every_row}{escape(shown[c].iloc[0])}</p>' for c in constant)
    offered = df if download is None else download
    below = _download(offered, name) if name and not df.empty else ""  # no header-only files
    block = f'{above}<div class="budgetbook-table-wrap">{html_}</div>{below}'
    if collapse:
        block = details(escape(collapse), block)
    if anchor:
        block = f'<div id="{escape(anchor)}">{block}</div>'
    return Note(block, text_, df)


def details(summary_html: str, body_html: str, css: str = "") -> str:
    """A block closed under a one-line summary (``summary_html``, already escaped), one
    click open; the body stays in the HTML, so search and the browser's find reach it. The
    one place the book's folded markup is written (``css``: extra classes)."""
    classes = f"{css} budgetbook-collapse".strip()
    return f'<details class="{classes}"><summary>{summary_html}</summary>{body_html}</details>'


def folded(block, summary: str) -> Note:
    """``block`` (a chart, or any object with an HTML form) closed under ``summary``, one
    click open; still in the page, so its alt text and search reach it. A :class:`Note`
    (a sentence standing where no chart can be drawn) is shown as it is."""
    if isinstance(block, Note):
        return block
    inner = block._repr_html_()
    return Note(details(escape(summary), inner), f"{summary}\n{block!r}",
                getattr(block, "data", None))


def _download(df: pd.DataFrame, name: str) -> str:
    """A link offering ``df`` as ``<name>.csv`` from the page itself (a data URL, so it works
    from the static site, offline, with no server)."""
    from urllib.parse import quote
    csv = df.to_csv(index=False, lineterminator="\n")
    rows = t(f' ({len(df)} row{"s" if len(df) != 1 else ""})', f"（{len(df)} 行）")
    return (f'<p class="budgetbook-download"><a download="{escape(name)}.csv" '
            f'href="data:text/csv;charset=utf-8,{quote(csv)}">{t("Download", "下载")} '
            f'{escape(name)}.csv</a>{rows}</p>')


def join(notes: list[Note]) -> Note:
    """Several blocks shown as one output (e.g. every result of a chapter)."""
    data = next((n.data for n in reversed(notes) if n.data is not None), None)
    return Note("".join(n.html for n in notes), "\n".join(n.text for n in notes if n.text),
                data)


def escape(value) -> str:
    """A value as HTML text: escaped, and empty for a missing value."""
    return html.escape("" if value is None or value is pd.NA else str(value))


def percent(ratio) -> str:
    """A ratio as a whole percentage ('97%'), or '—' when it is missing."""
    return "—" if pd.isna(ratio) else f"{ratio:.0%}"


def number(value, unit=None) -> str:
    """A stated number with its unit ('1,234 countries'), or 'not stated in the source'.
    The unit is printed as it is given: the caller gives it in the language in use
    (:func:`budgetbook.language.in_language`: targets.csv's ``unit``, or in Chinese its
    ``unit_zh``, as the paragraph prints it: '845,258 名关注者'). A percentage reads as the source prints it,
    '98%', in Chinese: given as 'percent' (the English unit) or as '%' (the Chinese)."""
    if value is None or pd.isna(value):
        return not_stated()
    v = float(value)
    shown = f"{v:,.0f}" if v == int(v) else f"{v:,}"
    if unit == "%" or (unit == "percent" and current() == "zh"):
        return f"{shown}%"
    return f"{shown} {unit}" if isinstance(unit, str) else shown


def save_outputs(output_dir, sp: str, frames: dict, chart_list: list) -> list[Path]:
    """Write the derived tables (CSV) and charts (PNG, SVG, CSV) of one notebook."""
    if output_dir is None:
        return []
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in frames.items():
        path = out / f"{sp}_{name}.csv"
        df.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    for chart in chart_list:
        if hasattr(chart, "save"):  # a budgetbook.charts.Chart
            written += chart.save(out)
    return written
