"""Chart style: one matplotlib house style for every chart in the book.

Every chart carries a title that states the finding, axis labels with units,
a source note (table or paragraph) and alt text, and renders byte-identically
on re-runs (no timestamps in PNG/SVG metadata, fixed SVG hash salt).

A :class:`Chart` shows itself in a notebook as an HTML ``<figure>`` with the
PNG inline (so the page has no image files to lose) and its alt text, and as
plain text (title plus the numbers behind it) for nbval to compare.
"""
from __future__ import annotations

import base64
import html
import io
import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from matplotlib.ticker import MaxNLocator

from .language import current as _current_language, t
from .render import details, table

def _make_room(fig, ax, labels, gap_px: float = 6.0) -> None:
    """Widen the x axis just enough that every label drawn in it ends inside the axes,
    measured in pixels from the text itself (so a long label is never cut at the edge)."""
    if not labels:
        return
    renderer = FigureCanvasAgg(fig).get_renderer()
    box = ax.get_window_extent(renderer)
    low, high = ax.get_xlim()
    to_px = box.width / (high - low)
    # the furthest right a label reaches, if the axis kept its limits
    reach = max((t.get_position()[0] - low) * to_px + t.get_window_extent(renderer).width
                for t in labels)
    if reach + gap_px > box.width:
        # a label keeps its pixel width while the data scale shrinks: for each label,
        # (x - low) / span * width + its width + gap <= width gives the span it needs
        span = max((t.get_position()[0] - low) * box.width
                   / max(box.width - t.get_window_extent(renderer).width - gap_px,
                         box.width * 0.25) for t in labels)
        ax.set_xlim(low, low + span)


# The house style, one for every figure (budgetbook.style): the book's charts draw in it
# whatever a notebook set since, and importing the charts applies it to the notebook's own.
from .style import CJK_FONT, HOUSE_STYLE, PALETTE, ROLE_COLOURS  # noqa: E402,F401
from . import style as _style  # noqa: E402

_style.use()
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}


def _wide(char: str) -> bool:
    # Chinese characters and full-width punctuation draw about twice as wide as a Latin
    # letter of the same size.
    return unicodedata.east_asian_width(char) in ("W", "F")


def _width(text: str) -> int:
    """How wide ``text`` draws, in Latin letters: a wide (Chinese) character counts two."""
    return sum(2 if _wide(c) else 1 for c in text)


