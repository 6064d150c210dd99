"""Every number the numbered paragraphs print is in data/: a count in stated_numbers.csv,
anything else (a year, a symbol, a reference ...) in paragraph_numbers_not_counts.csv.

The scan reads data/raw itself: each numbered paragraph, with the list items and broken
lines that continue it (budgetbook.source.numbered_paragraphs), and every number printed
in Arabic digits on those lines ('10 500' is one number). A number that no row accounts
for fails the test, naming its paragraph, line and number.
"""
import re

import pandas as pd
import pytest

from budgetbook import load, load_all, source
from budgetbook.loading import read_edition
from conftest import DATA

EDITION = read_edition()
SECTION = EDITION.section
PARAGRAPHS = source.numbered_paragraphs()
LINES = source.raw_lines()
# raw line -> paragraph number, for every line of every numbered paragraph
PARAGRAPH_OF = {n: p for p, lines in PARAGRAPHS for n, _ in lines}
# the paragraph's own number at the start of its first line is not a number it states
OWN_NUMBER = re.compile(r"^\s*(?:-\s*)?[0-9]+\.[0-9]+\.?")
# a list label at the start of a line, '(a)' or '(一)', is not a number either
LIST_LABEL = re.compile(r"^\s*(?:-\s*)?\((?:[a-z]|[一二三四五六七八九十]+)\)")
# Chinese numerals other than 一 alone (一 is also 'a', 'one', and part of many words):
# every such run in a paragraph must be accounted for too
CN_RUN = re.compile(r"[一二两三四五六七八九十]+")


@pytest.fixture(scope="module")
def stated():
    return load("stated_numbers")


@pytest.fixture(scope="module")
def not_counts():
    return load("paragraph_numbers_not_counts")


def _spans(df):
    """(raw_line, start, end, row) of each row's printed number on its line; raises
    AssertionError naming the row when its snippet does not stand exactly once on the
    line or does not hold the printed number exactly once."""
    out = []
    for i, r in enumerate(df.itertuples()):
        line = LINES[r.raw_line - 1]
        assert line.count(r.text_zh) == 1, (
            f"{r.paragraph}, line {r.raw_line}: text_zh {r.text_zh!r} stands "
            f"{line.count(r.text_zh)} times on the line (must be once)")
        assert r.text_zh.count(r.printed) == 1, (
            f"{r.paragraph}, line {r.raw_line}: {r.printed!r} stands "
            f"{r.text_zh.count(r.printed)} times in text_zh {r.text_zh!r} (must be once)")
        start = line.index(r.text_zh) + r.text_zh.index(r.printed)
        out.append((r.raw_line, start, start + len(r.printed), df.attrs["lines"][i]))
    return out


def _body_start(line, first):
    return OWN_NUMBER.match(line).end() if first else 0


