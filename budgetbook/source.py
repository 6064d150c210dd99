"""Finding passages in the raw source text (data/raw), for traceability checks.

The raw file is the Chinese edition as plain text: paragraphs start with their
number (``S.19 ...`` in section S, sometimes after a ``- `` bullet), tables and
figures with a heading line (``表 S.4``, ``图 S.十四``). These helpers cut the text
into those passages so a test can ask "does this number stand where the row
says it does?".
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .loading import data_dir as resolve_data_dir, read_edition, read_resource
from .schema import PROGRAMME_ID

_CN_DIGITS = "一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 14 -> 十四, 20 -> 二十, 26 -> 二十六 (as the figure headings print them)."""
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _CN_DIGITS[tens - 1]) + "十"
    if ones:
        text += _CN_DIGITS[ones - 1]
    return text


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_to_int(roman: str) -> int:
    """'XIV' -> 14 (figure numbers are printed in Roman numerals)."""
    values = [_ROMAN[c] for c in roman]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def figure_heading(figure: str) -> str:
    """'<section>.XIV' -> '图 <section>.十四' (as the Chinese text heads its figures)."""
    prefix, roman = figure.split(".")
    return f"图 {prefix}.{chinese_numeral(roman_to_int(roman))}"


def raw_path(data_dir=None) -> Path:
    """The source text of a data directory, as its edition.csv names it."""
    return resolve_data_dir(data_dir) / read_edition(data_dir).source_file


