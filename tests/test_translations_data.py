"""The book's own notes in Chinese: source_issues.csv (location_zh, description_zh,
book_action_zh) and deliverable_timing.csv (note_zh) translate the book's English columns
for the Chinese edition. A translation keeps every number, reference and quoted source
word of its English cell; the loader refuses a blank one."""
import re

import pytest

from budgetbook import DataError, language, load, load_all, schema, source
from budgetbook.loading import read_edition
from chinese import english_left
from conftest import rewrite_csv

# table -> (English column, its Chinese translation)
TRANSLATED = {"source_issues": [("location", "location_zh"),
                                ("description_en", "description_zh"),
                                ("book_action", "book_action_zh")],
              "deliverable_timing": [("note_en", "note_zh")]}
CJK = "\u4e00-\u9fff"
# A run of Chinese as the source prints it: characters and Chinese punctuation.
CHINESE_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”‘’…—]+")


def _cells():
    """(where, English cell, Chinese cell) for every translated cell of data/."""
    out = []
    for name, pairs in TRANSLATED.items():
        df = load(name)
        for line, (_, row) in zip(df.attrs["lines"], df.iterrows()):
            out += [(f"{name}.csv line {line} {zh}", row[en], row[zh]) for en, zh in pairs]
    return out


CELLS = _cells()


def _without_glosses(english):
    """The English cell without its glosses of quoted Chinese ("'2025 年拟议方案预算'
    ('proposed programme budget for 2025')"): the Chinese quotes the source's words alone,
    so the numbers a gloss repeats are not the cell's own."""
    return re.sub(rf"('[^']*[{CJK}][^']*')\s*\('[^']*'\)", r"\1", english)


def test_every_english_cell_has_its_translation():
    assert len(CELLS) == 3 * len(load("source_issues")) + len(load("deliverable_timing"))
    for where, english, chinese in CELLS:
        assert isinstance(english, str) and english, where
        assert isinstance(chinese, str) and re.search(f"[{CJK}]", chinese), where
        assert chinese != english, where


def test_a_translation_has_the_numbers_of_its_english():
    """The digit runs of each translated cell, sorted, are those of its English cell:
    no number is dropped, added or changed ('3,105' stays '3,105'; 'December' is written
    in words, not as a month number)."""
    problems = [(where, en, zh) for where, english, chinese in CELLS
                if (en := sorted(re.findall(r"\d+", _without_glosses(english))))
                != (zh := sorted(re.findall(r"\d+", chinese)))]
    assert not problems, problems


def test_the_gloss_rule_only_drops_numbers_a_gloss_repeats():
    """Where a gloss is left out, its numbers all stand in the quoted Chinese before it."""
    for where, english, _ in CELLS:
        for quoted, gloss in re.findall(rf"('[^']*[{CJK}][^']*')\s*\(('[^']*')\)", english):
            assert set(re.findall(r"\d+", gloss)) <= set(re.findall(r"\d+", quoted)), where


def test_a_translation_names_figures_tables_paragraphs_and_lines_the_chinese_way():
    """Figure 16.XIV -> 图 16.十四 (the Chinese edition's numerals); Table 16.4 ->
    表 16.4; paragraph 16.19 -> 第 16.19 段; line 814 -> 第 814 行."""
    problems = []
    for where, english, chinese in CELLS:
        romans = sorted(language.chinese_numeral(source.roman_to_int(r))
                        for r in re.findall(r"\b\d+\.([IVXL]+)\b", english))
        numerals = sorted(re.findall(r"\d+\.([一二三四五六七八九十]+)", chinese))
        if romans != numerals:
            problems.append((where, "figures", romans, numerals))
        if re.search(r"\d+\.[IVXL]+\b", chinese):
            problems.append((where, "a Roman figure number left"))
        problems += [(where, "table", t) for t in re.findall(r"\bTable (\d+\.\d+)", english)
                     if f"表 {t}" not in chinese]
        problems += [(where, "paragraph", p)
                     for p in re.findall(r"\b[Pp]aragraph (\d+\.\d+)", english)
                     if f"第 {p} 段" not in chinese]
        problems += [(where, "line", n) for n in re.findall(r"\bline (\d+)\b", english)
                     if f"第 {n} 行" not in chinese]
    assert not problems, problems


def test_a_translation_quotes_the_source_in_its_own_words():
    """Every run of Chinese an English cell quotes from the source stands, verbatim, in
    its translation."""
    problems = [(where, run) for where, english, chinese in CELLS
                for run in CHINESE_RUN.findall(english) if run not in chinese]
    assert not problems, problems


def test_a_translation_says_everything_in_chinese():
    """No English word is left in a translation but the source's own (goIFAR, XLII),
    ids and the data contract's column names a finding quotes (footnote_zh, plan_2025)."""
    columns = {f["name"] for res in schema.resources(read_edition()).values()
               for f in res["fields"] if "_" in f["name"]}
    problems = [(where, left) for where, _, chinese in CELLS
                if (left := english_left(chinese, allowed=columns))]
    assert not problems, problems


@pytest.mark.parametrize("name,column", [(name, zh) for name, pairs in TRANSLATED.items()
                                         for _, zh in pairs])
def test_a_blank_translation_is_refused_naming_file_line_and_column(data_copy, name, column):
    """The Chinese edition shows the translation in the English column's place: where the
    English is given (always: the English columns are required), a blank translation is
    a DataError naming the file, the line, the column and the rule."""
    path = data_copy / f"{name}.csv"

    def blank(rows):
        rows[2][rows[0].index(column)] = ""
    rewrite_csv(path, blank)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert (err.value.file, err.value.line, err.value.column) == (path, 3, column)
    assert str(err.value) == f"{path}, line 3, column '{column}': required value is missing"
    with pytest.raises(DataError, match=rf"column '{column}': required value is missing"):
        load(name, data_copy)


@pytest.mark.parametrize("name,column", [(name, zh) for name, pairs in TRANSLATED.items()
                                         for _, zh in pairs])
def test_a_missing_translation_column_is_refused(data_copy, name, column):
    path = data_copy / f"{name}.csv"
    rewrite_csv(path, lambda rows: [r.pop(rows[0].index(column)) for r in rows[::-1]])
    with pytest.raises(DataError) as err:
        load(name, data_copy)
    assert (err.value.line, err.value.column) == (1, column)
    assert "required column is missing from the header" in str(err.value)