def test_the_scan_finds_every_numbered_paragraph_once_in_order():
    numbers = [p for p, _ in PARAGRAPHS]
    assert numbers == [f"{SECTION}.{n}" for n in range(1, len(numbers) + 1)]
    assert len(numbers) == 144  # this edition: paragraphs 16.1 to 16.144
    # a line belongs to one paragraph; the first line of each starts with its number
    assert len(PARAGRAPH_OF) == sum(len(lines) for _, lines in PARAGRAPHS)
    for p, lines in PARAGRAPHS:
        assert source.paragraph_number(lines[0][1]) == p
        # footnote lines ('⁶ 见大会第 ...') are never part of a paragraph
        assert not any(re.match(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]", text) for _, text in lines), p
    # continuation lines: list items, and text a page break cut (16.4 runs on at line 71)
    assert [n for n, _ in dict(PARAGRAPHS)[f"{SECTION}.4"]] == [69, 71]
    assert [n for n, _ in dict(PARAGRAPHS)[f"{SECTION}.70"]] == [1060, 1065]


def test_every_digit_number_in_a_paragraph_is_accounted_for(stated, not_counts):
    """Each number printed in digits on a paragraph line lies inside the printed number of
    a stated_numbers row (a count) or of a paragraph_numbers_not_counts row."""
    covered = {}
    for raw_line, start, end, _ in _spans(stated) + _spans(not_counts):
        covered.setdefault(raw_line, []).append((start, end))
    missing = []
    for p, lines in PARAGRAPHS:
        for k, (n, text) in enumerate(lines):
            begin = _body_start(text, k == 0)
            for start, end, printed in source.digit_numbers(text):
                if start < begin:
                    continue
                if not any(s <= start and end <= e for s, e in covered.get(n, [])):
                    missing.append(f"paragraph {p}, raw line {n}: {printed!r} "
                                   f"(…{text[max(0, start - 12):end + 12]}…)")
    assert not missing, ("numbers printed in the paragraphs that neither stated_numbers.csv "
                         "nor paragraph_numbers_not_counts.csv accounts for:\n"
                         + "\n".join(missing))


def test_every_chinese_numeral_in_a_paragraph_is_accounted_for(stated, not_counts):
    """The same for numbers written in Chinese numerals (two, three ... but not 一 alone,
    which the rows list where it counts or stands for 'a'); list labels such as (二) are
    not numbers."""
    covered = {}
    for raw_line, start, end, _ in _spans(stated) + _spans(not_counts):
        covered.setdefault(raw_line, []).append((start, end))
    missing = []
    for p, lines in PARAGRAPHS:
        for n, text in lines:
            label = LIST_LABEL.match(text)
            for m in CN_RUN.finditer(text):
                if set(m.group()) == {"一"} or (label and m.start() < label.end()):
                    continue
                if not any(s <= m.start() and m.end() <= e for s, e in covered.get(n, [])):
                    missing.append(f"paragraph {p}, raw line {n}: {m.group()!r} "
                                   f"(…{text[max(0, m.start() - 8):m.end() + 8]}…)")
    assert not missing, "\n".join(missing)


def test_each_row_stands_on_its_line_in_its_paragraph(stated, not_counts):
    problems = []
    for name, df in (("stated_numbers", stated), ("paragraph_numbers_not_counts", not_counts)):
        for r in df.itertuples():
            if PARAGRAPH_OF.get(r.raw_line) != r.paragraph:
                problems.append((name, r.paragraph, r.raw_line, "line is not in that paragraph",
                                 PARAGRAPH_OF.get(r.raw_line)))
    assert not problems, problems
    _spans(stated)  # text_zh stands once on its line and holds the printed number once
    _spans(not_counts)


def test_each_count_is_the_number_as_printed(stated):
    """A count printed in digits is a whole number of the line ('10 500', not '500'), and
    its value is the printed number's, unchanged."""
    tokens = {n: {(s, e) for s, e, _ in source.digit_numbers(LINES[n - 1])}
              for n in set(stated["raw_line"])}
    for (raw_line, start, end, csv_line), r in zip(_spans(stated), stated.itertuples()):
        assert r.value == source.printed_value(r.printed), csv_line
        if re.fullmatch(r"[0-9 .]+", r.printed):
            assert (start, end) in tokens[raw_line], (
                f"stated_numbers.csv line {csv_line}: {r.printed!r} is only part of a "
                f"number printed on raw line {raw_line}")


def test_no_number_is_both_a_count_and_not_a_count(stated, not_counts):
    counts = _spans(stated)
    others = _spans(not_counts)
    clashes = [(a[3], b[3]) for a in counts for b in others
               if a[0] == b[0] and a[1] < b[2] and b[1] < a[2]]
    assert not clashes, ("stated_numbers.csv and paragraph_numbers_not_counts.csv rows (CSV "
                         "lines) that claim the same number", clashes)


def test_the_subprogramme_is_the_part_of_the_document_holding_the_paragraph(stated,
                                                                            not_counts):
    """From a subprogramme's objective paragraph up to the next one's; 'programme' before
    the first."""
    subs = load("subprogrammes")
    starts = sorted((int(r.objective_paragraph.split(".")[1]), r.id)
                    for r in subs.itertuples() if isinstance(r.objective_paragraph, str))

    def holder(p):
        n = int(p.split(".")[1])
        return ([i for s, i in starts if s <= n] or ["programme"])[-1]

    for df in (stated, not_counts):
        for r in df.itertuples():
            assert r.subprogramme == holder(r.paragraph), (r.paragraph, r.printed)


_BLOCK_HEADING = re.compile(r"^([0-9]{4} 年方案执行情况|[0-9]{4} 年方案业绩|[0-9]{4} 年拟议方案|"
                            r"[0-9]{4} 年计划成果|[0-9]{4} 年战略和外部因素|经验教训|战略$|目标$|"
                            r"评价活动|应交付产出|立法授权|任务和背景|工作方案)")


def _block_heading(paragraph):
    first = dict(PARAGRAPHS)[paragraph][0][0]
    for line in reversed(LINES[:first - 1]):
        if _BLOCK_HEADING.match(line.strip()):
            return line.strip()
    return ""


def test_a_year_is_one_the_text_ties_the_number_to(stated):
    """A count's year is stated in its paragraph or in the heading of its block (e.g.
    '2023 年方案执行情况', programme performance in 2023)."""
    problems = []
    for r in stated.dropna(subset=["year"]).itertuples():
        text = "\n".join(t for _, t in dict(PARAGRAPHS)[r.paragraph])
        heading = _block_heading(r.paragraph)
        if f"{r.year} 年" not in text and f"{r.year} 年" not in heading:
            problems.append((r.paragraph, r.printed, r.year, heading))
    assert not problems, problems


def test_the_examples_of_the_issue_are_captured(stated):
    """The numbers issue 14 named as missing, each with its wording."""
    expected = [("16.43", 814, 21, "exact", "executive summaries"),
                ("16.62", 985, 600, "more_than", "officers"),
                ("16.83", 1182, 50, "more_than", "participants"),
                ("16.83", 1182, 16, "exact", "countries"),
                ("16.89", 1228, 90, "about", "countries and territories"),
                ("16.115", 1463, 9, "exact", "countries"),
                ("16.135", 1672, 154, "exact", "countries and territories")]
    got = set(zip(stated["paragraph"], stated["raw_line"], stated["value"],
                  stated["qualifier"], stated["unit"]))
    assert not [e for e in expected if e not in got]


def test_figure_values_and_target_statements_agree():
    """Every count that is a value of a figure, in the performance year, is in targets.csv
    (the values the book shows for its figures) for that figure and paragraph; every number
    of targets.csv is a count of stated_numbers.csv in its paragraph."""
    tables = load_all()
    stated, targets, figures = tables["stated_numbers"], tables["targets"], tables["figures"]
    problems = []
    for r in stated.dropna(subset=["measures"]).itertuples():
        kind, number = r.measures.split(" ")
        if kind != "Figure":
            continue
        fig = figures[figures["figure"] == number].iloc[0]
        if fig["subprogramme"] != r.subprogramme:
            problems.append((r.paragraph, r.printed, "figure of another subprogramme", number))
        if r.year != EDITION.performance_year:
            continue
        rows = targets[(targets["figure"] == number) & (targets["paragraph"] == r.paragraph)]
        if not ((rows["actual"] == r.value) | (rows["target"] == r.value)).fillna(False).any():
            problems.append((r.paragraph, r.printed, "not in targets.csv for", number))
    for r in targets.itertuples():
        values = set(stated.loc[stated["paragraph"] == r.paragraph, "value"])
        for col in ("actual", "target"):
            value = getattr(r, col)
            if pd.notna(value) and value not in values:
                problems.append((r.paragraph, col, value, "not in stated_numbers.csv"))
    assert not problems, problems


def test_a_figure_with_a_stated_value_is_not_listed_as_unstated():
    """Figure 16.XXV: paragraph 16.135 states 154 countries and territories for 2023."""
    targets = load("targets")
    row = targets[(targets["figure"] == f"{SECTION}.XXV")]
    assert row["actual"].tolist() == [154] and row["paragraph"].tolist() == [f"{SECTION}.135"]
    issues = load("source_issues")
    assert f"figure_values_not_stated|{SECTION}.XXV" not in set(issues["check_key"].dropna())


def test_the_new_files_are_in_the_data_package():
    for name in ("stated_numbers", "paragraph_numbers_not_counts"):
        assert (DATA / f"{name}.csv").is_file()
