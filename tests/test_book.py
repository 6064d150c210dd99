"""The book builds with warnings as errors, every _toc.yml entry becomes a page, no image
is broken, and a changed CSV shows on the rebuilt page (no stale numbers)."""
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from budgetbook import config, inputs
from budgetbook.bench import build_command
from conftest import ENGLISH, ROOT, build

pytestmark = pytest.mark.slow  # every test here reads or rebuilds a built book

# The tests that edit the project and rebuild it: one private copy of the built book,
# edited by one test after another (on one pytest-xdist worker).
REBUILDS = pytest.mark.xdist_group("mutable_book")


def toc_files(project: Path):
    return config.toc_files(project / "_toc.yml")


class _Imgs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.links, self.downloads, self.ids = [], [], [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "img":
            self.imgs.append(a)
        if tag == "a" and a.get("href", "").startswith("data:"):
            self.downloads.append(a)
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


def test_every_toc_entry_becomes_a_page(built_book):
    html = built_book / "_build" / "html"
    for entry in toc_files(built_book):
        assert (html / f"{entry}.html").is_file(), entry
    assert (html / "index.html").is_file()


def test_no_broken_images_and_alt_text_everywhere(built_book):
    html = built_book / "_build" / "html"
    charts = 0
    for page in html.rglob("*.html"):
        parser = _Imgs()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.imgs:
            src = img.get("src", "")
            if src.startswith("data:image/png;base64,"):
                charts += 1
                assert img.get("alt"), f"{page.name}: chart without alt text"
            elif src and not src.startswith(("http:", "https:")):
                assert (page.parent / src.split("#")[0]).resolve().is_file(), f"{page.name}: {src}"
    assert charts >= 11 * 3, charts


def test_internal_links_resolve(built_book):
    html = built_book / "_build" / "html"
    for page in html.rglob("*.html"):
        parser = _Imgs()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            if href.startswith("#"):  # e.g. "At a glance" to its sections
                assert href == "#" or href[1:] in parser.ids, (
                    f"{page.relative_to(html)} links to missing anchor {href}")
                continue
            if re.match(r"^(https?:|mailto:|javascript:)", href):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"{page.relative_to(html)} links to missing {href}"


def test_every_table_and_chart_offers_its_numbers_as_a_named_csv(built_book):
    """Each download link is a CSV file the reader's browser saves from the page itself,
    named for what it holds, with a header and at least one row; each name once per page."""
    html = built_book / "_build" / "html"
    total = 0
    for page in sorted((html / "notebooks").glob("*.html")):
        parser = _Imgs()
        parser.feed(page.read_text(encoding="utf-8"))
        names = [a["download"] for a in parser.downloads]
        assert len(names) == len(set(names)), (page.name, names)
        for a in parser.downloads:
            assert re.fullmatch(r"[a-z0-9_]+\.csv", a["download"]), a["download"]
            prefix = "data:text/csv;charset=utf-8,"
            assert a["href"].startswith(prefix), a["download"]
            frame = pd.read_csv(io.StringIO(unquote(a["href"][len(prefix):])))
            assert len(frame) >= 1 and len(frame.columns) >= 2, a["download"]
        # every chart and every table with a name: at least the charts and main tables
        assert len(names) >= 5, (page.name, names)
        total += len(names)
    assert total >= 11 * 8, total


@REBUILDS
def test_rebuild_without_change_executes_no_notebook(mutable_book):
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "Executing notebook" not in res.stdout and "budgetbook: executing" not in res.stdout
    assert "0 source files that are out of date" in res.stdout


def _executed(stdout: str) -> set[str]:
    """The pages a build executed, from its log ("budgetbook: executing N notebooks ...")."""
    found = re.findall(r"budgetbook: executing \d+ notebooks, each in a fresh kernel, \d+ at "
                       r"a time: (.*)", stdout)
    return {page.strip() for line in found for page in line.split(",")}


# A page that sets, in its kernel, what a later page could read: module constants, the
# language, matplotlib's settings, an environment variable, the working directory. Its
# name sorts before every other page's, so the build executes it first.
POISON_PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A page that changes module state

```{code-cell}
import os, matplotlib, budgetbook.indicators as _indicators, budgetbook.language as _language
_indicators.MATERIAL_DELIVERY = 0.5
_indicators.MIN_PERCENT_BASE = 1
_language.use("zh")
matplotlib.rcParams["figure.facecolor"] = "#ffdddd"
os.environ["BUDGETBOOK_DATA_DIR"] = "/nonexistent"
os.chdir("/")
```
"""


def _without_cell_ids(path: Path) -> dict:
    """An executed notebook, less its cells' ids (a Markdown page's are drawn anew at
    each reading)."""
    import json

    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell.pop("id", None)
    return nb


def _article(html: str) -> str:
    """A page's own content, without the navigation (which lists every page)."""
    return html[html.index("<article"):html.index("</article>")]


