import fcntl
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from budgetbook.bench import PROJECT_COPY_IGNORE, build_command

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# Facts of THIS edition (A/79/6 (Sect. 16)/Part A, budget year 2025) that the tests check
# data/ against. The package itself names none of them: it reads them from data/.
SUBPROGRAMME_IDS = [
    "programme", "sp1", "sp2", "sp3", "sp4", "sp5", "sp6", "sp7", "sp8", "sp9c1", "sp9c2",
]
CHAPTER_IDS = SUBPROGRAMME_IDS[1:]
DELIVERABLE_TABLES = ["16.1", "16.4", "16.6", "16.8", "16.12", "16.13", "16.14",
                      "16.17", "16.21", "16.22", "16.25"]
TEXT_TABLES = ["16.2", "16.3", "16.5", "16.7", "16.9", "16.10", "16.11", "16.15",
               "16.16", "16.18", "16.19", "16.20", "16.23", "16.24"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV",
         "XXV", "XXVI"]
FIGURE_IDS = [f"16.{r}" for r in ROMAN]


def tree_digest(path: Path) -> dict:
    """sha256 of every file under path, to prove a run left data/ untouched."""
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break; data/ itself must stay as it was."""
    before = tree_digest(DATA)
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("_parts"))
    yield copy
    assert tree_digest(DATA) == before, "the test run changed data/"


ENGLISH = ("en",)


def build(project: Path, languages=None, env=None):
    """The README's build command (without the install: both editions, -W), on a project
    folder; or, with ``languages``, only those editions (``env``: added to the
    environment)."""
    only = [arg for lang in languages or () for arg in ("--language", lang)]
    return subprocess.run(build_command(project) + ["--keep-going", *only], capture_output=True,
                          text=True, timeout=1800, env={**os.environ, **(env or {})})


def _shared_dir(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this session sees (the session's own
    folder when the tests run in one process)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """A copy of the project, built once per test session for the tests that only read
    the built site: the first worker to ask builds it, under a lock, and the others wait
    for it. A test that changes the project and rebuilds takes ``mutable_book``."""
    shared = _shared_dir(tmp_path_factory)
    project, done = shared / "built_book" / "project", shared / "built_book.done"
    with open(shared / "built_book.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(project.parent, ignore_errors=True)
            shutil.copytree(ROOT, project, ignore=PROJECT_COPY_IGNORE)
            res = build(project)
            assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-4000:]
            done.write_text("built\n")
    return project


@pytest.fixture(scope="module")
def mutable_book(built_book, tmp_path_factory):
    """A private copy of the built project (its site and execution cache included), for
    the tests of one module that edit the project and rebuild it."""
    project = tmp_path_factory.mktemp("mutable_book") / "project"
    shutil.copytree(built_book, project, symlinks=True)
    # Sphinx re-reads every page of a moved project once; the execution cache, keyed on
    # what each page reads, needs no notebook executed.
    res = build(project)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-4000:]
    assert "budgetbook: executing" not in res.stdout, res.stdout[-4000:]
    return project


def rewrite_csv(path, edit):
    """Apply edit(rows) to a CSV's rows (header included) and write it back."""
    import csv
    import io
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    edit(rows)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """nbval's cells of one notebook run in order in one kernel: keep them on one
    pytest-xdist worker (before xdist groups the items); and they are slow."""
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix == ".ipynb":
            # the folder too: both editions have a notebooks/.../sp3_... .ipynb
            item.add_marker(pytest.mark.xdist_group(f"nbval-{path.parent.name}-{path.stem}"))
            item.add_marker(pytest.mark.slow)
