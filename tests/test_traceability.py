"""Every value in data/ stands where its row says, in data/raw (the source text)."""
import re

import pandas as pd
import pytest

from budgetbook import load, source
from budgetbook.loading import read_edition
from conftest import DATA, SUBPROGRAMME_IDS

RAW = "\n".join(source.raw_lines())
EDITION = read_edition()


def _cells(line):
    """The four measure cells at the end of a table line, '—' as None."""
    cells = [c.strip() for c in line.split("\t")][-4:]
    out = []
    for c in cells:
        out.append(None if c == "—" else int(c.replace(" ", "")))
    return out


def _expected(row):
    nil = set(row["nil_in_source"].split(";")) if pd.notna(row["nil_in_source"]) else set()
    return [None if m in nil else int(row[m]) for m in EDITION.measures]


def test_raw_path_is_the_source_file_edition_csv_names():
    path = source.raw_path()
    assert path == DATA / EDITION.source_file and path.is_file()
    assert source.raw_lines() == tuple(path.read_text(encoding="utf-8").split("\n"))


def test_each_deliverables_table_prints_the_editions_measure_header():
    """Every deliverables table heads its columns with the edition's four measures, except
    where the source audit lists the header as misprinted."""
    expected = EDITION.measure_labels_zh
    assert expected == ["2023计划", "2023实际", "2024计划", "2025计划"]
    issues = load("source_issues")
    misprinted = {k.split("|")[1] for k in issues["check_key"].dropna()
                  if k.startswith("misprinted_header|")}
    problems = []
    for table in load("deliverables")["table"].unique():
        headers = [cells[1:] for cells in ([re.sub(r"\s+|年", "", c) for c in line.split("\t")]
                                           for line in source.table_lines(table))
                   if cells[0] == "类别和次类别"]
        if not headers:
            problems.append((table, "no header line"))
        elif table not in misprinted and any(h != expected for h in headers):
            problems.append((table, headers))
    assert not problems, problems


def _recorded_line(kind, key, row, table, matches):
    """The problem with a row's raw_line, or None: the recorded line must be a line of its
    table, the only line of that table that ``matches`` the row, and print the row's four
    measures."""
    lines = source.numbered_table_lines(table)
    hits = [n for n, ln in lines if matches(ln)]
    recorded = int(row["raw_line"])
    in_table = dict(lines)
    if recorded not in in_table:
        return (kind, table, key, f"raw_line {recorded} is not a line of Table {table} "
                                  f"(lines {lines[0][0]}-{lines[-1][0]})", hits)
    if hits != [recorded]:
        return (kind, table, key, f"raw_line {recorded}, but the row stands on line(s) {hits}",
                source.raw_lines()[recorded - 1])
    if _cells(in_table[recorded]) != _expected(row):
        return (kind, table, key, f"line {recorded}", _cells(in_table[recorded]),
                _expected(row))
    return None


def test_each_deliverable_row_stands_on_its_line_in_its_table():
    """Each line item stands on exactly the line of data/raw its raw_line records: a line
    of its table (the only one) that starts with its number and holds its label and its
    four measures."""
    problems = []
    for _, row in load("deliverables").iterrows():
        def matches(ln, row=row):
            return bool(re.match(rf"^\s*{row['item_no']}\.\s*", ln)) and row["item_zh"] in ln
        problem = _recorded_line("item", row["item_no"], row, row["table"], matches)
        if problem:
            problems.append(problem)
    assert not problems, problems


def test_each_timing_mark_stands_in_the_words_it_cites():
    """A timing mark quotes the words that make it: exactly once on its raw_line, which is
    the item's own line when no paragraph is cited, and a line of that paragraph when one is."""
    lines = source.raw_lines()
    items = load("deliverables").set_index(["table", "item_no"])
    problems = []
    for _, row in load("deliverable_timing").iterrows():
        line = lines[row["raw_line"] - 1]
        if line.count(row["evidence_zh"]) != 1:
            problems.append((row["table"], row["item_no"], "evidence not once on its line"))
        if pd.isna(row["paragraph"]):
            if items.loc[(row["table"], row["item_no"]), "raw_line"] != row["raw_line"]:
                problems.append((row["table"], row["item_no"], "not the item's own line"))
        elif line not in source.paragraph(row["paragraph"], lines).split("\n"):
            problems.append((row["table"], row["item_no"], f"not in {row['paragraph']}"))
    assert not problems, problems


