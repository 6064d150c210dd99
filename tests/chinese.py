"""The check the tests of the Chinese edition share: which English words a Chinese page
still shows.

A Chinese page says everything in Chinese and prints every number as the English page
does. The Latin-letter words it may still show are few and listed here: the words the
source itself prints in Latin letters (names, abbreviations, its symbol's "Sect." and
"Part"), file names, document and resolution symbols, figure and chapter ids, and the
data held in English only (:data:`ENGLISH_ONLY`). A test may allow more strings (the
names of the data contract, say) with ``english_left(..., allowed=...)``.

Imported by the tests as ``from chinese import english_left, visible``.
"""
import functools
import re
from html.parser import HTMLParser

# Data held in English only, with no Chinese column yet: shown in English on Chinese pages
# too (table name -> its columns). Not any more: the source audit's location, description
# and action and the timing notes (the book's own text, translated by the book:
# location_zh, description_zh, book_action_zh, note_zh) and the targets' units (unit_zh,
# as the paragraphs print them); a Chinese page that shows them in English fails.
ENGLISH_ONLY = {"stated_numbers": ["counts_en"]}
# A word, for this check: three or more Latin letters in a row (shorter runs are the
# category letters, "of" in a symbol, the "SI" of a finding's id, and so on).
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# What a Chinese page may print in Latin letters besides: file names, document and
# resolution symbols (A/79/6, E/CN.7/..., S-32/1), figure ids (16.XIV), chapter ids (sp3,
# sp9c1) and the ids of the source audit's findings (SI-001).
ALLOWED_LATIN = [re.compile(p) for p in (
    r"[\w.-]+\.(?:csv|png|svg|html|ipynb)\b", r"\b[A-Z]{1,3}(?:/[\w.()-]+)+",
    r"\b\d+\.[IVXL]+\b", r"\bsp\d+(?:c\d+)?\b", r"\bSI-\d+\b")]


class _Visible(HTMLParser):
    """Collects what a reader sees or hears of an HTML fragment: its text, and its alt
    and title attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts += [value for name, value in attrs if name in ("alt", "title") and value]

    def handle_data(self, data):
        self.parts.append(data)


def visible(html: str) -> str:
    """What a reader of the HTML fragment ``html`` sees or hears: its text and its alt and
    title attributes, one piece a line, entities decoded, tags left out."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


@functools.cache
def _source_words() -> frozenset:
    from budgetbook.source import raw_lines
    return frozenset(re.findall(r"[A-Za-z]+", "\n".join(raw_lines())))


def source_words() -> set[str]:
    """The Latin-letter words the source text itself prints (names, abbreviations, the
    category letters, its symbol's "Sect." and "Part"), read once from
    ``budgetbook.source.raw_lines()``. A new set each call, so callers may change it."""
    return set(_source_words())


def english_only_values(tables) -> set[str]:
    """Every value of the data columns held in English only (:data:`ENGLISH_ONLY`), as
    text, from ``tables`` (as :func:`budgetbook.load_all` returns them)."""
    return {str(v) for name, columns in ENGLISH_ONLY.items() for c in columns
            for v in tables[name][c].dropna()}


def english_left(text: str, tables=None, *, allowed=()) -> list[str]:
    """The Latin-letter words (:data:`LATIN_WORD`, three letters or more) of ``text`` that a
    Chinese page should not show, sorted, each once.

    Every such word counts except: the source's own words (:func:`source_words`); file
    names, document and resolution symbols, figure, chapter and finding ids
    (:data:`ALLOWED_LATIN`); the values of the columns held in English only
    (:data:`ENGLISH_ONLY`), read from ``tables`` when given (as
    :func:`budgetbook.load_all` returns them); and the strings in ``allowed`` (English-only
    data a test quotes, the names of the data contract). The values and the ``allowed``
    strings are taken out of ``text`` first, as whole words, the longest first (so a value
    goes before its own parts), then the allowed patterns; the words left are what is
    reported.
    ``allowed`` is keyword-only: a third positional argument (a set of source words, as
    an older helper took) fails rather than being taken out of the text.
    """
    quoted = set(allowed)
    if tables is not None:
        quoted |= english_only_values(tables)
    values = sorted((v for v in quoted if v), key=lambda v: (-len(v), v))
    if values:
        # whole words only: an allowed "AR" must not cut the source's "goIFAR" in two
        text = re.sub(r"(?<![A-Za-z0-9_])(?:" + "|".join(map(re.escape, values))
                      + r")(?![A-Za-z0-9_])", " ", text)
    for pattern in ALLOWED_LATIN:
        text = pattern.sub(" ", text)
    known = _source_words()
    return sorted({w for w in LATIN_WORD.findall(text) if w not in known})