# Chinese punctuation never opens a line (closing marks) or ends one (opening marks).
_NO_LINE_START = set("，。、；：？！）》」』”’…")
_NO_LINE_END = set("（《「『“‘")


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: a run of spaces, a Latin word, or one wide
    character, each punctuation mark kept with the character it belongs to."""
    tokens = re.findall(r"\s+|[^\s\u1100-\U0010ffff]+|.", text)
    # the regex takes each character from U+1100 on alone; a narrow one (—, …) rejoins
    # the Latin word it stands in
    merged: list[str] = []
    for tok in tokens:
        joins_word = (merged and not tok.isspace() and not _wide(tok[0])
                      and not merged[-1].isspace() and not _wide(merged[-1][-1]))
        if joins_word or (merged and tok[0] in _NO_LINE_START) or (
                merged and merged[-1][-1] in _NO_LINE_END and not tok.isspace()):
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def _wrap(text: str, width: int) -> str:
    """``text`` in lines no wider than ``width`` Latin letters (a Chinese character counts
    two, as it draws about twice as wide): Latin text breaks between words, Chinese
    between any two characters."""
    if not any(_wide(c) for c in text):
        # Latin text: exactly as ever, so the English edition draws byte-identically
        return "\n".join(textwrap.wrap(text, width)) or text
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if piece.isspace():
            line += piece if line else ""  # no line starts with a space
            continue
        if line and _width(line + piece) > width:
            lines.append(line.rstrip())
            line = ""
        while _width(piece) > width:  # longer than a line on its own: cut, as textwrap does
            cut = max(1, max(i for i in range(len(piece) + 1) if _width(piece[:i]) <= width))
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines) or text


@dataclass
class Chart:
    """A finished chart: the figure plus everything a reader needs to trust it."""

    fig: Figure
    title: str
    alt: str
    source: str
    data: pd.DataFrame = field(repr=False)
    name: str = "chart"
    # The unit of each axis the chart draws, one per panel: a chart of counts never puts
    # two units on one axis (the figure's HTML carries them, and a test reads them).
    units: list = field(default_factory=list)
    # The numbers behind the chart at full precision, where ``data`` rounds them for the
    # reader: the CSV download and an analyst's saved CSV hold it (exact columns named so).
    exact: pd.DataFrame | None = field(default=None, repr=False)
    # The language its words are in (the one in use when it was drawn): the figure says so,
    # so a Chinese chart on an English page reads as Chinese (its alt text included).
    language: str = field(default_factory=lambda: _current_language())

    def png(self) -> bytes:
        """The chart as PNG bytes, with no timestamp or software stamp (byte-identical)."""
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", metadata=PNG_METADATA)
        return buf.getvalue()

    def svg(self) -> bytes:
        """The chart as SVG bytes, with a fixed hash salt and no date (byte-identical)."""
        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "budgetbook"}):
            self.fig.savefig(buf, format="svg", metadata=SVG_METADATA)
        return buf.getvalue()

    def save(self, output_dir, stem: str | None = None) -> list[Path]:
        """Write <stem>.png, <stem>.svg and the numbers behind it as <stem>.csv."""
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        stem = stem or self.name
        paths = [out / f"{stem}.png", out / f"{stem}.svg", out / f"{stem}.csv"]
        paths[0].write_bytes(self.png())
        paths[1].write_bytes(self.svg())
        self.numbers().to_csv(paths[2], index=False, lineterminator="\n")
        return paths

    def numbers(self) -> pd.DataFrame:
        """The numbers behind the chart as a download offers them: the rounded values the
        page shows and, where a value is rounded, its exact column beside it."""
        return self.data if self.exact is None else self.exact

    @property
    def alt_text(self) -> str:
        """What a screen reader says: the finding (the title) first, then the values."""
        return t(f"{self.title.rstrip('.')}. {self.alt}",
                 f"{self.title.rstrip('。.')}。{self.alt}")

    def _repr_html_(self) -> str:
        # The source is printed once, in the image (so a saved PNG keeps it); the caption
        # holds the numbers behind the chart, one click away, and their CSV.
        payload = base64.b64encode(self.png()).decode("ascii")
        numbers = table(self.data, name=self.name, download=self.numbers()).html
        units = html.escape(json.dumps(self.units, ensure_ascii=False))
        lang = "zh-CN" if self.language == "zh" else self.language
        return (f'<figure class="budgetbook-chart" lang="{lang}" data-units="{units}">'
                f'<img src="data:image/png;base64,{payload}" alt="{html.escape(self.alt_text)}" '
                f'style="max-width:100%"/>'
                f"<figcaption>"
                + details(t(f"The numbers behind this chart ({len(self.data)} rows)",
                            f"本图所依据的数字（{len(self.data)} 行）"), numbers)
                + "</figcaption></figure>")

    def __repr__(self) -> str:
        with pd.option_context("display.width", 120, "display.max_columns", 20):
            return (f"{self.title}\n{_source_note(self.source)}\n"
                    f"{self.data.to_string(index=False)}")

    def _repr_pretty_(self, p, cycle):
        p.text(repr(self))

    def close(self):
        """Free the figure's artists once the chart is shown or saved."""
        # figures are made without pyplot, so nothing global holds them; drop the artists
        self.fig.clear()


def _source_note(source: str) -> str:
    """The line under every chart: 'Source: <where>' ('资料来源：<where>' in Chinese)."""
    return t(f"Source: {source}", f"资料来源：{source}")