def test_a_page_that_changes_module_state_changes_no_other_page(built_book, tmp_path):
    """Every page executes as in a fresh kernel: a page executed first (in the one kernel
    the build may use) that changes module constants, matplotlib's settings, the
    environment and the working directory leaves every other page's executed notebook
    and content byte for byte as a build without it gives."""
    project = tmp_path / "project"
    shutil.copytree(built_book, project, symlinks=True)
    (project / "book" / "aaa_module_state.md").write_text(POISON_PAGE, encoding="utf-8")
    toc = project / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8") + "      - file: book/aaa_module_state\n",
                   encoding="utf-8")
    (project / "book" / "zh" / "aaa_module_state.md").write_text(POISON_PAGE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "budgetbook", "editions"], cwd=project, check=True,
                   capture_output=True)
    res = subprocess.run(build_command(project) + ["--keep-going", "--language", "en"],
                         capture_output=True, text=True, timeout=1800,
                         env={**os.environ, config.KERNELS_ENV: "1"})
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    executed = _executed(res.stdout)
    assert "book/aaa_module_state" in executed and len(executed) > 10  # all re-executed
    clean, poisoned = (p / "_build" / "jupyter_execute" for p in (built_book, project))
    notebooks = sorted(p.relative_to(clean) for p in clean.rglob("*.ipynb"))
    assert len(notebooks) > 10
    for rel in notebooks:
        assert _without_cell_ids(poisoned / rel) == _without_cell_ids(clean / rel), rel
    for stem in config.notebooks(project / "_toc.yml").values():
        page = Path("_build/html/notebooks") / f"{stem}.html"
        assert _article((project / page).read_text(encoding="utf-8")) == _article(
            (built_book / page).read_text(encoding="utf-8")), page


@REBUILDS
def test_a_warning_in_a_cell_fails_the_build_naming_the_page_and_no_page_shows_it(
        mutable_book):
    """Nothing but the analysis on a page: a warning a cell writes to stderr fails the
    build under -W, naming the notebook and the cell, and is not on the page."""
    import jupytext
    import nbformat

    stem = config.notebooks(mutable_book / "_toc.yml")["sp3"]
    paths = [mutable_book / "notebooks" / f"{stem}{suffix}" for suffix in (".ipynb", ".py")]
    originals = {path: path.read_bytes() for path in paths}
    nb = jupytext.read(paths[0])
    nb.cells.insert(4, nbformat.v4.new_code_cell(
        "import warnings\nwarnings.warn('a warning planted by the test')"))
    try:
        jupytext.write(nb, paths[0], fmt="ipynb")
        jupytext.write(nb, paths[1], fmt="py:percent")
        res = build(mutable_book, ENGLISH)
        output = res.stdout + res.stderr
        assert res.returncode != 0, output[-3000:]
        assert re.search(rf"notebooks/{stem}\S*: WARNING: stderr was found in the cell "
                         rf"outputs of cell \d+", output), output[-3000:]
        page = mutable_book / "_build" / "html" / "notebooks" / f"{stem}.html"
        assert "UserWarning: a warning planted" not in page.read_text(encoding="utf-8")
    finally:
        for path, raw in originals.items():
            path.write_bytes(raw)
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]


