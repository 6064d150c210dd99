"""Bad input gives one clear error naming the file, line, column and rule; data/ is untouched."""

import pytest

from budgetbook import DataError, load, load_all, schema
from budgetbook.loading import read_edition
from conftest import rewrite_csv


_rewrite = rewrite_csv


def _set(path, line, column, value):
    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value
    _rewrite(path, edit)


def test_missing_file(data_copy):
    (data_copy / "deliverables.csv").unlink()
    with pytest.raises(DataError, match=r"deliverables\.csv: file is missing"):
        load("deliverables", data_copy)


def test_missing_column(data_copy):
    plan = read_edition(data_copy).measure("budget_plan")
    path = data_copy / "deliverables.csv"
    _rewrite(path, lambda rows: [r.pop(rows[0].index(plan)) for r in rows[::-1]])
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert err.value.column == plan and err.value.line == 1
    assert f"deliverables.csv, line 1, column '{plan}': required column is missing" in str(err.value)


def test_non_integer_count(data_copy):
    actual = read_edition(data_copy).measure("prior_actual")
    path = data_copy / "deliverables.csv"
    _set(path, 3, actual, "12.5")
    with pytest.raises(DataError, match=rf"deliverables\.csv, line 3, column '{actual}': "
                                        r"must be a whole number \(integer\) \(found '12\.5'\)"):
        load("deliverables", data_copy)


def test_negative_count(data_copy):
    plan = read_edition(data_copy).measure("current_plan")
    path = data_copy / "deliverable_totals.csv"
    _set(path, 2, plan, "-3")
    with pytest.raises(DataError, match=rf"deliverable_totals\.csv, line 2, column '{plan}': "
                                        r"must be at least 0"):
        load("deliverable_totals", data_copy)


@pytest.mark.parametrize("name,line,value,rule", [
    ("deliverables", 3, "0", "must be at least 1 (found '0')"),
    ("deliverables", 4, "492.5", "must be a whole number (integer) (found '492.5')"),
    ("deliverables", 5, "", "required value is missing"),
    ("deliverable_totals", 2, "-490", "must be at least 1 (found '-490')"),
    ("deliverable_totals", 3, "line 498", "must be a whole number (integer) (found 'line 498')"),
    ("deliverable_totals", 4, "", "required value is missing"),
])
def test_bad_raw_line_names_file_line_and_column(data_copy, name, line, value, rule):
    """The line of data/raw a deliverables row records is a whole number from 1, never
    blank; a bad one is named like any other cell."""
    _set(data_copy / f"{name}.csv", line, "raw_line", value)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert (err.value.file, err.value.line, err.value.column) == (
        data_copy / f"{name}.csv", line, "raw_line")
    assert str(err.value) == f"{data_copy / f'{name}.csv'}, line {line}, column 'raw_line': {rule}"


@pytest.mark.parametrize("value", ["16,58", "para 16.58", "16.58.", " 16.58"])
def test_bad_performance_paragraph_is_refused(data_copy, value):
    _set(data_copy / "results.csv", 3, "performance_paragraph", value)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert (err.value.line, err.value.column, err.value.value) == (
        3, "performance_paragraph", value)
    assert str(err.value).startswith(f"{data_copy / 'results.csv'}, line 3, column "
                                     f"'performance_paragraph': ")


def test_duplicate_key(data_copy):
    path = data_copy / "deliverables.csv"
    _rewrite(path, lambda rows: rows.append(list(rows[1])))
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert "duplicate key" in str(err.value) and "first on line 2" in str(err.value)
    assert err.value.line == len(path.read_text(encoding="utf-8").splitlines())


def test_unknown_subprogramme_id(data_copy):
    """A well-formed id that subprogrammes.csv does not list fails its foreign key."""
    _set(data_copy / "results.csv", 2, "subprogramme", "sp42")
    fk = (r"results\.csv, line 2, column 'subprogramme': refers to a subprogramme that "
          r"subprogrammes\.csv does not list \(found 'sp42'\)")
    with pytest.raises(DataError, match=fk):
        load_all(data_copy)
    with pytest.raises(DataError, match=fk):
        load("results", data_copy)


@pytest.mark.parametrize("value", ["SP42", "sp 4", "4sp", "sp-4"])
def test_malformed_subprogramme_id(data_copy, value):
    """An id that is not even of the id pattern is refused by the pattern, naming it."""
    _set(data_copy / "results.csv", 2, "subprogramme", value)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert (err.value.line, err.value.column, err.value.value) == (2, "subprogramme", value)
    assert str(err.value).startswith(
        f"{data_copy / 'results.csv'}, line 2, column 'subprogramme': must match the pattern "
        f"{schema.ID_PATTERN}")


def test_subprogramme_missing_from_subprogrammes_csv(data_copy):
    def drop_sp3(rows):
        rows[:] = [r for r in rows if r[0] != "sp3"]
    _rewrite(data_copy / "subprogrammes.csv", drop_sp3)
    with pytest.raises(DataError, match=r"column 'subprogramme': refers to a subprogramme that "
                                        r"subprogrammes\.csv does not list \(found 'sp3'\)"):
        load_all(data_copy)