def _finish(fig, ax, title, source, xlabel, ylabel):
    # A figure-level title, left-aligned, so long tick labels never push it off the canvas.
    fig.suptitle(_wrap(title, 68), x=0.01, ha="left", fontsize=12, fontweight="bold")
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    fig.text(0.01, 0.01, _wrap(_source_note(source), 110), fontsize=8, color="#555555",
             ha="left", va="bottom")
    # Laid out once, as fig.tight_layout() would, but without leaving a layout engine on
    # the figure: with one, every savefig draws the figure twice.
    TightLayoutEngine(rect=(0, 0.06, 1, 1)).execute(fig)


def _new(height):
    # Figure() rather than pyplot: no global figure registry (nothing to leak between
    # notebooks sharing a kernel, no inline-backend auto-display) and a lighter import.
    with matplotlib.rc_context(HOUSE_STYLE):
        fig = Figure(figsize=(8, height))
        ax = fig.subplots()
    return fig, ax


def measure_bars(data: pd.DataFrame, label: str, *, title: str, alt: str, source: str,
                 unit: str, measures: dict[str, tuple[str, str]], name="measures",
                 units: str | None = None, keep: tuple = ()) -> Chart:
    """Small multiples: one panel per row of ``data`` (e.g. per subcategory), one bar per
    measure. Rows count different things (documents, meetings, days), so every panel has
    its own axis and no two rows ever share a scale.

    ``measures`` maps each column to its (role, label), e.g. from an edition:
    ``{m: (role, edition.measure_labels[m]) for role, m in zip(ROLES, edition.measures)}``.
    ``unit`` labels the bottom axis; ``units`` names a column holding each panel's own unit
    (what :attr:`Chart.units` records; else every panel is in ``unit``). ``keep``: more
    columns for the numbers behind the chart (a change, a note).
    """
    roles = {m: role for m, (role, _) in measures.items()}
    labels = {m: text for m, (_, text) in measures.items()}
    measures = list(measures)
    n = len(data)
    with matplotlib.rc_context(HOUSE_STYLE):
        # each panel tall enough for three bars' labels: two bars' Chinese labels would
        # touch in less
        fig = Figure(figsize=(8, 1.0 + max(n, 1) * (0.45 + 0.2 * max(len(measures), 3))))
        axes = fig.subplots(max(n, 1), 1, squeeze=False)[:, 0]
        drawn = []  # (panel, its values)
        for ax, (_, row) in zip(axes, data.iterrows()):
            values = [float(row[m]) for m in measures]
            ax.barh(range(len(measures)), values,
                    color=[ROLE_COLOURS[roles[m]] for m in measures])
            ax.set_yticks(range(len(measures)), [labels[m] for m in measures], fontsize=8)
            ax.invert_yaxis()
            ax.set_title(_wrap(str(row[label]), 90), fontsize=9, fontweight="bold", loc="left")
            ax.set_xlim(0, max(values + [1.0]) * 1.02)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers
            drawn.append((ax, values))
        if n == 0:
            axes[0].text(0.5, 0.5, t("no quantified deliverables", "没有量化的应交付产出"),
                         ha="center", va="center",
                         transform=axes[0].transAxes)
        _finish(fig, axes[-1], title, source, unit, None)
        # value labels after the layout, so they widen each axis rather than squeeze it
        for ax, values in drawn:
            _make_room(fig, ax, [ax.text(v, i, f" {v:,.0f}", va="center", fontsize=8)
                                 for i, v in enumerate(values)])
    columns = [label] + ([units] if units else []) + measures + [
        c for c in keep if c not in (label, units, *measures)]
    panel_units = list(data[units]) if units else [unit] * n
    return Chart(fig, title, alt, source, data[columns].reset_index(drop=True), name,
                 units=[str(u) for u in panel_units])