@REBUILDS
def test_a_new_distribution_re_executes_every_page_and_the_status_page_says_so(
        mutable_book, tmp_path):
    """The environment is part of every page's key: a distribution installed (here, one
    seen on PYTHONPATH) re-executes every executed page, and the Status page lists it; its
    removal re-executes them again."""
    site = tmp_path / "site"
    (site / "budgetbook_probe-1.0.dist-info").mkdir(parents=True)
    (site / "budgetbook_probe-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: budgetbook-probe\nVersion: 1.0\n")
    pages = {f for f in toc_files(mutable_book) if f.startswith("notebooks/")}
    res = build(mutable_book, ENGLISH, env={"PYTHONPATH": str(site)})
    assert res.returncode == 0, res.stdout[-3000:]
    assert pages <= _executed(res.stdout), res.stdout[-3000:]
    status = (mutable_book / "_build" / "html" / "book" / "status.html").read_text()
    assert "budgetbook_probe" in status
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]
    assert pages <= _executed(res.stdout)
    status = (mutable_book / "_build" / "html" / "book" / "status.html").read_text()
    assert "budgetbook_probe" not in status


def _aggregating_pages(project: Path) -> set[str]:
    """The executed pages that read every subprogramme's rows: the overview and the
    prose pages with code cells that do not declare narrower reads in their front matter."""
    pages = {f"notebooks/{config.OVERVIEW_STEM}"}
    for f in toc_files(project):
        path = project / f"{f}.md"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if "{code-cell}" in text and inputs.declared_reads(text) is None:
            pages.add(f)
    return pages


@REBUILDS
def test_changed_csv_re_executes_its_chapter_and_the_aggregating_pages_only(mutable_book):
    """Through the plain `jupyter-book build`, a value changed in one chapter's rows
    re-executes that chapter and the pages that aggregate, reaches the page, and leaves
    the other chapters' pages as they were."""
    path = mutable_book / "data" / "deliverables.csv"
    html = mutable_book / "_build" / "html" / "notebooks"
    original = path.read_text(encoding="utf-8")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = df.index[(df["table"] == "16.8") & (df["item_no"] == "1")][0]
    assert df.loc[row, "subprogramme"] == "sp3"
    df.loc[row, "plan_2025"] = "9876"
    df.to_csv(path, index=False, lineterminator="\n")
    others = {p.name: p.read_bytes() for p in html.glob("sp*.html") if "sp3_" not in p.name}
    try:
        res = build(mutable_book, ENGLISH)
        assert res.returncode == 0, res.stdout[-3000:]
        assert _executed(res.stdout) == _aggregating_pages(mutable_book) | {
            "notebooks/sp3_countering_corruption"}, res.stdout[-3000:]
        assert "9876" in (html / "sp3_countering_corruption.html").read_text(encoding="utf-8")
        assert {p.name: p.read_bytes() for p in html.glob("sp*.html")
                if "sp3_" not in p.name} == others
    finally:
        path.write_text(original, encoding="utf-8")
    res = build(mutable_book, ENGLISH)
    assert _executed(res.stdout) == _aggregating_pages(mutable_book) | {
        "notebooks/sp3_countering_corruption"}, res.stdout[-3000:]
    assert "9876" not in (html / "sp3_countering_corruption.html").read_text(encoding="utf-8")


@REBUILDS
def test_a_notebooks_code_re_executes_that_notebook_only(mutable_book):
    """Editing a code cell re-executes that notebook alone; undoing the edit finds the
    earlier result in the cache again."""
    stem = "sp7_policy_support"
    old, new = "# One verdict per statement;", "# One verdict per statement (edited);"
    paths = [mutable_book / "notebooks" / f"{stem}{suffix}" for suffix in (".py", ".ipynb")]
    originals = [p.read_text(encoding="utf-8") for p in paths]
    try:
        for p, text in zip(paths, originals):
            assert text.count(old) == 1, p
            p.write_text(text.replace(old, new), encoding="utf-8")
        res = build(mutable_book, ENGLISH)
        assert res.returncode == 0, res.stdout[-3000:]
        assert _executed(res.stdout) == {f"notebooks/{stem}"}, res.stdout[-3000:]
    finally:
        for p, text in zip(paths, originals):
            p.write_text(text, encoding="utf-8")
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]
    assert _executed(res.stdout) == set(), res.stdout[-3000:]


