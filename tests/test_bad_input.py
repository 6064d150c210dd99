"""Bad input gives one clear error naming the file, line, column and rule; data/ is untouched."""
import csv
import io

import pytest

from budgetbook import DataError, load, load_all


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
