"""The pages' Chinese font: Noto Sans SC, cut to the characters the site shows.

The charts draw Chinese in Noto Sans SC from the pinned PyPI distribution
(:mod:`budgetbook.style`); the pages do too, so a reader whose system has no Chinese font
still reads the Chinese edition (and the Chinese words on English pages), in the same
font as its charts, on any machine. The whole font is 8 MB; each site ships a WOFF cut to
the characters its pages hold (about 1,200 characters, a quarter of a megabyte), made
again only when that set of characters changes. The book's stylesheet
(``budgetbook/static/budgetbook.css``) declares it for Chinese characters only
(``unicode-range``), so Latin text keeps the theme's fonts.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

FILE = "budgetbook-zh.woff"  # in the site's _static/, named in budgetbook.css
STAMP = ".budgetbook-zh.chars"  # beside it: the hash of the characters it holds
# The ranges the stylesheet gives the font (and the characters cut into it): CJK
# punctuation, kana and ideographs, compatibility ideographs and forms, full-width forms.
RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


# The same ranges as one pattern: the site's pages are some megabytes of text.
_IN_RANGES = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in RANGES) + "]")


def characters(site: Path) -> str:
    """Every character in the font's ranges that a page of the site holds, sorted."""
    found = set()
    for page in Path(site).rglob("*.html"):
        found.update(_IN_RANGES.findall(page.read_text(encoding="utf-8", errors="ignore")))
    return "".join(sorted(found))


def write(site: Path) -> Path:
    """Write ``_static/budgetbook-zh.woff`` into the site, holding the characters its pages
    show; kept as it is when they are the same as for the file already there."""
    from .style import cjk_font_file

    static = Path(site) / "_static"
    chars = characters(site)
    stamp = hashlib.sha256((str(cjk_font_file()) + chars).encode()).hexdigest()
    target, stamp_file = static / FILE, static / STAMP
    if target.is_file() and stamp_file.is_file() and stamp_file.read_text() == stamp:
        return target
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(cjk_font_file()))
    options = subset.Options()
    options.flavor = "woff"  # zlib: WOFF2 would need brotli, which nothing else needs
    options.layout_features = ["*"]  # vertical and full-width forms as the font has them
    options.name_IDs = ["*"]  # the font's names and its licence notice stay in the file
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars] or [0x4E00])
    subsetter.subset(font)
    static.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{FILE}.tmp")
    font.save(str(tmp))
    tmp.replace(target)
    stamp_file.write_text(stamp)
    return target