def raw_lines(path: Path | None = None) -> tuple[str, ...]:
    """The source text's lines (of the default data directory unless a path is given)."""
    path = Path(path or raw_path())
    stat = path.stat()
    return _raw_lines(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _raw_lines(path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    # keyed on the file and its state: another data directory, or an edited file, is read
    return tuple(Path(path).read_text(encoding="utf-8").split("\n"))


def sha256(path: Path) -> str:
    """The sha256 of a file, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


_PARA = re.compile(r"^\s*(?:-\s*)?(\d+\.\d+)\.?\s")
_HEADING = re.compile(r"^(表 \d+\.\d+$|图 \d+\.\S+$|成果 \d|\d{4} 年方案执行情况|经验教训|"
                      r"次级方案|构成部分|应交付产出|业绩计量|目标$|战略$|\d{4} 年计划成果)")


def paragraph_number(line: str) -> str | None:
    """The paragraph number a line starts with (e.g. 'S.19'), else None."""
    m = _PARA.match(line)
    return m.group(1) if m else None


def paragraph(number: str, lines=None) -> str:
    """The text of paragraph ``number`` (e.g. 'S.19' in section S), joined across wrapped lines."""
    lines = lines or raw_lines()
    for i, line in enumerate(lines):
        if paragraph_number(line) == number:
            parts = [line]
            for nxt in lines[i + 1:]:
                if paragraph_number(nxt) or _HEADING.match(nxt.strip()):
                    break
                parts.append(nxt)
            return "\n".join(parts)
    raise KeyError(f"paragraph {number} not found in the source")


def _block(start: int, lines) -> list[str]:
    out = []
    for line in lines[start + 1:]:
        s = line.strip()
        if re.match(r"^(表|图) \d+\.", s) or paragraph_number(line) or re.match(
                r"^(次级方案|构成部分|成果 \d|\d{4} 年方案执行情况|\d{4} 年计划成果|经验教训|评价活动)",
                s):
            if not re.match(r"^次级方案 ?[\d，,]*(构成部分 \d)?：按类别", s):
                break
        out.append(line)
    return out


def table_lines(table: str, lines=None) -> list[str]:
    """Lines of Table ``table`` (e.g. 'S.4'), from its heading to the next passage."""
    return [line for _, line in numbered_table_lines(table, lines)]


def numbered_table_lines(table: str, lines=None) -> list[tuple[int, str]]:
    """:func:`table_lines` with the 1-based line number of each line in data/raw:
    ``[(raw_line, text), ...]``."""
    lines = lines or raw_lines()
    for i, line in enumerate(lines):
        if line.strip() == f"表 {table}":
            return list(enumerate(_block(i, lines), start=i + 2))
    raise KeyError(f"Table {table} not found in the source")


def figure_lines(figure: str, lines=None) -> list[str]:
    """Lines under the heading of Figure ``figure`` (e.g. 'S.XIV')."""
    lines = lines or raw_lines()
    heading = figure_heading(figure)
    for i, line in enumerate(lines):
        if line.strip() == heading:
            return _block(i, lines)
    raise KeyError(f"Figure {figure} ({heading}) not found in the source")


# The mandate lists sit between '立法授权' and the first '应交付产出'; each
# subprogramme's list starts at its heading there ('次级方案 n', or 'n，构成部分 c' /
# 'n, 构成部分 c' for a component: the source prints both commas).
def _mandate_heading(row) -> re.Pattern:
    if row["id"] == PROGRAMME_ID:
        return re.compile(r"^立法授权$")
    head = rf"^次级方案 {row['number']}"
    if row["component"] is not pd.NA:
        head += rf"\s*[,，]\s*构成部分 {row['component']}"
    return re.compile(head + r"(\s.*)?$")


def mandate_lines(subprogramme: str, lines=None, data_dir=None) -> list[str]:
    """Lines of the legislative mandate list of one subprogramme (empty if none)."""
    lines = lines or raw_lines()
    start = lines.index("立法授权")
    end = lines.index("应交付产出", start)
    section = list(lines[start:end])
    starts = {}
    for _, row in read_resource("subprogrammes", data_dir).iterrows():
        pattern = _mandate_heading(row)
        for j, line in enumerate(section):
            if pattern.match(line.strip()):
                starts[row["id"]] = j
                break
    if subprogramme not in starts:
        return []
    begin = starts[subprogramme]
    later = [j for j in starts.values() if j > begin]
    return section[begin:min(later) if later else len(section)]


_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


_CN_COUNT = re.compile(r"(?<![一两二三四五六七八九十百千万])([一两二三四五六七八九十])(?=个|次|项|名)")


def numbers_in(text: str) -> list[float]:
    """Every number in a passage; '845 258' (the source's thousands space) is one number.

    Small counts the source writes in Chinese characters ('两个国家', '三个国家')
    count too, after the digits.
    """
    joined = _THOUSANDS.sub("", text)
    digits = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", joined)]
    words = [float(("一二三四五六七八九十".index(c) + 1) if c != "两" else 2)
             for c in _CN_COUNT.findall(text)]
    return digits + words


# ---- every numbered paragraph, line by line (for the stated-numbers check) -------------

# A list item inside a paragraph: '- (a) ...', ' - (b) ...', ' - (一) ...', '(四) ...'.
_LIST_ITEM = re.compile(r"^\s*(?:-\s*)?\((?:[a-z]|[一二三四五六七八九十]+)\)\s?")
# A footnote line ('⁶ 见大会第 ...'): printed where the page ends, sometimes inside the
# wrapped text of a paragraph; it belongs to no paragraph.
_FOOTNOTE = re.compile(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
_SENTENCE_END = ("。", "；", ";", "：", ":")


def numbered_paragraphs(lines=None) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every numbered paragraph of the source, in order: ``(number, [(raw_line, text), ...])``
    with 1-based line numbers.

    A paragraph is its numbered line, then (skipping blank lines) the list items that follow
    it ('(a)', '(b)', ..., '(一)', ...), and the lines that continue a sentence the page broke
    (a line is continued when it does not end with 。；：). Footnote lines ('⁶ ...') are never
    part of a paragraph; headings, tables, figures and the mandate lists end one.
    """
    lines = lines or raw_lines()
    out = []
    for i, line in enumerate(lines):
        number = paragraph_number(line)
        if not number:
            continue
        got = [(i + 1, line)]
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if not nxt.strip() or _FOOTNOTE.match(nxt):
                j += 1
                continue
            if paragraph_number(nxt):
                break
            if _LIST_ITEM.match(nxt) or not got[-1][1].strip().endswith(_SENTENCE_END):
                got.append((j + 1, nxt))
                j += 1
                continue
            break
        out.append((number, got))
    return out


# A number printed in Arabic digits: '154', '10 500' (the source's thousands space), '3.5'.
_DIGITS = re.compile(r"[0-9]+(?:(?: (?=[0-9]{3}(?![0-9])))[0-9]{3})*(?:\.[0-9]+)?")


def digit_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every number printed in Arabic digits in ``text``: ``(start, end, as printed)``;
    '845 258' (the source's thousands space) is one number."""
    return [(m.start(), m.end(), m.group()) for m in _DIGITS.finditer(text)]


_CN_VALUES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}


def chinese_number_value(text: str) -> int:
    """'两' -> 2, '七' -> 7, '十四' -> 14, '三十' -> 30, '二十六' -> 26 (numbers below 100,
    as the source writes small counts); ValueError for anything else."""
    if not text or any(c not in _CN_VALUES and c != "十" for c in text) or text.count("十") > 1:
        raise ValueError(f"not a Chinese number below 100: {text!r}")
    if "十" not in text:
        if len(text) != 1:
            raise ValueError(f"not a Chinese number below 100: {text!r}")
        return _CN_VALUES[text]
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or tens == "两" or ones == "两":
        raise ValueError(f"not a Chinese number below 100: {text!r}")
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)


def printed_value(printed: str) -> float:
    """The value of a number as printed: digits ('10 500' -> 10500.0) or a Chinese number
    ('两' -> 2.0)."""
    if re.fullmatch(_DIGITS, printed):
        return float(printed.replace(" ", ""))
    return float(chinese_number_value(printed))
