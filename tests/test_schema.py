"""Every CSV validates against its schema; the descriptor is generated from the one schema."""
import json

import pandas as pd
import pytest

from budgetbook import load, load_all, schema, source
from budgetbook.edition import edition_of
from budgetbook.loading import read_edition
from conftest import (CHAPTER_IDS, DATA, DELIVERABLE_TABLES, FIGURE_IDS, SUBPROGRAMME_IDS,
                      TEXT_TABLES)

EXPECTED_ROWS = {
    "edition": 1,
    "subprogrammes": 11,
    "results": 40,
    "figures": 26,
}


def test_datapackage_json_is_generated_from_schema():
    committed = (DATA / "datapackage.json").read_text(encoding="utf-8")
    assert committed == schema.datapackage_json(read_edition()), (
        "data/datapackage.json is stale: python -m budgetbook datapackage > data/datapackage.json")
    descriptor = json.loads(committed)
    assert [r["name"] for r in descriptor["resources"]] == schema.RESOURCE_NAMES
    for res in descriptor["resources"]:
        assert (DATA / res["path"]).is_file(), res["path"]
        header = (DATA / res["path"]).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert header == [f["name"] for f in res["schema"]["fields"]], res["path"]


@pytest.mark.parametrize("name", schema.RESOURCE_NAMES)
def test_every_csv_validates(name):
    df = load(name)
    assert len(df) > 0


def test_complete_row_counts():
    tables = load_all()
    for name, n in EXPECTED_ROWS.items():
        assert len(tables[name]) == n, name
    assert set(tables["subprogrammes"]["id"]) == set(SUBPROGRAMME_IDS)
    assert sorted(tables["figures"]["number"]) == list(range(1, 27))
    assert set(tables["figures"]["figure"]) == set(FIGURE_IDS)
    # each figure's number is its Roman numeral
    for figure, number in zip(tables["figures"]["figure"], tables["figures"]["number"]):
        assert source.roman_to_int(figure.split(".")[1]) == number, figure
    assert set(tables["performance_measures"]["table"]) == set(TEXT_TABLES)
    assert set(tables["deliverables"]["table"]) == set(DELIVERABLE_TABLES)
    # every result block 0-3 of every chapter
    blocks = set(zip(tables["results"]["subprogramme"], tables["results"]["result"]))
    assert blocks == {(sp, r) for sp in CHAPTER_IDS for r in range(4)}


def test_edition_of_this_data_directory():
    tables = load_all()
    edition = edition_of(tables)
    assert edition == read_edition()
    assert (edition.symbol, edition.section, edition.budget_year) == (
        "A/79/6 (Sect. 16)/Part A", "16", 2025)
    assert edition.measures == ["plan_2023", "actual_2023", "plan_2024", "plan_2025"]
    assert edition.years == [2021, 2022, 2023, 2024, 2025]
    # the performance-measure tables show only the years the edition allows
    assert set(tables["performance_measures"]["year"]) <= set(edition.years)
    assert set(tables["targets"]["year"]) == {edition.performance_year}


def test_item_numbers_run_without_gaps_in_each_table():
    d = load("deliverables")
    for table, items in d.groupby("table"):
        assert sorted(items["item_no"]) == list(range(1, len(items) + 1)), table


def test_counts_are_integers_not_floats():
    d = load("deliverables")
    for m in read_edition().measures:
        assert d[m].dtype == "int64", m
    assert pd.api.types.is_integer_dtype(load("subprogrammes")["number"])


def test_nil_in_source_agrees_with_zero_values():
    for name in ("deliverables", "deliverable_totals"):
        df = load(name)
        for _, row in df.iterrows():
            nil = set(row["nil_in_source"].split(";")) if pd.notna(row["nil_in_source"]) else set()
            for m in nil:
                assert row[m] == 0, (name, dict(row))


def test_the_chinese_of_the_english_only_columns_stands_right_after_them():
    """unit_zh after unit (blank allowed, as for unit); the book's translations right after
    the English they translate, required as it is, and described as the book's own."""
    res = schema.resources(read_edition())
    fields = {name: {f["name"]: f for f in r["fields"]} for name, r in res.items()}
    order = {name: [f["name"] for f in r["fields"]] for name, r in res.items()}
    pairs = [("targets", "unit", "unit_zh"), ("source_issues", "location", "location_zh"),
             ("source_issues", "description_en", "description_zh"),
             ("source_issues", "book_action", "book_action_zh"),
             ("deliverable_timing", "note_en", "note_zh")]
    for name, english, chinese in pairs:
        names = order[name]
        assert names.index(chinese) == names.index(english) + 1, (name, chinese)
        required = fields[name][english].get("constraints", {}).get("required", False)
        assert fields[name][chinese].get("constraints", {}).get("required", False) == required
    assert "as the paragraph prints it" in fields["targets"]["unit_zh"]["description"]
    for name, english, chinese in pairs[1:]:
        description = fields[name][chinese]["description"]
        assert description.startswith(f"The book's Chinese translation of {english}, for the "
                                      f"Chinese edition"), chinese
        assert f"required, non-blank, wherever {english} is non-blank" in description
    # the loaders read them as strings, blanks as missing values
    targets = load("targets")
    assert targets["unit_zh"].dtype == "string"
    assert targets["unit_zh"].isna().tolist() == targets["unit"].isna().tolist()