def test_gbk_encoded_file(data_copy):
    path = data_copy / "deliverables.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    with pytest.raises(DataError, match=r"deliverables\.csv, line 2: file is not valid UTF-8 "
                                        r"\(is it GBK"):
        load("deliverables", data_copy)


def test_utf8_bom(data_copy):
    path = data_copy / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataError, match=r"figures\.csv, line 1: file starts with a UTF-8 "
                                        r"byte-order mark"):
        load("figures", data_copy)


def test_missing_required_value(data_copy):
    _set(data_copy / "figures.csv", 4, "title_zh", "")
    with pytest.raises(DataError, match=r"figures\.csv, line 4, column 'title_zh': required value"):
        load("figures", data_copy)


def test_wrong_field_count(data_copy):
    path = data_copy / "mandates.csv"
    _rewrite(path, lambda rows: rows[5].append("extra"))
    with pytest.raises(DataError, match=r"mandates\.csv, line 6: row has 10 fields, the header has 9"):
        load("mandates", data_copy)


def test_unknown_table_name():
    with pytest.raises(KeyError, match="unknown table 'deliverable'"):
        load("deliverable")


@pytest.mark.parametrize("value", ["18446744073709551615", str(10**20), "5000000000000000000",
                                   "9" * 5000])
def test_huge_count_is_refused_with_the_bound(data_copy, value):
    """2**64 - 1 used to load as -1; 10**20 crashed with an OverflowError naming no file."""
    actual = read_edition(data_copy).measure("prior_actual")
    _set(data_copy / "deliverables.csv", 4, actual, value)
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert (err.value.line, err.value.column) == (4, actual)
    assert f"must be at most {schema.MAX_COUNT}" in str(err.value)
    assert str(err.value).startswith(str(data_copy / "deliverables.csv"))


def test_count_at_the_bound_loads_and_sums_exactly(data_copy):
    plan = read_edition(data_copy).measure("budget_plan")
    path = data_copy / "deliverables.csv"
    _set(path, 2, plan, str(schema.MAX_COUNT))
    _set(path, 3, plan, str(schema.MAX_COUNT))
    d = load("deliverables", data_copy)
    assert d[plan].iloc[:2].sum() == 2 * schema.MAX_COUNT


def test_stated_number_beyond_exact_floats_is_refused(data_copy):
    _set(data_copy / "targets.csv", 2, "actual", str(2**53 + 1))
    with pytest.raises(DataError, match=rf"targets\.csv, line 2, column 'actual': "
                                        rf"must be at most {schema.MAX_STATED_NUMBER}"):
        load("targets", data_copy)


def test_unknown_column_is_refused_with_the_contract_columns(data_copy):
    path = data_copy / "deliverables.csv"
    _rewrite(path, lambda rows: [r.append("note" if i == 0 else "") for i, r in enumerate(rows)])
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert (err.value.line, err.value.column) == (1, "note")
    assert "column is not in the data contract" in str(err.value)
    assert read_edition(data_copy).measure("prior_plan") in str(err.value)
    assert "nil_in_source" in str(err.value)


def test_misspelt_column_is_named(data_copy):
    path = data_copy / "figures.csv"
    _rewrite(path, lambda rows: rows[0].__setitem__(rows[0].index("basis"), "basis "))
    with pytest.raises(DataError, match=r"column 'basis'"):
        load("figures", data_copy)


@pytest.mark.parametrize("name", schema.REQUIRED_NONEMPTY)
def test_header_only_table_the_book_needs_is_refused(data_copy, name):
    path = data_copy / f"{name}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{name}\.csv, line 2: has a header but no data rows"):
        load_all(data_copy)


def test_printed_total_without_items_is_refused(data_copy):
    """Otherwise the page says the totals 'differ: see the source audit' for a gap in the data."""
    def drop_sp3_items(rows):
        rows[:] = [r for r in rows if r[1] != "sp3"]
    _rewrite(data_copy / "deliverables.csv", drop_sp3_items)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert err.value.file == data_copy / "deliverable_totals.csv"
    assert err.value.column == "subcategory_zh" and "needs its items" in str(err.value)


def test_timing_mark_of_an_item_that_does_not_exist_is_refused(data_copy):
    """A timing mark names its item; one pointing at no item would tag nothing silently."""
    _set(data_copy / "deliverable_timing.csv", 2, "item_no", "99")
    with pytest.raises(DataError, match=r"deliverable_timing\.csv, line 2, column 'item_no': "
                                        r"no line item in deliverables\.csv has this table"):
        load_all(data_copy)


def test_timing_mark_of_an_unknown_kind_is_refused(data_copy):
    _set(data_copy / "deliverable_timing.csv", 3, "timing", "one-off")
    with pytest.raises(DataError, match=r"deliverable_timing\.csv, line 3, column 'timing'"):
        load("deliverable_timing", data_copy)