@REBUILDS
def test_bad_csv_stops_the_build_with_the_validate_message_and_no_stale_page(mutable_book):
    path = mutable_book / "data" / "deliverables.csv"
    original = path.read_text(encoding="utf-8")
    html = mutable_book / "_build" / "html"
    try:
        rows = list(csv.reader(io.StringIO(original, newline="")))
        rows[2][rows[0].index("actual_2023")] = "12.5"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        res = build(mutable_book, ENGLISH)
        assert res.returncode != 0
        output = res.stdout + res.stderr
        assert (f"error: {path}, line 3, column 'actual_2023': must be a whole number (integer) "
                f"(found '12.5')") in output
        assert "Traceback" not in output
        # nothing built from the old data is left looking current
        assert [p.name for p in html.iterdir()] == ["index.html"]
        assert "must be a whole number" in (html / "index.html").read_text(encoding="utf-8")
    finally:
        path.write_text(original, encoding="utf-8")
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]
    for entry in toc_files(mutable_book):
        assert (html / f"{entry}.html").is_file(), entry
    assert "was not built" not in (html / "index.html").read_text(encoding="utf-8")


@REBUILDS
def test_a_notebook_edited_but_not_synced_is_named(mutable_book):
    py = mutable_book / "notebooks" / "sp7_policy_support.py"
    original = py.read_text(encoding="utf-8")
    try:
        py.write_text(original.replace("# ## Legislative mandates",
                                       "# ## Legislative mandates, edited"), encoding="utf-8")
        res = build(mutable_book, ENGLISH)
        assert res.returncode != 0
        assert ("notebooks/sp7_policy_support.py differs from sp7_policy_support.ipynb, which "
                "the book builds: run 'jupytext --sync notebooks/sp7_policy_support.py'"
                in res.stdout + res.stderr)
    finally:
        py.write_text(original, encoding="utf-8")
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]


@REBUILDS
def test_a_translation_older_than_its_english_page_says_so_on_the_page(mutable_book):
    """The English method page changes: the Chinese one is re-read (nothing executes) and
    shows, at its top, that its translation is out of date; the English restored, the
    notice goes."""
    english = mutable_book / "book" / "method.md"
    page = mutable_book / "_build/zh/_build/html/book/zh/method.html"
    original = english.read_text(encoding="utf-8")
    assert "## Rounding" in original
    assert "译文待更新" not in page.read_text(encoding="utf-8")
    try:
        english.write_text(original.replace("## Rounding", "## Rounding, revised"),
                           encoding="utf-8")
        res = build(mutable_book, ("zh",))
        assert res.returncode == 0, res.stdout[-3000:]
        assert "budgetbook: executing" not in res.stdout
        assert "book/zh/method.md: translates an older book/method.md" in res.stdout
        html = page.read_text(encoding="utf-8")
        assert 'class="admonition warning"' in html and "译文待更新" in html
    finally:
        english.write_text(original, encoding="utf-8")
    res = build(mutable_book, ("zh",))
    assert res.returncode == 0, res.stdout[-3000:]
    assert "译文待更新" not in page.read_text(encoding="utf-8")


def test_api_reference_is_generated_from_the_docstrings(built_book):
    page = (built_book / "_build/html/book/api.html").read_text(encoding="utf-8")
    for name in ("budgetbook.indicators.delivery_rate", "budgetbook.loading.load_all",
                 "budgetbook.edition.Edition", "budgetbook.chapters.render"):
        assert f'id="{name}"' in page, name
    assert "Delivery rate = actual / plan" in page  # a docstring, as written in the package