def _rounded(data: pd.DataFrame, value: str, decimals: int | None):
    """``data`` as a reader reads it, with ``value`` rounded to ``decimals`` (whole numbers
    at 0), and the frame a download offers: the same with the exact values beside, in a
    column named so; ``None`` when nothing is rounded."""
    numbers = pd.to_numeric(data[value], errors="coerce")
    if decimals is None or (numbers.dropna() == numbers.dropna().round(decimals)).all():
        return data, None
    shown = data.copy()
    rounded = numbers.round(decimals)
    shown[value] = rounded.astype("Int64") if decimals == 0 else rounded
    exact = shown.copy()
    exact.insert(list(shown.columns).index(value) + 1, t(f"{value} (exact)", f"{value}（精确值）"),
                 numbers)
    return shown, exact


def hbars(data: pd.DataFrame, label: str, value: str, *, title: str, alt: str, source: str,
          xlabel: str, reference: float | None = None, colour_by: str | None = None,
          annotate: str | None = None, name="bars", unit: str | None = None,
          decimals: int | None = None) -> Chart:
    """Horizontal bars of one value per row; optional reference line (e.g. 100 %).

    ``annotate`` names a column whose text is written beside each bar; rows whose
    value is missing get no bar, and the annotation says why. Every bar shares one axis,
    so every row must be in one ``unit`` (default: the axis label, ``xlabel``, which names
    it): a percentage, or one kind of count, never counts of different things.
    ``decimals``: the numbers behind the chart show the value rounded to so many places
    (the bars and the download keep it exact).
    """
    n = len(data)
    values = pd.to_numeric(data[value], errors="coerce").astype(float)
    with matplotlib.rc_context(HOUSE_STYLE):
        ticks = [_wrap(str(v), 40) for v in data[label]]
        # each row tall enough for its label's lines (9 pt: 0.2 in a line, with spacing)
        lines = max([t.count("\n") + 1 for t in ticks] or [1])
        # and room above for the title's lines (12 pt bold: about 0.22 in a line)
        title_lines = _wrap(title, 68).count("\n") + 1
        fig, ax = _new(max(2.3, 1.0 + 0.22 * title_lines + n * max(0.4, 0.2 * lines)))
        if colour_by is not None:
            keys = list(dict.fromkeys(data[colour_by]))
            colours = [PALETTE[keys.index(k) % len(PALETTE)] for k in data[colour_by]]
        else:
            colours = [PALETTE[0] if v >= (reference or 0) else PALETTE[5] for v in values.fillna(0)]
        ax.barh(range(n), values.fillna(0), color=colours)
        low, high = min(0.0, values.min(skipna=True) if values.notna().any() else 0.0), max(
            values.max(skipna=True) if values.notna().any() else 0.0, reference or 0.0, 1.0)
        ax.set_xlim(low * 1.15 if low < 0 else 0.0, high * 1.05)
        if reference is not None:
            ax.axvline(reference, color="#333333", linewidth=1, linestyle="--")
        ax.set_yticks(range(n), ticks, fontsize=9)
        ax.invert_yaxis()
        _finish(fig, ax, title, source, xlabel, None)
        if annotate is not None:
            # The annotations stand in one column right of every bar and of the reference
            # line, so none can touch a bar, the line or each other. Drawn after the layout,
            # so they widen the axis rather than squeeze it.
            column = high * 1.05
            _make_room(fig, ax, [ax.text(column, i, text, va="center", fontsize=8)
                                 for i, text in enumerate(data[annotate])
                                 if isinstance(text, str) and text])
    cols = [label, value] + ([annotate] if annotate else []) + (
        [colour_by] if colour_by and colour_by not in (label, value) else [])
    shown, exact = _rounded(data[cols].reset_index(drop=True), value, decimals)
    return Chart(fig, title, alt, source, shown, name, units=[unit or xlabel], exact=exact)