def test_result_measure_naming_an_unknown_figure_is_refused(data_copy):
    path = data_copy / "results.csv"
    _set(path, 2, "measure", "Figure 16.XL")
    with pytest.raises(DataError, match=r"results\.csv, line 2, column 'measure': names a figure "
                                        r"that figures\.csv does not list"):
        load_all(data_copy)


def test_edition_with_another_budget_year_names_the_columns_it_expects(data_copy):
    """The measure columns follow from edition.csv: a budget year the tables were not
    prepared for is refused with the columns that year needs."""
    _set(data_copy / "edition.csv", 2, "budget_year", "2026")
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert err.value.file == data_copy / "deliverables.csv" and err.value.line == 1
    assert err.value.column == "actual_2024"
    assert ("edition.csv gives budget year 2026, so the measure columns are plan_2024, "
            "actual_2024, plan_2025, plan_2026") in str(err.value)


def test_edition_with_two_rows_is_refused(data_copy):
    def second_edition(rows):
        rows.append([c.replace("Part A", "Part B") for c in rows[1]])
    _rewrite(data_copy / "edition.csv", second_edition)
    with pytest.raises(DataError, match=r"edition\.csv, line 3: must hold exactly one row "
                                        r"\(the edition\); it holds 2"):
        load_all(data_copy)


def test_missing_directory_is_named_as_such(tmp_path):
    with pytest.raises(DataError, match=r"nowhere: the data directory does not exist"):
        load_all(tmp_path / "nowhere")


def test_malformed_roman_figure_number_is_refused(data_copy):
    _set(data_copy / "figures.csv", 5, "figure", "16.IIII")
    with pytest.raises(DataError, match=r"figures\.csv, line 5, column 'figure': must match"):
        load("figures", data_copy)


def test_figure_number_must_agree_with_its_numeral(data_copy):
    _set(data_copy / "figures.csv", 3, "number", "7")
    with pytest.raises(DataError, match=r"figures\.csv, line 3, column 'number': must be the "
                                        r"number of figure 16\.II, 2 \(found '7'\)"):
        load_all(data_copy)


# ---- the paragraph numbers (stated_numbers.csv, paragraph_numbers_not_counts.csv) ----------

def _stated_line(data_copy, printed):
    """The CSV line of the first stated number printed as ``printed``."""
    import csv
    with open(data_copy / "stated_numbers.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return next(i for i, r in enumerate(rows, start=1) if i > 1 and r[rows[0].index(
        "printed")] == printed)


def test_stated_number_that_is_not_the_printed_number_is_refused(data_copy):
    line = _stated_line(data_copy, "10 500")
    _set(data_copy / "stated_numbers.csv", line, "value", "10000")
    with pytest.raises(DataError) as err:
        load("stated_numbers", data_copy)
    assert (err.value.line, err.value.column, err.value.value) == (line, "value", "10000")
    assert (f"stated_numbers.csv, line {line}, column 'value': must be the value of the "
            f"number printed, '10 500' = 10500 (found '10000')") in str(err.value)


@pytest.mark.parametrize("column,value,rule", [
    ("value", "12,5", "must be a number"),
    ("value", "-3", "must be at least 0"),
    ("qualifier", "roughly", "must be one of: exact, more_than, about"),
    ("printed", "1,000", "must match the pattern"),
    ("printed", "十十", "must be a number as printed"),
    ("paragraph", "16,43", "must match the pattern"),
    ("year", "2031", "must be at most 2025"),
    ("measures", "Fig 16.XXV", "must match the pattern"),
])
def test_bad_stated_number_cell_names_file_line_and_column(data_copy, column, value, rule):
    line = _stated_line(data_copy, "154")
    _set(data_copy / "stated_numbers.csv", line, column, value)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert (err.value.line, err.value.column) == (line, column)
    assert str(err.value).startswith(
        f"{data_copy / 'stated_numbers.csv'}, line {line}, column '{column}': {rule}")


def test_stated_number_of_an_unknown_subprogramme_is_refused(data_copy):
    line = _stated_line(data_copy, "154")
    _set(data_copy / "stated_numbers.csv", line, "subprogramme", "sp42")
    with pytest.raises(DataError, match=rf"stated_numbers\.csv, line {line}, column "
                                        r"'subprogramme': refers to a subprogramme that "
                                        r"subprogrammes\.csv does not list \(found 'sp42'\)"):
        load("stated_numbers", data_copy)


def test_stated_number_measuring_an_unknown_figure_is_refused(data_copy):
    line = _stated_line(data_copy, "154")
    _set(data_copy / "stated_numbers.csv", line, "measures", "Figure 16.XL")
    with pytest.raises(DataError, match=rf"stated_numbers\.csv, line {line}, column 'measures': "
                                        r"names a figure that figures\.csv does not list"):
        load_all(data_copy)


def test_not_count_of_an_unknown_kind_is_refused(data_copy):
    _set(data_copy / "paragraph_numbers_not_counts.csv", 3, "kind", "count")
    with pytest.raises(DataError, match=r"paragraph_numbers_not_counts\.csv, line 3, column "
                                        r"'kind': must be one of: year, date, session"):
        load("paragraph_numbers_not_counts", data_copy)