def test_each_printed_total_stands_on_its_subcategory_line():
    """Each printed total stands on exactly the line its raw_line records: the only line of
    its table whose first cell is the subcategory label, with the four totals."""
    problems = []
    for _, row in load("deliverable_totals").iterrows():
        def matches(ln, row=row):
            return ln.split("\t")[0].strip() == row["subcategory_zh"]
        problem = _recorded_line("total", row["subcategory_zh"], row, row["table"], matches)
        if problem:
            problems.append(problem)
    assert not problems, problems


def test_raw_lines_follow_the_printed_order():
    """Within a table, items and totals stand in the order of their lines: each item below
    its subcategory's total line and above the next subcategory's, items numbered in
    reading order."""
    items, totals = load("deliverables"), load("deliverable_totals")
    key = ["table", "subcategory_zh"]
    problems = []
    for table, rows in items.groupby("table"):
        ordered = rows.sort_values("raw_line")
        if ordered["item_no"].tolist() != sorted(rows["item_no"]):
            problems.append((table, "items not in reading order", ordered["item_no"].tolist()))
        heads = totals[totals["table"] == table].sort_values("raw_line")
        for _, item in rows.iterrows():
            above = heads[heads["raw_line"] < item["raw_line"]]
            if above.empty or tuple(above.iloc[-1][key]) != (table, item["subcategory_zh"]):
                problems.append((table, item["item_no"], "not under its subcategory's line"))
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
    for _, row in load("targets").iterrows():
        text = source.paragraph(row["paragraph"])
        numbers = source.numbers_in(text)
        if row["year"] != EDITION.performance_year:
            problems.append((row["paragraph"], "year", row["year"]))
        if pd.notna(row["actual"]) and row["actual"] not in numbers:
            problems.append((row["paragraph"], "actual", row["actual"]))
        if pd.notna(row["target"]) and row["target"] not in numbers:
            problems.append((row["paragraph"], "target", row["target"]))
        if row["indicator_zh"] not in text:
            problems.append((row["paragraph"], "indicator", row["indicator_zh"]))
        if pd.notna(row["reason_zh"]) and row["reason_zh"] not in text:
            problems.append((row["paragraph"], "reason", row["reason_zh"]))
    assert not problems, problems


# A number as a paragraph prints it: Arabic digits (the source's thousands space kept,
# '845 258') or a small count in Chinese characters ('两', '三').
_PRINTED_NUMBER = (r"(?<![0-9.])[0-9]+(?: [0-9]{3})*(?:\.[0-9]+)?(?![0-9])"
                   r"|(?<![一两二三四五六七八九十])[一两二三四五六七八九十]+")


def _printed_value(printed):
    try:
        return source.printed_value(printed)
    except ValueError:
        return None


def test_each_unit_zh_stands_right_after_its_number_in_the_cited_paragraph():
    """unit_zh is the paragraph's own words after the number: for every row with a
    unit_zh, its number (the actual; the target where the row states no actual), as the
    paragraph prints it (digits, or a Chinese numeral such as 两), then an optional space,
    then unit_zh verbatim, stand in the cited paragraph. A row without a unit has no
    unit_zh, and a unit_zh needs a number to follow."""
    problems = []
    for _, row in load("targets").iterrows():
        where = (row["paragraph"], row["indicator_zh"])
        unit_zh = row["unit_zh"]
        if pd.isna(unit_zh):
            continue
        if pd.isna(row["unit"]):
            problems.append((*where, "unit_zh where unit is blank", unit_zh))
        number = row["actual"] if pd.notna(row["actual"]) else row["target"]
        if pd.isna(number):
            problems.append((*where, "unit_zh without a number", unit_zh))
            continue
        text = source.paragraph(row["paragraph"])
        pattern = rf"({_PRINTED_NUMBER}) ?{re.escape(unit_zh)}"
        if not any(_printed_value(m.group(1)) == number for m in re.finditer(pattern, text)):
            problems.append((*where, f"{number:g} followed by {unit_zh!r} not in the paragraph"))
    assert not problems, problems


