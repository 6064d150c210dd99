"""The analysts' command line: python -m budgetbook run ..."""
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from budgetbook import config, load_all, runner
from budgetbook.edition import edition_of
from budgetbook.loading import read_edition
from conftest import DATA, ROOT, tree_digest
from synthetic import EDITION as SYNTHETIC_EDITION, make_synthetic


def cli(*args, cwd=ROOT):
    """``python -m budgetbook ...`` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "budgetbook", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=900)


def cli_here(*args, cwd=ROOT):
    """The same command line in this process (its exit status and output, without a
    Python start-up per call): for the commands that stop before any notebook runs."""
    from budgetbook.cli import main
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, a bad argument
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_validate_command_reports_each_file():
    res = cli("validate")
    assert res.returncode == 0, res.stderr
    assert "deliverables.csv" in res.stdout and "ok" in res.stdout


def test_datapackage_check_command():
    res = cli_here("datapackage", "--check")
    assert res.returncode == 0, res.stderr


def test_datapackage_check_fails_for_another_edition(data_copy):
    """The descriptor follows edition.csv: another budget year makes the committed one stale."""
    path = data_copy / "edition.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2025,", ",2026,"),
                    encoding="utf-8")
    res = cli_here("datapackage", "--check", "--data-dir", str(data_copy))
    assert res.returncode == 1
    assert f"{data_copy / 'datapackage.json'} differs from budgetbook/schema.py" in res.stderr


def test_datapackage_names_a_broken_edition_csv(data_copy):
    (data_copy / "edition.csv").unlink()
    res = cli_here("datapackage", "--check", "--data-dir", str(data_copy))
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: {data_copy / 'edition.csv'}: file is missing"


def test_unknown_subprogramme(tmp_path):
    res = cli_here("run", "-s", "sp42", "--output-dir", str(tmp_path / "out"))
    assert res.returncode == 2
    assert "unknown subprogramme sp42" in res.stderr and "sp9c2" in res.stderr
    assert not (tmp_path / "out").exists()


def test_missing_data_dir(tmp_path):
    res = cli_here("run", "-s", "sp1", "--data-dir", str(tmp_path / "nowhere"),
              "--output-dir", str(tmp_path / "out"))
    assert res.returncode == 2
    assert "data directory" in res.stderr and "does not exist" in res.stderr


def test_invalid_data_dir_is_refused_before_any_notebook(tmp_path, data_copy):
    path = data_copy / "deliverables.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[4].split(",")
    cells[1] = "sp99"
    lines[4] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("earlier output")
    res = cli_here("run", "--all", "--data-dir", str(data_copy), "--output-dir", str(out))
    assert res.returncode == 2
    assert "invalid data directory" in res.stderr
    assert "deliverables.csv, line 5, column 'subprogramme'" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_unwritable_output_dir(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    res = cli_here("run", "-s", "sp1", "--output-dir", str(blocker / "out"))
    assert res.returncode == 2
    assert "is not writable" in res.stderr


@pytest.mark.slow
def test_failing_notebook_shows_error_and_cell_and_keeps_old_outputs(tmp_path):
    out = tmp_path / "out"
    (out / "sp3").mkdir(parents=True)
    (out / "sp3" / "earlier.csv").write_text("earlier run")
    fork = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", fork)
    nb = fork / "sp3_countering_corruption.py"
    text = nb.read_text(encoding="utf-8")
    assert "deliverables = views.deliverables_table(items, edition)" in text
    nb.write_text(text.replace("deliverables = views.deliverables_table(items, edition)",
                               "deliverables = views.no_such_view(items, edition)"),
                  encoding="utf-8")
    res = cli("run", "-s", "sp3", "-s", "sp7", "--notebooks-dir", str(fork),
              "--output-dir", str(out), "--quiet")
    assert res.returncode == 1
    assert "sp3 failed" in res.stderr and "AttributeError" in res.stderr
    # the line that raised, marked, after the lines before it
    assert "\n  --> deliverables = views.no_such_view(items, edition)\n" in res.stderr
    assert (out / "sp3" / "earlier.csv").read_text() == "earlier run"
    assert (out / "sp7").is_dir()  # the others still ran and landed
    assert "1 of 2 notebooks succeeded" in res.stdout


@pytest.mark.slow
def test_synthetic_data_dir_with_other_subprogrammes_runs_unchanged(tmp_path):
    """Another edition and another section: other years, other subprogramme ids."""
    data = make_synthetic(tmp_path / "synthetic_data")
    tables = load_all(data)  # the synthetic directory meets the contract
    assert edition_of(tables) == SYNTHETIC_EDITION == read_edition(data)
    assert "sp1" not in set(tables["subprogrammes"]["id"])
    assert cli_here("validate", "--data-dir", str(data)).returncode == 0
    out = tmp_path / "out"
    res = cli("run", "--all", "--data-dir", str(data), "--output-dir", str(out), "--quiet")
    assert res.returncode == 0, res.stderr[-3000:]
    # only the notebooks the data have subprogrammes for: here the programme overview
    assert "their notebooks are not run" in res.stderr and "sp9c2" in res.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["programme"]
    by_kind = pd.read_csv(out / "programme" / "programme_delivery_by_kind.csv")
    assert {"Subprogramme 1", "Subprogramme 3, component 2"} <= set(by_kind.columns)
    executed = (out / "programme" / "00_overview.ipynb").read_text(encoding="utf-8")
    assert "SYNTHETIC documents" in executed
    # the page names the synthetic edition, and warns that the written commentary is not
    # about these numbers
    assert f"From {SYNTHETIC_EDITION.symbol}: the proposed programme plan" in executed
    assert (f"The commentary below was written for {read_edition().symbol}; the numbers on "
            f"this page are from {SYNTHETIC_EDITION.symbol}") in executed


# The tests that read one shared `run --all` (on one pytest-xdist worker).
RUN_ALL = pytest.mark.xdist_group("run_all")


@pytest.fixture(scope="module")
def run_all(tmp_path_factory):
    """One `run --all --jobs 2` on the project's data, read by several tests below."""
    before = tree_digest(ROOT / "data")
    out = tmp_path_factory.mktemp("run_all") / "out"
    res = cli("run", "--all", "--output-dir", str(out), "--jobs", "2")
    assert tree_digest(ROOT / "data") == before  # a run never writes into data/
    return out, res


