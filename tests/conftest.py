import hashlib
import shutil
from pathlib import Path

import pytest

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
