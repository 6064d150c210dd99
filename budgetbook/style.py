"""The house style of every figure: palette, sizes, and the fonts that draw both languages.

Chinese is drawn in Noto Sans SC (SIL Open Font License 1.1), shipped by the PyPI
distribution ``pylopdf-fonts-zh-cn`` (pinned in requirements.txt), so a machine with
Python and the README's install alone draws Chinese charts, whatever fonts its system
has, and every machine draws them with the same font file. :func:`use` registers it with
matplotlib and applies the house style to matplotlib's settings: every figure a notebook
draws, the book's charts and a reader's own ``plt.bar(...)``, then falls back glyph by
glyph from DejaVu Sans (matplotlib's own, for Latin text) to Noto Sans SC. A notebook
calls it through ``language.use(language)``, its first step; the book's chart functions
draw in the house style whatever a notebook changed since.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import os
from pathlib import Path

from cycler import cycler  # matplotlib's own; matplotlib itself is imported when drawing

# The Okabe-Ito palette, safe for the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
# The four measures by role (budgetbook.edition.ROLES): the two of the performance year in
# blues, the current and budget years' plans in orange and vermilion.
ROLE_COLOURS = {"prior_plan": "#56B4E9", "prior_actual": "#0072B2",
                "current_plan": "#E69F00", "budget_plan": "#D55E00"}
LATIN_FONT = "DejaVu Sans"  # matplotlib's own font: every machine has the same file
CJK_FONT = "Noto Sans SC"
CJK_DISTRIBUTION = "pylopdf-fonts-zh-cn"  # the PyPI distribution that ships it


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)  # found, not imported
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def cjk_font_file() -> Path:
    """The Noto Sans SC font file of the pinned distribution; a clear error naming the
    install command when it is missing."""
    folder = _package_dir("pylopdf_fonts_zh_cn")
    if folder is None or not (folder / "NotoSansSC-Regular.otf").is_file():
        raise RuntimeError(f"the Chinese charts' font is not installed: python -m pip "
                           f"install -r requirements.txt (it pins {CJK_DISTRIBUTION})")
    return folder / "NotoSansSC-Regular.otf"


def latin_font_files() -> list[Path]:
    """DejaVu Sans, regular and bold, as matplotlib ships them."""
    folder = _package_dir("matplotlib") / "mpl-data" / "fonts" / "ttf"
    return [folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"]


def font_files(language: str) -> list[Path]:
    """The font files the charts of a page in ``language`` draw with: DejaVu Sans, and
    for Chinese Noto Sans SC. Found without importing matplotlib (the build keys each
    page's cached result on them: other font files would draw other charts)."""
    return latin_font_files() + ([cjk_font_file()] if language == "zh" else [])


def register_fonts() -> None:
    """Make the pinned files the only DejaVu Sans and Noto Sans SC that matplotlib knows
    (a system font of the same name could otherwise be drawn instead, and the charts
    would differ from machine to machine)."""
    from matplotlib import font_manager, ft2font

    path = str(cjk_font_file())
    manager = font_manager.fontManager
    if any(entry.fname == path for entry in manager.ttflist):
        return
    latin = {str(f) for f in latin_font_files()}
    manager.ttflist = [entry for entry in manager.ttflist if entry.name != CJK_FONT and (
        entry.name != LATIN_FONT or entry.fname in latin)]
    regular = font_manager.ttfFontProperty(ft2font.FT2Font(path))
    # The distribution has one weight. Bold text (titles) draws its Chinese glyphs in it,
    # as matplotlib would, but without the warning matplotlib logs for every bold label
    # it cannot match (a notebook would print it on the page).
    manager.ttflist.append(dataclasses.replace(regular, weight=700))
    manager.addfont(path)  # the regular face; clears matplotlib's font lookups


HOUSE_STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.family": [LATIN_FONT, CJK_FONT],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "axes.prop_cycle": cycler(color=PALETTE),
    "svg.hashsalt": "budgetbook",
    "svg.fonttype": "path",
    "path.simplify": True,
    # Labels are data: "US$ 5 million and US$ 6 million" must draw as written, never as
    # mathtext between the two "$" (and "$\\frac$" must not crash the drawing).
    "text.parse_math": False,
}


def use() -> None:
    """Register the fonts and apply the house style to matplotlib's settings, so every
    figure drawn from now on in this process (a notebook's kernel) uses them."""
    import matplotlib

    register_fonts()
    matplotlib.rcParams.update(HOUSE_STYLE)