def test_every_unit_has_its_chinese_in_this_edition():
    """In this edition every paragraph prints a unit word (or '%') after the number it
    states, so every row with a unit has its unit_zh, and a percentage's is '%'."""
    targets = load("targets")
    with_unit = targets[targets["unit"].notna()]
    assert with_unit["unit_zh"].notna().all(), with_unit[with_unit["unit_zh"].isna()]
    assert targets["unit_zh"][targets["unit"].isna()].isna().all()
    assert set(targets["unit_zh"][targets["unit"] == "percent"]) == {"%"}


def test_every_reason_the_paragraphs_give_for_a_missed_target_is_recorded():
    """A paragraph that says why a target was not met (由于 ..., 'because ...') has that
    reason in targets.csv, on the row it explains (a status of not met), and no other row
    has one: the register can then say 'none given' with confidence."""
    targets = load("targets")
    with_reason = targets[targets["reason_zh"].notna()]
    assert (with_reason["status_stated"] == "not_met").all()
    assert with_reason["reason_en"].notna().all()
    for paragraph in targets[targets["status_stated"] == "not_met"]["paragraph"].unique():
        text = source.paragraph(paragraph)
        stated = set(with_reason[with_reason["paragraph"] == paragraph]["reason_zh"])
        because = {s + "。" for s in text.replace("\n", "").split("。") if "由于" in s}
        assert because == stated, paragraph


def _in_columns(title, listed):
    """A title stands in the list whole, or wrapped once into the other column of the
    two-column layout (both pieces then stand there)."""
    text = _squash(listed.replace("2025 年拟议方案预算", ""))
    t = _squash(title)
    return t in text or any(t[:i] in text and t[i:] in text for i in range(2, len(t) - 1))


# Footnote markers the source prints inside symbol cells ('1997/30; ¹ 1999/28', '1998/23 ³').
_MARKERS = "¹²³⁴⁵⁶⁷⁸⁹"


def _unmarked(text):
    """Text with each footnote marker and the one space before it removed: the symbols are
    stored without their markers ('1997/30; 1999/28'); nothing else is changed."""
    return re.sub(rf" ?[{_MARKERS}]", "", text)


def test_each_mandate_symbol_appears_in_its_subprogrammes_list():
    problems = []
    mandates = load("mandates")
    # each subprogramme's printed list, read once
    lists = {sp: "\n".join(source.mandate_lines(sp)) for sp in set(mandates["subprogramme"])}
    unmarked = {sp: _unmarked(text) for sp, text in lists.items()}
    for _, row in mandates.iterrows():
        listed = lists[row["subprogramme"]]
        if row["heading_zh"] not in listed:
            problems.append((row["subprogramme"], "heading", row["heading_zh"]))
        if pd.notna(row["symbol"]) and re.search(f"[{_MARKERS}]", row["symbol"]):
            problems.append((row["subprogramme"], "marker left in symbol", row["symbol"]))
        if pd.notna(row["symbol"]) and row["symbol"] not in unmarked[row["subprogramme"]]:
            problems.append((row["subprogramme"], "symbol", row["symbol"]))
        if pd.notna(row["title_zh"]) and not _in_columns(row["title_zh"], listed):
            problems.append((row["subprogramme"], "title", row["title_zh"]))
    assert not problems, problems


def _printed_figure_title(figure):
    """The title under a figure as printed: the '业绩计量：' line, followed (joined with no
    space) by the unit line when the next non-blank line is one, e.g. '(百分比)'."""
    lines = [ln.strip() for ln in source.figure_lines(figure) if ln.strip()]
    starts = [i for i, ln in enumerate(lines) if ln.startswith("业绩计量：")]
    assert len(starts) == 1, (figure, f"{len(starts)} '业绩计量：' lines")
    i = starts[0]
    title = lines[i].removeprefix("业绩计量：")
    if i + 1 < len(lines) and re.fullmatch(r"\([^()]+\)", lines[i + 1]):
        title += lines[i + 1]
    return title