@REBUILDS
def test_a_page_that_reads_more_than_it_declares_stops_the_build(mutable_book):
    """The method page declares it reads no data file; made to read one, it fails on the
    copy of the data it is given (and the build says why), instead of going stale."""
    page = mutable_book / "book" / "method.md"
    original = page.read_text(encoding="utf-8")
    old = "from budgetbook import indicators, render\n"
    assert original.count(old) == 1 and "reads: []" in original
    try:
        page.write_text(original.replace(old, old + "from budgetbook import load_all\n"
                                         "load_all()\n"), encoding="utf-8")
        res = build(mutable_book, ENGLISH)
        assert res.returncode != 0
        output = res.stdout + res.stderr
        assert ("book/method failed on a copy of the data holding only the files it "
                "declares it reads (none)") in output, output[-3000:]
    finally:
        page.write_text(original, encoding="utf-8")
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]


def _edit_objective_paragraph(text, value):
    return re.sub(r"^(sp9c2,.*),16\.132$", rf"\g<1>,{value}", text, flags=re.M)


@REBUILDS
def test_csv_edited_during_a_build_never_poisons_the_cache(mutable_book, tmp_path):
    """The issue's reproduction: a CSV edited while the notebooks execute. The build shows
    the data it started with, and each later build shows the data as it then is."""
    path = mutable_book / "data" / "subprogrammes.csv"
    page = mutable_book / "_build/html/notebooks/sp9c2_incb_secretariat.html"
    original = path.read_text(encoding="utf-8")
    assert _edit_objective_paragraph(original, "16.998") != original
    log = tmp_path / "build.log"
    try:
        path.write_text(_edit_objective_paragraph(original, "16.998"), encoding="utf-8")
        with open(log, "w") as fh:
            proc = subprocess.Popen(build_command(mutable_book, english_only=True), stdout=fh, stderr=subprocess.STDOUT)
            while "budgetbook: executing" not in log.read_text():
                assert proc.poll() is None, log.read_text()[-3000:]
                time.sleep(0.1)
            path.write_text(_edit_objective_paragraph(original, "16.999"), encoding="utf-8")
            proc.wait(timeout=1800)
        # told to build again (an error under -W); the pages are those of the data at the start
        assert "changed while the book was built" in log.read_text()
        html = page.read_text(encoding="utf-8")
        assert "paragraph 16.998" in html and "16.999" not in html
        res = build(mutable_book, ENGLISH)
        assert res.returncode == 0, res.stdout[-3000:]
        html = page.read_text(encoding="utf-8")
        assert "paragraph 16.999" in html and "16.998" not in html
    finally:
        # the last test of this module's chain: no later test builds this copy again
        path.write_text(original, encoding="utf-8")


@REBUILDS
def test_a_page_that_states_a_claim_another_page_contradicts_fails_the_build(mutable_book):
    """The book never contradicts itself: a page made to state another count of sp3's line
    with a plan than its chapter states fails the build (-W), naming the claim and both
    pages; the Status page and checks.csv of a build without -W say so."""
    page = mutable_book / "book" / "method.md"
    original = page.read_text(encoding="utf-8")
    from budgetbook import views
    population = views.POPULATIONS["items_with_plan"].format(scope="sp3", year=2023)
    stated = (original + "\n```{code-cell} ipython3\n:tags: [remove-input]\n\n"
              "from budgetbook import claims\nclaims.begin()\n"
              f"claims.claim('sp3.items_with_plan', 999, {population!r})\n"
              "claims.ledger_block()\n```\n")
    try:
        page.write_text(stated, encoding="utf-8")
        res = build(mutable_book, ENGLISH)
        assert res.returncode != 0
        output = res.stdout + res.stderr
        found = re.search(r"claim 'sp3.items_with_plan' has two values: 999 on "
                          r"book/method.html \(en\); [^\n]*", output)
        assert found, output[-3000:]
        assert "10 on notebooks/sp3_countering_corruption.html (en)" in found.group(0)
        checks = pd.read_csv(mutable_book / "_build/html/checks.csv", keep_default_na=False)
        assert checks["problem"].str.contains("sp3.items_with_plan").any()
        status = (mutable_book / "_build/html/book/status.html").read_text(encoding="utf-8")
        assert "One value per claim</td><td>1 problem: claim" in status
    finally:
        page.write_text(original, encoding="utf-8")
    res = build(mutable_book, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]
    checks = pd.read_csv(mutable_book / "_build/html/checks.csv", keep_default_na=False)
    assert (checks["problem"] == "").all()
