"""Where things are, in one place: the project's folders and the list of chapters.

The chapters are the notebooks the table of contents (``_toc.yml``) lists under
``notebooks/``: ``00_overview`` is the programme as a whole, and every other notebook is
named ``<subprogramme id>_<slug>``. Runs, refreshes, the chapter generator and the tests
all take the list from here, never from a list of their own.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
TOC = PROJECT_ROOT / "_toc.yml"
CHAPTER_TEMPLATE = NOTEBOOKS_DIR / "_chapter_template.py"
COMMENTARY_DIR = PROJECT_ROOT / "book" / "commentary"
OVERVIEW_STEM = "00_overview"
PROGRAMME_ID = "programme"
# The Chinese edition: its pages, notebooks and commentary sit in a `zh` folder beside the
# English ones (book/zh/, notebooks/zh/, book/commentary/zh/), with its own configuration
# and table of contents in book/zh/; it builds into _build/zh.
TRANSLATED = "zh"
EDITION_DIRS = {"en": "", TRANSLATED: TRANSLATED}
EDITION_CONFIGS = {"en": PROJECT_ROOT / "_config.yml",
                   TRANSLATED: PROJECT_ROOT / "book" / TRANSLATED / "_config.yml"}
EDITION_TOCS = {"en": TOC, TRANSLATED: PROJECT_ROOT / "book" / TRANSLATED / "_toc.yml"}
# How many kernels a build runs its notebooks in at a time (default: one per core); set by
# `python -m budgetbook build` when the two editions build at the same time.
KERNELS_ENV = "BUDGETBOOK_KERNELS"
# Where each edition's site is written, relative to the project (jupyter-book's
# --path-output puts it under <path>/_build/html).
EDITION_SITES = {"en": Path("_build/html"), TRANSLATED: Path("_build/zh/_build/html")}
# Where each edition is published, when the two are not published in the places above
# relative to each other: the address of its site's root (the folder EDITION_SITES names),
# e.g. https://example.org/unodc-zh/. A page links to its counterpart in the other edition
# at that address; unset, the link is relative. One variable per edition, so that the two
# editions built together (with one environment) each link to the other's address.
EDITION_URL_ENV = {"en": "BUDGETBOOK_EDITION_URL_EN", TRANSLATED: "BUDGETBOOK_EDITION_URL_ZH"}


def toc_files(toc: Path = TOC) -> list[str]:
    """Every file the table of contents lists, in reading order (without suffix)."""
    import yaml

    spec = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    files = [spec["root"]]
    for part in spec.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


# The anchor of the overview's full list of the programme-wide mandates, which every
# chapter's mandates sentence points to (the same in both editions).
PROGRAMME_MANDATES_ANCHOR = "programme-wide-mandates"


def page_href(here: str, there: str, language: str, anchor: str | None = None) -> str:
    """The relative link from the English page ``here`` to the English page ``there``
    (both as 'notebooks/sp3_x', 'book/source_audit'), each as ``language``'s edition names
    it: '../book/source_audit.html', with '#anchor' when given."""
    up = "../" * in_edition(here, language).count("/")
    return f"{up}{in_edition(there, language)}.html" + (f"#{anchor}" if anchor else "")


def in_edition(path: str, language: str) -> str:
    """A page or file of the English edition as the given edition names it:
    'book/method' -> 'book/zh/method', 'notebooks/sp3_x' -> 'notebooks/zh/sp3_x'."""
    folder, _, rest = path.partition("/")
    sub = EDITION_DIRS[language]
    return f"{folder}/{sub}/{rest}" if sub else path


def english_of(path: str) -> str:
    """The English edition's name of a page of any edition (the inverse of
    :func:`in_edition`)."""
    folder, _, rest = path.partition("/")
    for sub in EDITION_DIRS.values():
        if sub and rest.startswith(sub + "/"):
            return f"{folder}/{rest[len(sub) + 1:]}"
    return path


def edition_of_page(path: str) -> str:
    """The language of the edition a page belongs to ('book/zh/method' -> 'zh')."""
    folder, _, rest = path.partition("/")
    return next((lang for lang, sub in EDITION_DIRS.items()
                 if sub and rest.startswith(sub + "/")), "en")


def notebook_id(stem: str) -> str:
    """The subprogramme id a notebook covers: 'sp3_countering_corruption' -> 'sp3'."""
    return PROGRAMME_ID if stem == OVERVIEW_STEM else stem.split("_", 1)[0]


def notebooks(toc: Path = TOC) -> dict[str, str]:
    """Subprogramme id -> notebook stem, for the notebooks the table of contents lists."""
    stems = [f.rsplit("/", 1)[1] for f in toc_files(toc) if f.startswith("notebooks/")]
    return {notebook_id(stem): stem for stem in stems}


def edition_url(language: str, environ=None) -> str | None:
    """The address where an edition is published (``$BUDGETBOOK_EDITION_URL_EN`` or
    ``_ZH``), ending in '/', or None when it is not set. A ValueError when the value is
    neither an http(s) address nor a path from the host's root ('/unodc-zh/'): a relative
    value would make every link to that edition resolve against the page that holds it."""
    name = EDITION_URL_ENV[language]
    value = ((os.environ if environ is None else environ).get(name) or "").strip()
    if not value:
        return None
    if not value.startswith(("https://", "http://", "/")):
        raise ValueError(f"${name} is {value!r}: give the address where that edition is "
                         f"published, e.g. https://example.org/unodc-{language}/ (or a path "
                         f"from the host's root, /unodc-{language}/)")
    return value if value.endswith("/") else value + "/"
