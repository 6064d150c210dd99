"""Any edition: the package names no year, symbol or section; the data carry them.

The next-edition tests derive a SYNTHETIC budget-year-2026 directory from data/ (every
year-bearing header and year value moved on by one, the edition record updated, a few
values changed) and run it through validate, every notebook and the book build.
"""
import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from budgetbook import DataError, config, load_all, schema
from budgetbook.bench import PROJECT_COPY_IGNORE, build_command
from budgetbook.edition import edition_of
from budgetbook.loading import read_edition
from conftest import DATA, ROOT, rewrite_csv

PACKAGE = ROOT / "budgetbook"
NEXT_SYMBOL = "A/80/6 (Sect. 16)/Part A (SYNTHETIC next edition)"
# The changed values of the next edition: Table 16.8 item 1 (sp3), and its subcategory total
CHANGED_PLAN, CHANGED_ACTUAL = 777, 555


def test_no_year_symbol_or_section_literal_in_the_package():
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for pattern in (r"(?<![0-9:-])(19|20)[0-9]{2}(?![0-9])", r"A/79/6", r"\b16\.[0-9IVX]"):
                if re.search(pattern, line):
                    found.append(f"{path.name}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_edition_record_stands_in_the_source():
    ed = read_edition()
    raw = (DATA / ed.source_file).read_text(encoding="utf-8")
    assert f"({ed.symbol})" in raw
    assert f"{ed.budget_year} 年拟议方案预算" in raw
    assert f"第 {ed.section} 款" in raw and f"方案 {ed.programme}\n" in raw
    assert f"{ed.budget_year} 年拟议方案计划和 {ed.performance_year} 年方案执行情况" in raw


_rewrite = rewrite_csv


def _set(path, column, value, where):
    def edit(rows):
        for row in rows[1:]:
            if where(dict(zip(rows[0], row))):
                row[rows[0].index(column)] = str(value)
    _rewrite(path, edit)


def make_next_edition(directory):
    """data/ as next year's edition (budget year 2026). SYNTHETIC: the years move on, the
    numbers are this edition's except the two changed values."""
    shutil.copytree(DATA, directory)
    ed = read_edition(directory)
    old, new = ed.measures, [f"{m.rsplit('_', 1)[0]}_{int(m.rsplit('_', 1)[1]) + 1}"
                             for m in ed.measures]
    rename = dict(zip(old, new))

    def move_measures(rows):
        rows[0] = [rename.get(h, h) for h in rows[0]]
        nil = rows[0].index("nil_in_source")
        for row in rows[1:]:
            row[nil] = ";".join(rename[m] for m in row[nil].split(";")) if row[nil] else ""

    for name in ("deliverables", "deliverable_totals"):
        _rewrite(directory / f"{name}.csv", move_measures)

    def year_on(rows):
        year = rows[0].index("year")
        for row in rows[1:]:
            row[year] = str(int(row[year]) + 1)

    for name in ("performance_measures", "targets"):
        _rewrite(directory / f"{name}.csv", year_on)
    _set(directory / "edition.csv", "budget_year", ed.budget_year + 1, lambda r: True)
    _set(directory / "edition.csv", "symbol", NEXT_SYMBOL, lambda r: True)
    item = lambda r: r["table"] == "16.8" and r["item_no"] == "1"  # noqa: E731
    before = pd.read_csv(directory / "deliverables.csv", dtype=str).pipe(
        lambda d: d[(d["table"] == "16.8") & (d["item_no"] == "1")].iloc[0])
    _set(directory / "deliverables.csv", new[3], CHANGED_PLAN, item)
    _set(directory / "deliverables.csv", new[1], CHANGED_ACTUAL, item)

    def total(r):
        return r["table"] == "16.8" and r["subcategory_zh"] == before["subcategory_zh"]
    totals = pd.read_csv(directory / "deliverable_totals.csv", dtype=str)
    row = totals[(totals["table"] == "16.8")
                 & (totals["subcategory_zh"] == before["subcategory_zh"])].iloc[0]
    for col, value in ((new[3], CHANGED_PLAN), (new[1], CHANGED_ACTUAL)):
        _set(directory / "deliverable_totals.csv", col,
             int(row[col]) - int(before[col]) + value, total)
    (directory / "datapackage.json").write_text(
        schema.datapackage_json(read_edition(directory)), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def next_edition(tmp_path_factory):
    return make_next_edition(tmp_path_factory.mktemp("next") / "data")


def test_next_edition_validates_with_its_own_years(next_edition):
    tables = load_all(next_edition)
    ed = edition_of(tables)
    assert ed.budget_year == 2026 and ed.measures == ["plan_2024", "actual_2024", "plan_2025",
                                                      "plan_2026"]
    assert set(tables["targets"]["year"]) == {2024}
    res = subprocess.run([sys.executable, "-m", "budgetbook", "validate", "--data-dir",
                          str(next_edition)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_headers_of_another_year_are_refused_naming_the_expected_column(data_copy):
    _set(data_copy / "edition.csv", "budget_year", 2026, lambda r: True)
    with pytest.raises(DataError) as err:
        load_all(data_copy)
    assert err.value.column == "plan_2024" or err.value.column == "actual_2024"
    assert "edition.csv gives budget year 2026, so the measure columns are plan_2024, " \
           "actual_2024, plan_2025, plan_2026" in str(err.value)


@pytest.mark.slow
def test_a_batch_run_on_the_next_edition_writes_its_years(next_edition, tmp_path):
    """A chapter and the overview through `run` (the book build below executes every
    notebook on the next edition)."""
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-m", "budgetbook", "run", "-s", "sp3", "-s",
                          "programme", "--data-dir", str(next_edition), "--output-dir", str(out),
                          "--jobs", "2", "--quiet"],
                         capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-3000:]
    deliverables = pd.read_csv(out / "sp3" / "sp3_deliverables.csv")
    assert {"2024 planned", "2024 actual", "2025 planned", "2026 planned"} <= set(deliverables)
    assert "2023 actual" not in deliverables.columns
    item = deliverables[deliverables["item"].str.startswith("1. ")].iloc[0]
    assert (item["2026 planned"], item["2024 actual"]) == (CHANGED_PLAN, CHANGED_ACTUAL)
    plan = pd.read_csv(out / "sp3" / "sp3_plan_vs_actual.csv")
    assert {"2024 actual", "2026 planned"} <= set(plan.columns)
    assert (out / "sp3" / "sp3_delivery_2024.png").is_file()
    assert (out / "programme" / "overview_items_in_full_2024.csv").is_file()
    index = pd.read_csv(out / "index.csv")
    assert set(index["data_dir"]) == {str(next_edition)}


@pytest.mark.slow
def test_the_book_builds_on_the_next_edition(next_edition, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=PROJECT_COPY_IGNORE)
    env = {**os.environ, "BUDGETBOOK_DATA_DIR": str(next_edition)}
    res = subprocess.run(build_command(project, english_only=True), capture_output=True,
                         text=True, env=env,
                         timeout=1800)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    page = (project / "_build/html/notebooks/sp3_countering_corruption.html").read_text(
        encoding="utf-8")
    assert "the proposed programme plan for 2026 and the programme performance in 2024" in page
    headers = set(re.findall(r"<th[^>]*>([^<]+)</th>", page))
    assert {"2026 planned", "2024 actual"} <= headers
    assert "2023 actual" not in headers
    assert str(CHANGED_PLAN) in re.findall(r"<td[^>]*>([^<]*)</td>", page)
    assert "The commentary below was written for A/79/6 (Sect. 16)/Part A" in page
    overview = (project / "_build/html/notebooks/00_overview.html").read_text(encoding="utf-8")
    assert "programme plan for 2026" in overview
    # every notebook ran on the next edition (a failing one fails the build under -W)
    for stem in config.notebooks(project / "_toc.yml").values():
        html = (project / f"_build/html/notebooks/{stem}.html").read_text(encoding="utf-8")
        headers = set(re.findall(r"<th[^>]*>([^<]+)</th>", html))
        assert "programme plan for 2026" in html and "2023 actual" not in headers, stem
