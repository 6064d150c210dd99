"""The book's languages: which label a page shows, and the words around the numbers.

The book is written in English and in Chinese from the same notebooks and the same data.
A notebook picks its language once, from its ``language`` parameter
(``language.use(language)``); every view, chart and sentence then asks this module for
its words:

* ``t("Delivery rate", "交付率")``: the English or the Chinese of a phrase, written side
  by side where the phrase is used, so a reader of the code sees both and a change to one
  shows the other;
* ``column("title")``: the label column of the page's language (``title_en`` or
  ``title_zh``: the data carry both, the Chinese verbatim from the source);
* ``label(row, "title")``: that column's value, or the other language's when the data
  leave it blank (a mandate without an English title, say), never an empty cell.

Numbers are never translated or rounded differently: both editions print the same digits
(Arabic numerals, a comma between thousands, as Chinese official documents print them).
"""
from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT = "en"
# The language each edition's pages declare in HTML and to Sphinx (its search, its theme).
HTML_LANG = {"en": "en", "zh": "zh-CN"}
SPHINX_LANGUAGE = {"en": "en", "zh": "zh_CN"}

_current = DEFAULT


def check(language: str) -> str:
    """``language`` if the book is written in it, else a ValueError naming the choices."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: "
                         f"{', '.join(LANGUAGES)}")
    return language


def use(language: str) -> str:
    """Make ``language`` the language of everything drawn or written from now on, and
    apply the house style to every figure (:func:`budgetbook.style.use`: fonts that draw
    both languages, the palette)."""
    global _current
    _current = check(language)
    from . import style  # matplotlib only now: the build's extension imports this module

    style.use()
    return _current


def current() -> str:
    """The language in use ('en' unless a notebook chose another)."""
    return _current


@contextlib.contextmanager
def using(language: str):
    """Use ``language`` inside a ``with`` block, then the previous one again."""
    previous = _current
    use(language)
    try:
        yield language
    finally:
        use(previous)


def t(en: str, zh: str) -> str:
    """The phrase in the language in use: ``en`` in English, ``zh`` in Chinese."""
    return zh if _current == "zh" else en


def column(name: str) -> str:
    """The label column of the language in use: 'title' -> 'title_en' or 'title_zh'."""
    return f"{name}_{_current}"


def _blank(value) -> bool:
    # None, NaN, pandas' NA (of the loaded tables' string columns; compared, it raises)
    # and an empty string are all "no label".
    if value is None or type(value).__name__ == "NAType":
        return True
    return (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str)
                                                                and value == "")


def label(row, name: str):
    """``row``'s label ``name`` in the language in use, or in the other language when the
    data leave it blank; None when both are blank."""
    other = next(code for code in LANGUAGES if code != _current)
    for name_ in (column(name), f"{name}_{other}"):
        value = row.get(name_) if hasattr(row, "get") else row[name_]
        if not _blank(value):
            return value
    return None


def labels(frame, name: str):
    """The column ``name`` of ``frame`` in the language in use, each blank filled from the
    other language (a pandas Series; still blank where both are)."""
    other = next(code for code in LANGUAGES if code != _current)
    own = frame[column(name)]
    if f"{name}_{other}" in frame:
        own = own.fillna(frame[f"{name}_{other}"])
    return own


def in_language(row, name: str):
    """``row``'s value of ``name``, a column the data hold in English without a language
    suffix (targets.csv's ``unit``, source_issues.csv's ``location`` and ``book_action``),
    in the language in use: in Chinese its twin ``<name>_zh`` where the row gives one, else
    (and in English) the column itself. ``row``: a pandas row or a dict."""
    if _current == "zh":
        zh = row.get(f"{name}_zh")
        if not _blank(zh):
            return zh
    return row[name]


def in_language_values(frame, name: str) -> list:
    """:func:`in_language` for every row of ``frame``, in order (a list)."""
    english = list(frame[name])
    if _current != "zh" or f"{name}_zh" not in frame:
        return english
    return [e if _blank(z) else z for e, z in zip(english, frame[f"{name}_zh"])]


def join_list(parts: list[str]) -> str:
    """'a, b and c' in English, 'a、b和c' in Chinese."""
    parts = [str(p) for p in parts]
    if _current == "zh":
        return parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "和" + parts[-1]
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1..99 in Chinese numerals, as the Chinese edition numbers its figures: 14 -> '十四'."""
    n = int(n)
    if not 0 < n < 100:
        raise ValueError(f"no Chinese numeral for {n} (1 to 99 only)")
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[units] if units else "")


def figure_name(figure: str, number: int) -> str:
    """'Figure <section>.XIV' in English, '图 <section>.十四' in Chinese (``figure`` is the
    source's id, '<section>.XIV'; ``number`` its position, 14, from figures.csv)."""
    if _current == "zh":
        section = figure.split(".", 1)[0]
        return f"图 {section}.{chinese_numeral(number)}"
    return f"Figure {figure}"


def table_name(table: str) -> str:
    """'Table <section>.4' in English, '表 <section>.4' in Chinese."""
    return t(f"Table {table}", f"表 {table}")


def paragraph_name(paragraph: str) -> str:
    """'paragraph <section>.19' in English, '第 <section>.19 段' in Chinese."""
    return t(f"paragraph {paragraph}", f"第 {paragraph} 段")


class Phrases(Mapping):
    """A fixed mapping of keys (codes of the data) to phrases, each given as (English,
    Chinese) and read in the language in use when it is read, never at import:
    ``Phrases({"GA": ("General Assembly", "大会")})["GA"]``."""

    def __init__(self, pairs: dict[str, tuple[str, str]]):
        self._pairs = pairs

    def __getitem__(self, key: str) -> str:
        return t(*self._pairs[key])

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)


def english_only(html: str) -> str:
    """``html`` (text the data hold in English only) marked as English on a Chinese page,
    so a screen reader reads it as English; unchanged on an English page."""
    return t(html, f'<span lang="en">{html}</span>')