def test_each_figure_title_appears_under_its_figure():
    """Each title equals the printed title exactly, its unit line included (none dropped)."""
    for _, row in load("figures").iterrows():
        assert row["title_zh"] == _printed_figure_title(row["figure"]), row["figure"]
        cited = source.paragraph(row["cited_in"])
        assert f"(见{source.figure_heading(row['figure'])})" in cited, row["figure"]


def test_each_figure_basis_follows_the_words_of_its_title():
    """basis is 'cumulative' when the title says 累计 only, 'annual' for 年度 only,
    'cumulative_and_annual' for both, and blank for neither."""
    expected = {(True, False): "cumulative", (False, True): "annual",
                (True, True): "cumulative_and_annual", (False, False): None}
    for _, row in load("figures").iterrows():
        words = ("(累计)" in row["title_zh"], "(年度)" in row["title_zh"])
        basis = None if pd.isna(row["basis"]) else row["basis"]
        assert basis == expected[words], (row["figure"], basis, words)


def _mandate_section():
    """(line number, line) of the legislative mandates section of the source."""
    lines = source.raw_lines()
    start = lines.index("立法授权")
    end = lines.index("应交付产出", start)
    return [(n + 1, lines[n]) for n in range(start, end)]


def test_each_mandate_footnote_stands_in_the_source_and_matches_one_marker():
    """Each footnote marker printed in a symbol cell of the mandates lists is matched by
    exactly one mandate row: the row whose (unmarked) symbol is that cell, in that
    subprogramme's list, and whose footnote_zh is the text of that marker's footnote line
    exactly. No row carries a footnote without a marker."""
    section = _mandate_section()
    notes = {}  # marker -> footnote text, from lines printed as '¹ 特别是……'
    for n, line in section:
        m = re.fullmatch(rf"([{_MARKERS}]) (\S.*)", line.strip())
        if m:
            assert m.group(1) not in notes, (n, "marker has two footnote lines")
            notes[m.group(1)] = m.group(2)
    mandates = load("mandates")
    matched = set()
    problems = []
    markers_in_cells = 0
    for sp in SUBPROGRAMME_IDS:
        for line in source.mandate_lines(sp):
            if re.fullmatch(rf"[{_MARKERS}] \S.*", line.strip()):
                continue  # a footnote line, not a list row
            for cell in line.split("\t"):
                for marker in re.findall(f"[{_MARKERS}]", cell):
                    markers_in_cells += 1
                    rows = mandates[(mandates["subprogramme"] == sp)
                                    & (mandates["symbol"] == _unmarked(cell).strip())]
                    if marker not in notes:
                        problems.append((sp, cell, "marker without a footnote line"))
                    elif len(rows) != 1:
                        problems.append((sp, cell, f"{len(rows)} mandate rows"))
                    elif (pd.isna(note := rows["footnote_zh"].iloc[0])
                          or note != notes[marker]):
                        problems.append((sp, cell, "footnote_zh", note))
                    else:
                        matched.add(rows.index[0])
    footnoted = mandates[mandates["footnote_zh"].notna()]
    extra = sorted(set(footnoted.index) - matched)
    assert not problems, problems
    assert not extra, mandates.loc[extra, ["subprogramme", "symbol", "footnote_zh"]]
    in_section = sum(len(re.findall(f"[{_MARKERS}]", line)) for _, line in section
                     if not re.fullmatch(rf"[{_MARKERS}] \S.*", line.strip()))
    assert in_section == markers_in_cells == len(notes) == len(matched) > 0
    assert (mandates["footnote_zh"].notna() == mandates["footnote_en"].notna()).all()


def test_each_result_title_is_printed():
    lines = {ln.strip() for ln in source.raw_lines()}
    for _, row in load("results").iterrows():
        if row["result"] == 0:
            assert row["title_zh"] in lines, (row["subprogramme"], row["title_zh"])
        else:
            assert f"成果 {row['result']}：{row['title_zh']}" in lines, (row["subprogramme"],
                                                                        row["result"])
        source.paragraph(row["first_paragraph"])  # raises if the paragraph does not exist