@pytest.mark.slow
@RUN_ALL
def test_run_all_writes_every_notebooks_outputs_and_an_index(run_all):
    out, res = run_all
    assert res.returncode == 0, res.stderr
    assert "11 of 11 notebooks succeeded" in res.stdout
    index = pd.read_csv(out / "index.csv")
    assert set(index["subprogramme"]) == set(runner.notebook_ids())
    for sp in runner.notebook_ids():
        kinds = set(index[index["subprogramme"] == sp]["kind"])
        assert {"executed notebook", "chart (PNG)", "chart (SVG)", "derived table"} <= kinds, sp
    for rel in index["file"]:
        assert (out / rel).is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind


@pytest.mark.slow
@RUN_ALL
def test_real_data_run_carries_no_commentary_warning(run_all):
    out, _ = run_all
    executed = (out / "sp7" / "sp7_policy_support.ipynb").read_text()
    assert f"From {read_edition().symbol}: the proposed programme plan" in executed
    assert "The commentary below was written for" not in executed


@pytest.mark.slow
def test_changed_value_changes_the_executed_output(tmp_path, data_copy):
    """No stale numbers: a value changed in a copy of the data shows in the run's output."""
    edition = read_edition(data_copy)
    actual = edition.measure("prior_actual")
    path = data_copy / "deliverables.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = df.index[(df["table"] == "16.8") & (df["item_no"] == "1")][0]
    df.loc[row, actual] = "4321"
    df.to_csv(path, index=False, lineterminator="\n")
    results = runner.run(["sp3"], data_dir=data_copy, output_dir=tmp_path / "out", progress=False)
    assert results[0].ok, results[0].error
    derived = pd.read_csv(tmp_path / "out" / "sp3" / "sp3_deliverables.csv")
    assert 4321 in derived[edition.measure_labels[actual]].tolist()
    checks = pd.read_csv(tmp_path / "out" / "sp3" / "sp3_totals_check.csv")
    assert "NO" in set(checks["all four match"])  # the printed total no longer adds up
    executed = (tmp_path / "out" / "sp3" / "sp3_countering_corruption.ipynb").read_text()
    assert "4321" in executed


