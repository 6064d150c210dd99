import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from budgetbook.bench import PROJECT_COPY_IGNORE, build_command

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


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


def build(project: Path):
    """The README's build command (without the install), on a project folder."""
    return subprocess.run(build_command(project) + ["--keep-going"], capture_output=True,
                          text=True, timeout=1800)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """A copy of the project, built once for the book and browser tests."""
    project = tmp_path_factory.mktemp("book") / "project"
    shutil.copytree(ROOT, project, ignore=PROJECT_COPY_IGNORE)
    res = build(project)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-4000:]
    return project
