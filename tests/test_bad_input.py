"""Bad input gives one clear error naming the file, line, column and rule; data/ is untouched."""
import csv
import io

import pytest

from budgetbook import DataError, load, load_all, schema


def _rewrite(path, edit):
    """Apply edit(rows) to a CSV's rows (header included) and write it back."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    edit(rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _set(path, line, column, value):
    def edit(rows):
        rows[line - 1][rows[0].index(column)] = value
    _rewrite(path, edit)


def test_missing_file(data_copy):
    (data_copy / "deliverables.csv").unlink()
    with pytest.raises(DataError, match=r"deliverables\.csv: file is missing"):
        load("deliverables", data_copy)


def test_missing_column(data_copy):
    path = data_copy / "deliverables.csv"
    _rewrite(path, lambda rows: [r.pop(rows[0].index("plan_2025")) for r in rows[::-1]])
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert err.value.column == "plan_2025" and err.value.line == 1
    assert "deliverables.csv, line 1, column 'plan_2025': required column is missing" in str(err.value)


def test_non_integer_count(data_copy):
    path = data_copy / "deliverables.csv"
    _set(path, 3, "actual_2023", "12.5")
    with pytest.raises(DataError, match=r"deliverables\.csv, line 3, column 'actual_2023': "
                                        r"must be a whole number \(integer\) \(found '12\.5'\)"):
        load("deliverables", data_copy)


def test_negative_count(data_copy):
    path = data_copy / "deliverable_totals.csv"
    _set(path, 2, "plan_2024", "-3")
    with pytest.raises(DataError, match=r"deliverable_totals\.csv, line 2, column 'plan_2024': "
                                        r"must be at least 0"):
        load("deliverable_totals", data_copy)


def test_duplicate_key(data_copy):
    path = data_copy / "deliverables.csv"
    _rewrite(path, lambda rows: rows.append(list(rows[1])))
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert "duplicate key" in str(err.value) and "first on line 2" in str(err.value)
    assert err.value.line == len(path.read_text(encoding="utf-8").splitlines())


def test_unknown_subprogramme_id(data_copy):
    _set(data_copy / "results.csv", 2, "subprogramme", "sp42")
    with pytest.raises(DataError, match=r"results\.csv, line 2, column 'subprogramme': must be one of"):
        load("results", data_copy)


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
    _set(data_copy / "deliverables.csv", 4, "actual_2023", value)
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert (err.value.line, err.value.column) == (4, "actual_2023")
    assert f"must be at most {schema.MAX_COUNT}" in str(err.value)
    assert str(err.value).startswith(str(data_copy / "deliverables.csv"))


def test_count_at_the_bound_loads_and_sums_exactly(data_copy):
    path = data_copy / "deliverables.csv"
    _set(path, 2, "plan_2025", str(schema.MAX_COUNT))
    _set(path, 3, "plan_2025", str(schema.MAX_COUNT))
    d = load("deliverables", data_copy)
    assert d["plan_2025"].iloc[:2].sum() == 2 * schema.MAX_COUNT


def test_stated_number_beyond_exact_floats_is_refused(data_copy):
    _set(data_copy / "targets_2023.csv", 2, "actual_2023", str(2**53 + 1))
    with pytest.raises(DataError, match=rf"targets_2023\.csv, line 2, column 'actual_2023': "
                                        rf"must be at most {schema.MAX_STATED_NUMBER}"):
        load("targets_2023", data_copy)


def test_unknown_column_is_refused_with_the_contract_columns(data_copy):
    path = data_copy / "deliverables.csv"
    _rewrite(path, lambda rows: [r.append("note" if i == 0 else "") for i, r in enumerate(rows)])
    with pytest.raises(DataError) as err:
        load("deliverables", data_copy)
    assert (err.value.line, err.value.column) == (1, "note")
    assert "column is not in the data contract" in str(err.value)
    assert "plan_2023" in str(err.value) and "nil_in_source" in str(err.value)


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


def test_result_measure_naming_an_unknown_figure_is_refused(data_copy):
    path = data_copy / "results.csv"
    _set(path, 2, "measure", "Figure 16.XL")
    with pytest.raises(DataError, match=r"results\.csv, line 2, column 'measure': names a figure "
                                        r"that figures\.csv does not list"):
        load_all(data_copy)


def test_missing_directory_is_named_as_such(tmp_path):
    with pytest.raises(DataError, match=r"nowhere: the data directory does not exist"):
        load_all(tmp_path / "nowhere")