@pytest.mark.slow
@RUN_ALL
def test_two_runs_give_byte_identical_outputs_and_a_quiet_log(run_all, tmp_path):
    """Unchanged data and code give the same files, executed notebooks included; a clean
    parallel run prints no kernel noise (no 'KeyboardInterrupt caught in kernel')."""
    first, _ = run_all
    out = tmp_path / "out"
    res = cli("run", "-s", "sp3", "-s", "programme", "--output-dir", str(out), "--jobs", "2",
              "--quiet")
    assert res.returncode == 0, res.stderr
    assert "KeyboardInterrupt" not in res.stderr and "[IPKernelApp]" not in res.stderr
    digests = []
    for folder in (first, out):
        index = pd.read_csv(folder / "index.csv")
        index = index[index["subprogramme"].isin(["sp3", "programme"])]
        assert "executed notebook" in set(index["kind"]) and len(index) > 10
        # an executed notebook names the folder it was published to: compare the
        # notebooks with that folder's path taken out, every other file byte for byte
        digests.append({f: (hashlib.sha256((folder / f).read_bytes().replace(
                            str(folder).encode(), b"OUT")).hexdigest()
                            if f.endswith(".ipynb") else sha)
                        for f, sha in zip(index["file"], index["sha256"])})
    assert digests[0] == digests[1]
    executed = (out / "sp3" / "sp3_countering_corruption.ipynb").read_text(encoding="utf-8")
    assert ".staging-" not in executed and "start_time" not in executed