# The heading of a result's "programme performance in Y-2 and target for Y" part, as printed
# ('2023 年方案执行情况和 2025 年具体目标'; once '2023 年方案业绩和 2025 年目标', SI-26).
PERFORMANCE_HEADING = re.compile(rf"^{EDITION.performance_year} 年方案(执行情况|业绩)和 "
                                 rf"{EDITION.budget_year} 年(具体)?目标$")
# What ends that part: the next result, the next part of the result or of the subprogramme.
_PART_ENDS = re.compile(r"^(成果 \d|次级方案|构成部分|应交付产出|评价活动|经验教训|"
                        r"\d{4} 年计划成果|\d{4} 年方案执行情况$)")


def _performance_part(row):
    """(heading line, [(paragraph, raw_line), ...]) of a planned result's performance part,
    or None when the result has none: the '执行情况和...目标' heading under the result's
    '成果 n：title' line (the last before its first paragraph, since two results of sp2
    share a title) and the numbered paragraphs from it to the next result or section
    heading."""
    lines = source.raw_lines()
    first = [i for i, ln in enumerate(lines)
             if source.paragraph_number(ln) == row["first_paragraph"]]
    heads = [i for i, ln in enumerate(lines[:first[0]])
             if ln.strip() == f"成果 {row['result']}：{row['title_zh']}"]
    assert len(first) == 1 and heads, (row["subprogramme"], row["result"])
    heading, paragraphs = None, []
    for i in range(heads[-1] + 1, len(lines)):
        text = lines[i].strip()
        if _PART_ENDS.match(text):
            break
        if PERFORMANCE_HEADING.match(text):
            assert heading is None, (row["subprogramme"], row["result"], "two headings")
            heading = i + 1
        elif heading is not None and source.paragraph_number(lines[i]):
            paragraphs.append((source.paragraph_number(lines[i]), i + 1))
    return None if heading is None else (heading, paragraphs)


def test_each_performance_paragraph_stands_under_its_results_performance_heading():
    """A planned result with a 'programme performance and target' part names the paragraph
    under that heading that reports its performance (not the one that introduces the
    performance measure); the highlight and a result without that part name none."""
    problems = []
    for _, row in load("results").iterrows():
        where = (row["subprogramme"], row["result"])
        given = None if pd.isna(row["performance_paragraph"]) else row["performance_paragraph"]
        part = None if row["result"] == 0 else _performance_part(row)
        if part is None:
            if given is not None:
                problems.append((*where, given, "the result has no performance part"))
            continue
        heading, paragraphs = part
        under = dict(paragraphs)
        if given is None:
            problems.append((*where, "blank, but the result has a performance part",
                             f"heading on line {heading}", [p for p, _ in paragraphs]))
        elif given not in under:
            problems.append((*where, given, f"not a paragraph under the heading on line "
                                            f"{heading}", [p for p, _ in paragraphs]))
        elif "下述业绩计量" in source.paragraph(given):
            problems.append((*where, given, "introduces the performance measure"))
    assert not problems, problems


def test_targets_of_a_planned_result_cite_its_performance_paragraph():
    """Every paragraph targets.csv cites for a planned result (1 and up) is that result's
    performance_paragraph, so the targets and the results agree."""
    results = load("results").set_index(["subprogramme", "result"])["performance_paragraph"]
    problems = []
    targets = load("targets")
    for _, row in targets[targets["result"] > 0].iterrows():
        expected = results.get((row["subprogramme"], row["result"]))
        if expected is None or pd.isna(expected) or row["paragraph"] != expected:
            problems.append((row["subprogramme"], row["result"], row["paragraph"],
                             row["indicator_zh"], "performance_paragraph", expected))
    assert not problems, problems


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
    assert source.figure_heading("16.XIV") == "图 16.十四"
    assert [source.roman_to_int(r) for r in ("I", "IV", "IX", "XIV", "XIX", "XXVI", "XL")] == [
        1, 4, 9, 14, 19, 26, 40]
    assert source.numbers_in("共 845 258 人，2023 年") == [845258.0, 2023.0]
    with pytest.raises(KeyError):
        source.paragraph("16.999")
