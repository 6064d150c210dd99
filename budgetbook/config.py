"""Where things are, in one place: the project's folders and the list of chapters.

The chapters are the notebooks the table of contents (``_toc.yml``) lists under
``notebooks/``: ``00_overview`` is the programme as a whole, and every other notebook is
named ``<subprogramme id>_<slug>``. Runs, refreshes, the chapter generator and the tests
all take the list from here, never from a list of their own.
"""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
TOC = PROJECT_ROOT / "_toc.yml"
CHAPTER_TEMPLATE = NOTEBOOKS_DIR / "_chapter_template.py"
COMMENTARY_DIR = PROJECT_ROOT / "book" / "commentary"
OVERVIEW_STEM = "00_overview"
PROGRAMME_ID = "programme"


def toc_files(toc: Path = TOC) -> list[str]:
    """Every file the table of contents lists, in reading order (without suffix)."""
    import yaml

    spec = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    files = [spec["root"]]
    for part in spec.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def notebook_id(stem: str) -> str:
    """The subprogramme id a notebook covers: 'sp3_countering_corruption' -> 'sp3'."""
    return PROGRAMME_ID if stem == OVERVIEW_STEM else stem.split("_", 1)[0]


def notebooks(toc: Path = TOC) -> dict[str, str]:
    """Subprogramme id -> notebook stem, for the notebooks the table of contents lists."""
    stems = [f.split("/", 1)[1] for f in toc_files(toc) if f.startswith("notebooks/")]
    return {notebook_id(stem): stem for stem in stems}