@pytest.mark.slow
@RUN_ALL
def test_index_records_provenance_and_marks_failed_and_earlier_outputs(run_all, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(run_all[0], out)  # an earlier run's outputs
    fork = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", fork)
    nb = fork / "sp7_policy_support.py"
    nb.write_text(nb.read_text(encoding="utf-8").replace(
        "tables = load_all(data_dir)", "tables = load_all(data_dir)\nraise RuntimeError('x')"),
        encoding="utf-8")
    results = runner.run(["sp7"], output_dir=out, notebooks_dir=fork, progress=False)
    assert not results[0].ok
    index = pd.read_csv(out / "index.csv")
    status = dict(zip(index["subprogramme"], index["status"]))
    assert status == {**{sp: "earlier run" for sp in runner.notebook_ids()},
                      "sp7": "stale: failed in this run"}
    assert set(index["data_dir"]) == {str(DATA)}
    assert index["data_sha256"].str.fullmatch("[0-9a-f]{64}").all()
    assert index["package_version"].str.contains("+", regex=False).all()
    assert index["finished_utc"].str.endswith("+00:00").all()


@pytest.mark.parametrize("where", ["data", "", ".", "..", "budgetbook/out", "notebooks"])
def test_run_refuses_an_output_dir_in_or_around_the_sources(where, tmp_path):
    res = cli_here("run", "-s", "sp1", "--output-dir", where)
    assert res.returncode == 2
    assert "refusing to write" in res.stderr or "output directory is empty" in res.stderr
    assert not (DATA / "index.csv").exists() and not (ROOT / "index.csv").exists()
    assert not (ROOT / "budgetbook" / "out").exists()


def test_run_refuses_an_output_dir_inside_another_data_dir(tmp_path, data_copy):
    res = cli_here("run", "-s", "sp1", "--data-dir", str(data_copy), "--output-dir",
              str(data_copy / "out"))
    assert res.returncode == 2 and "refusing to write into the data directory" in res.stderr
    assert not (data_copy / "out").exists()


def test_validate_names_a_missing_directory(tmp_path):
    res = cli_here("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: {tmp_path / 'nowhere'}: the data directory does not exist"


@pytest.mark.slow
def test_refresh_refuses_an_unknown_notebook():
    res = cli_here("refresh", "-s", "sp42")
    assert res.returncode == 2 and "unknown notebook sp42" in res.stderr


@pytest.mark.slow
def test_papermill_from_the_project_root_finds_the_data(tmp_path):
    """The default data directory does not depend on the working directory."""
    res = subprocess.run([sys.executable, "-m", "papermill", "notebooks/sp7_policy_support.ipynb",
                          str(tmp_path / "out.ipynb"), "--kernel", "python3"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]


@pytest.mark.slow
def test_a_chapter_refuses_another_subprogramme(tmp_path):
    res = subprocess.run([sys.executable, "-m", "papermill",
                          "notebooks/sp3_countering_corruption.ipynb", str(tmp_path / "out.ipynb"),
                          "-p", "subprogramme", "sp5", "--kernel", "python3"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode != 0
    assert "written for sp3" in res.stderr and "notebooks/sp5_justice.ipynb" in res.stderr


@pytest.mark.slow
def test_a_student_runs_a_chapter_at_another_shortfall_threshold(tmp_path):
    """The material shortfall is a parameter: sp3 run with 80 % counts the shortfalls below
    80 %, says so on the page, and names its claim apart (another population); a value out
    of range stops the notebook in one line naming the parameter."""
    import nbformat
    out = tmp_path / "out"
    res = cli("run", "-s", "sp3", "--output-dir", str(out), "-p", "shortfall_threshold", "0.8",
              "--quiet")
    assert res.returncode == 0, res.stderr[-2000:]
    nb = nbformat.read(out / "sp3" / "sp3_countering_corruption.ipynb", as_version=4)
    # every output's text, the sentences glued into the prose included
    text = "\n".join(str(v) for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []) for k, v in o.get("data", {}).items()
                     if k.endswith("text/plain"))
    assert "delivered less than 80% of plan" in text and "90%" not in text
    assert "sp3.material_shortfalls_80pct = " in text and "sp3.material_shortfalls =" not in text
    bad = cli("run", "-s", "sp3", "--output-dir", str(tmp_path / "bad"), "-p",
              "shortfall_threshold", "8", "--quiet")
    assert bad.returncode != 0
    assert ("parameter shortfall_threshold=8 is outside 0 to 1; the book's is 0.9"
            in bad.stdout + bad.stderr)


def test_bench_ratios_and_targets():
    from budgetbook import bench
    times = {"floor": 10.0, "bare_no_op": 2.0, "cold_build": 20.0, "no_change_rebuild": 2.1,
             "one_chapter_edit_rebuild": 6.0, "jobs_1": 40.0, "jobs_2": 22.0,
             "both_editions_cold_build": 30.0, "both_editions_no_change_rebuild": 4.0}
    ratios = bench.report(times)
    assert ratios["cold_build / floor"] == 2.0
    assert ratios["no_change_rebuild / bare_no_op"] == 1.05
    assert ratios["one_chapter_edit_rebuild / cold_build"] == 0.3
    assert ratios["jobs_2 / cold_build"] == 1.1
    assert ratios["jobs_2 / jobs_1"] == 0.55
    assert ratios["both_editions_cold_build / cold_build"] == 1.5
    assert ratios["both_editions_no_change_rebuild / bare_no_op"] == 2.0
    assert set(bench.TARGETS) <= set(ratios)
    res = cli_here("bench", "--help")
    assert res.returncode == 0 and "--json" in res.stdout


def test_the_benchs_edit_touches_one_chapters_rows_only(tmp_path, data_copy):
    """The edit the benchmark times re-executes one chapter and the aggregating pages."""
    from budgetbook import bench, config, inputs
    code = inputs.code_digest(exclude_build=True)
    before = inputs.page_digests(inputs.read_data_files(data_copy), config.notebooks(), code)
    bench.edit_one_chapter_value(data_copy.parent)
    after = inputs.page_digests(inputs.read_data_files(data_copy), config.notebooks(), code)
    assert {sp for sp, stem in config.notebooks().items() if before[stem] != after[stem]} == {
        bench.EDITED_CHAPTER, config.PROGRAMME_ID}


def test_environment_names_the_datas_hash_and_the_versions(data_copy):
    """The Execution status page's table: a changed CSV changes the data's hash."""
    before = dict(runner.environment(data_copy).values.tolist())
    assert re.fullmatch(r"[0-9a-f]{64}", before["data sha256 (CSV, descriptor, source text)"])
    assert before["pandas"] == pd.__version__
    path = data_copy / "deliverables.csv"
    text = path.read_text(encoding="utf-8")
    assert ",1,1,1,1," in text
    path.write_text(text.replace(",1,1,1,1,", ",1,1,1,2,", 1), encoding="utf-8")
    after = dict(runner.environment(data_copy).values.tolist())
    assert after["data sha256 (CSV, descriptor, source text)"] != before[
        "data sha256 (CSV, descriptor, source text)"]


# A notebook that sets what a later notebook could read: a variable, a module's constants,
# the language, matplotlib's settings, an environment variable, the working directory.
POISON = """
# %%
import os, matplotlib, budgetbook.indicators as _indicators, budgetbook.language as _language
leaked = 42
_indicators.MATERIAL_DELIVERY = 0.5
_indicators.MIN_PERCENT_BASE = 1
_language.use("zh")
matplotlib.rcParams["figure.facecolor"] = "#ffdddd"
matplotlib.rcParams["font.size"] = 30
os.environ["BUDGETBOOK_POISON"] = "set by another notebook"
os.chdir("/")
"""
PROBE = """
# %%
import os, matplotlib, budgetbook.indicators as _indicators, budgetbook.language as _language
print("leaked" in dir(), _indicators.MATERIAL_DELIVERY, _indicators.MIN_PERCENT_BASE,
      _language.current(), matplotlib.rcParams["figure.facecolor"],
      matplotlib.rcParams["font.size"], os.environ.get("BUDGETBOOK_POISON"), os.getcwd())
"""


@pytest.mark.slow
def test_a_notebook_sees_nothing_another_set_before_it_in_the_same_worker(tmp_path):
    """Each notebook runs in a fresh kernel: the second of one worker sees none of the
    first's variables, module constants, language, matplotlib settings, environment or
    working directory, and counts its cells from 1."""
    import matplotlib

    from budgetbook import indicators
    fork = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", fork)
    params = '# %% tags=["parameters"]\ndata_dir = None\noutput_dir = None\n\n'
    first, second = (fork / f"{config.notebooks()[sp]}.py" for sp in ("sp7", "sp8"))
    header = first.read_text(encoding="utf-8").split("# ---\n\n")[0] + "# ---\n\n"
    first.write_text(header + params + POISON)
    second.write_text(header + params + PROBE)
    results = runner.run(["sp7", "sp8"], output_dir=tmp_path / "out", notebooks_dir=fork,
                         jobs=1, progress=False)
    assert all(r.ok for r in results), [r.error for r in results]
    nb = json.loads((tmp_path / "out" / "sp8" / f"{second.stem}.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0]["execution_count"] == 1
    fresh = (f"False {indicators.MATERIAL_DELIVERY} {indicators.MIN_PERCENT_BASE} en "
             f"{matplotlib.rcParamsDefault['figure.facecolor']} "
             f"{matplotlib.rcParamsDefault['font.size']} None {fork}\n")
    assert "".join(code[-1]["outputs"][0]["text"]) == fresh


POISONED_RUN = ["programme", "sp2", "sp4", "sp6", "sp8"]


@pytest.mark.slow
@RUN_ALL
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_notebook_that_changes_module_state_changes_no_other_notebooks_outputs(
        run_all, tmp_path, jobs):
    """The overview, run first, ends by changing module constants, matplotlib's settings,
    the environment and the working directory: every chapter run after it, by the same
    worker or another, writes the same files as in a clean run, byte for byte."""
    clean, _ = run_all
    fork = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", fork)
    overview = fork / f"{config.OVERVIEW_STEM}.py"
    overview.write_text(overview.read_text(encoding="utf-8") + POISON, encoding="utf-8")
    out = tmp_path / "out"
    results = runner.run(POISONED_RUN, output_dir=out, notebooks_dir=fork, jobs=jobs,
                         progress=False)
    assert all(r.ok for r in results), [r.error for r in results]
    for sp in POISONED_RUN[1:]:
        files = sorted(p.relative_to(out / sp) for p in (out / sp).rglob("*") if p.is_file()
                       and not p.name.startswith("."))
        assert files == sorted(p.relative_to(clean / sp) for p in (clean / sp).rglob("*")
                               if p.is_file() and not p.name.startswith("."))
        for rel in files:
            ours, theirs = (out / sp / rel).read_bytes(), (clean / sp / rel).read_bytes()
            if rel.suffix == ".ipynb":  # it names the folder it was published to
                ours, theirs = ours.replace(str(out).encode(), b"OUT"), theirs.replace(
                    str(clean).encode(), b"OUT")
            assert ours == theirs, f"{sp}/{rel} differs from a clean run's"


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(cell: str, labels: list[str]) -> list[str]:
    """The numbers of a text cell, outside the data labels it quotes."""
    found = sorted(NUMBER.findall(cell))
    if found:
        for label in labels:
            if label in cell:
                cell = cell.replace(label, " ")
        found = sorted(NUMBER.findall(cell))
    return found


@pytest.mark.slow
@RUN_ALL
def test_the_chinese_run_writes_the_same_numbers_under_chinese_labels(run_all, tmp_path):
    """Same numbers, both editions: every derived CSV of a Chinese run has the English
    run's file name, shape and numbers (every numeric column equal, and the numbers inside
    each text cell), and its text is Chinese (no English word left but the allowed ones)."""
    from chinese import english_left

    english, _ = run_all
    chinese = tmp_path / "out_zh"
    res = cli("run", "--all", "--language", "zh", "--output-dir", str(chinese), "--jobs", "2")
    assert res.returncode == 0, res.stderr
    assert "Passed unknown parameter" not in res.stderr + res.stdout
    tables = load_all()
    # The data's labels, each language's (verbatim: the source's Chinese may write "3 小时"
    # where the English says "three-hour"); the numbers compared are the book's own.
    pairs = [(df, c[:-3]) for df in tables.values() for c in df.columns
             if c.endswith("_en") and f"{c[:-3]}_zh" in df.columns]
    labels = {lang: {str(v) for df, name in pairs for v in df[f"{name}_{lang}"].dropna()
                     if len(str(v)) > 3} for lang in ("en", "zh")}
    # and the unit each subcategory's label names ('3小时会议次数': a label's words)
    from budgetbook import language, views
    for lang in labels:
        with language.using(lang):
            labels[lang] |= set(views.subcategory_units(tables["deliverables"]))
    labels = {lang: sorted(words, key=len, reverse=True) for lang, words in labels.items()}
    compared = 0
    for en_csv in sorted(english.glob("*/*.csv")):
        zh_csv = chinese / en_csv.relative_to(english)
        assert zh_csv.is_file(), zh_csv
        en = pd.read_csv(en_csv, dtype=str, keep_default_na=False)
        zh = pd.read_csv(zh_csv, dtype=str, keep_default_na=False)
        where = en_csv.relative_to(english)
        assert en.shape == zh.shape, where
        for i, column in enumerate(en.columns):
            e, z = en.iloc[:, i], zh.iloc[:, i]
            if pd.to_numeric(e, errors="coerce").notna().all():
                assert list(e) == list(z), (where, column)
                continue
            for e_cell, z_cell in zip(e, z):
                assert _numbers(e_cell, labels["en"]) == _numbers(z_cell, labels["zh"]), (
                    where, column, e_cell, z_cell)
        left = english_left(" ".join([*zh.columns, *zh.to_numpy().ravel()]), tables)
        assert not left, (where, left)
        compared += 1
    assert compared >= 5 * len(runner.notebook_ids())
