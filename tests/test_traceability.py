"""Every value in data/ stands where its row says, in data/raw (the source text)."""
import re

import pandas as pd
import pytest

from budgetbook import load, schema, source

RAW = "\n".join(source.raw_lines())


def _cells(line):
    """The four measure cells at the end of a table line, '—' as None."""
    cells = [c.strip() for c in line.split("\t")][-4:]
    out = []
    for c in cells:
        out.append(None if c == "—" else int(c.replace(" ", "")))
    return out


def _expected(row):
    nil = set(row["nil_in_source"].split(";")) if pd.notna(row["nil_in_source"]) else set()
    return [None if m in nil else int(row[m]) for m in schema.MEASURES]


def test_each_deliverable_row_stands_on_its_line_in_its_table():
    problems = []
    for _, row in load("deliverables").iterrows():
        lines = source.table_lines(row["table"])
        hits = [ln for ln in lines if re.match(rf"^\s*{row['item_no']}\.\s*", ln)
                and row["item_zh"] in ln]
        if len(hits) != 1:
            problems.append((row["table"], row["item_no"], f"{len(hits)} matching lines"))
        elif _cells(hits[0]) != _expected(row):
            problems.append((row["table"], row["item_no"], _cells(hits[0]), _expected(row)))
    assert not problems, problems


def test_each_printed_total_stands_on_its_subcategory_line():
    problems = []
    for _, row in load("deliverable_totals").iterrows():
        lines = source.table_lines(row["table"])
        hits = [ln for ln in lines if ln.split("\t")[0].strip() == row["subcategory_zh"]]
        if len(hits) != 1:
            problems.append((row["table"], row["subcategory_zh"], f"{len(hits)} lines"))
        elif _cells(hits[0]) != _expected(row):
            problems.append((row["table"], row["subcategory_zh"], _cells(hits[0]), _expected(row)))
    assert not problems, problems


def _squash(text):
    return re.sub(r"\s+", "", text)


def test_each_narrative_deliverable_stands_in_its_table():
    for _, row in load("deliverables_narrative").iterrows():
        table = _squash("".join(source.table_lines(row["table"]))).replace(":", "：")
        label = "" if pd.isna(row["subcategory_zh"]) else row["subcategory_zh"] + "："
        assert _squash(label + row["text_zh"]).replace(":", "：") in table, (
            row["table"], row["subcategory_zh"])


def test_each_target_number_appears_in_its_cited_paragraph():
    problems = []
    for _, row in load("targets_2023").iterrows():
        text = source.paragraph(row["paragraph"])
        numbers = source.numbers_in(text)
        if pd.notna(row["actual_2023"]) and row["actual_2023"] not in numbers:
            problems.append((row["paragraph"], "actual", row["actual_2023"]))
        if pd.notna(row["target_2023"]) and row["target_2023"] not in numbers:
            problems.append((row["paragraph"], "target", row["target_2023"]))
        if row["indicator_zh"] not in text:
            problems.append((row["paragraph"], "indicator", row["indicator_zh"]))
    assert not problems, problems


def _in_columns(title, listed):
    """A title stands in the list whole, or wrapped once into the other column of the
    two-column layout (both pieces then stand there)."""
    text = _squash(listed.replace("2025 年拟议方案预算", ""))
    t = _squash(title)
    return t in text or any(t[:i] in text and t[i:] in text for i in range(2, len(t) - 1))


def test_each_mandate_symbol_appears_in_its_subprogrammes_list():
    problems = []
    for _, row in load("mandates").iterrows():
        listed = "\n".join(source.mandate_lines(row["subprogramme"]))
        if row["heading_zh"] not in listed:
            problems.append((row["subprogramme"], "heading", row["heading_zh"]))
        if pd.notna(row["symbol"]) and row["symbol"] not in listed:
            problems.append((row["subprogramme"], "symbol", row["symbol"]))
        if pd.notna(row["title_zh"]) and not _in_columns(row["title_zh"], listed):
            problems.append((row["subprogramme"], "title", row["title_zh"]))
    assert not problems, problems


def test_each_figure_title_appears_under_its_figure():
    for _, row in load("figures").iterrows():
        under = "\n".join(source.figure_lines(row["figure"]))
        assert "业绩计量：" + row["title_zh"] in under, row["figure"]
        cited = source.paragraph(row["cited_in"])
        assert f"(见{source.figure_heading(row['figure'])})" in cited, row["figure"]


def test_each_result_title_is_printed():
    lines = {ln.strip() for ln in source.raw_lines()}
    for _, row in load("results").iterrows():
        if row["result"] == 0:
            assert row["title_zh"] in lines, (row["subprogramme"], row["title_zh"])
        else:
            assert f"成果 {row['result']}：{row['title_zh']}" in lines, (row["subprogramme"],
                                                                        row["result"])
        source.paragraph(row["first_paragraph"])  # raises if the paragraph does not exist


def test_each_measure_is_cited_by_a_paragraph():
    for _, row in load("results").iterrows():
        kind, number = row["measure"].split(" ")
        if kind == "Table":
            assert f"(见表 {number})" in RAW, row["measure"]
        else:
            assert f"(见{source.figure_heading(number)})" in RAW, row["measure"]


def test_each_performance_measure_cell_stands_in_its_table():
    problems = []
    for _, row in load("performance_measures").iterrows():
        lines = source.table_lines(row["table"])
        status = "实际" if row["status"] == "actual" else "计划"
        if not any(f"{row['year']}({status})" in ln for ln in lines):
            problems.append((row["table"], row["year"], "no such column"))
        if pd.notna(row["text_zh"]) and _squash(row["text_zh"]) not in _squash("".join(lines)):
            problems.append((row["table"], row["year"], row["row"]))
    assert not problems, problems


def test_each_objective_stands_in_its_paragraph():
    for _, row in load("subprogrammes").iterrows():
        if pd.isna(row["objective_zh"]):
            assert row["id"] == "programme"
            continue
        assert row["objective_zh"] in source.paragraph(row["objective_paragraph"]), row["id"]


def test_source_helpers_find_passages():
    assert source.chinese_numeral(14) == "十四"
    assert source.chinese_numeral(20) == "二十"
    assert source.chinese_numeral(26) == "二十六"
    assert source.figure_heading("16.XXVI") == "图 16.二十六"
    assert source.numbers_in("共 845 258 人，2023 年") == [845258.0, 2023.0]
    with pytest.raises(KeyError):
        source.paragraph("16.999")
