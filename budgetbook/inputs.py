"""What each page of the book reads, and the digests its cached results are keyed on.

A chapter reads its own rows and the shared ones, never another chapter's: in every data
file keyed by subprogramme (the ``subprogramme`` column; ``id`` in ``subprogrammes.csv``)
it keeps the rows that do not belong to another chapter, and every other file (the
edition record, the descriptor, the source text) whole. The notebook receives exactly
these rows (:func:`budgetbook.loading.chapter_tables` applies the same rule to the loaded
frames), and the build keys the chapter's cached result on a hash of these rows, the
package's code and the table of contents, so an edit confined to one chapter's rows
re-executes that chapter and the pages that aggregate across chapters, and nothing else.
A prose page with code cells may declare the data files it reads in its front matter
(``budgetbook: {reads: [edition.csv, raw/]}``); the build then keys it on those files
only and runs it on a copy of the data holding nothing else, so it cannot read more.

Standard library only: the build computes these digests in the Sphinx process, where
importing pandas would cost every no-change rebuild.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from .config import PROGRAMME_ID, TOC

PACKAGE_DIR = Path(__file__).resolve().parent
# The column that says whose a row is; a file without it is shared by every page.
KEY_COLUMN = "subprogramme"
KEY_COLUMNS = {"subprogrammes.csv": "id"}
# The build's own code: the notebooks never run it, so an edit to it re-executes nothing.
NOT_RUN_BY_NOTEBOOKS = {"sphinx_ext.py", "search_text.py", "webfont.py"}


def read_data_files(directory) -> dict[str, bytes]:
    """A data directory's contract files (CSV and JSON) and its source text (``raw/``), by
    path relative to it, each read once: what a build or a run hashes and copies into its
    snapshot."""
    directory = Path(directory)
    files = sorted(directory.glob("*.csv")) + sorted(directory.glob("*.json")) + sorted(
        p for p in directory.glob("raw/*") if p.is_file())
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in files}


def write_data_files(directory, files: dict[str, bytes]) -> None:
    """Write ``files`` (:func:`read_data_files`'s result) under ``directory``: the snapshot
    a build or a run reads, with the source text in its ``raw/``."""
    for name, raw in files.items():
        path = Path(directory) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)


def key_column(file_name: str, columns) -> str | None:
    """The column of a data file that names whose each row is, or None (a shared file)."""
    key = KEY_COLUMNS.get(file_name, KEY_COLUMN)
    return key if key in columns else None


def _rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def chapter_ids(files: dict[str, bytes]) -> set[str]:
    """The ids of the chapters (every subprogramme but the programme as a whole)."""
    rows = _rows(files["subprogrammes.csv"])
    at = rows[0].index("id")
    return {row[at] for row in rows[1:] if row} - {PROGRAMME_ID}


def chapter_rows(files: dict[str, bytes], sp: str) -> dict[str, bytes]:
    """What chapter ``sp`` reads, file by file: of a keyed CSV its header and every row
    that is not another chapter's (re-written as CSV); any other file whole."""
    others = chapter_ids(files) - {sp}
    out = {}
    for name, raw in files.items():
        rows = _rows(raw) if name.endswith(".csv") and "/" not in name else None
        key = key_column(name, rows[0]) if rows else None
        if key is None:
            out[name] = raw
            continue
        at = rows[0].index(key)
        kept = [rows[0]] + [row for row in rows[1:] if row and row[at] not in others]
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(kept)
        out[name] = buf.getvalue().encode("utf-8")
    return out


def sha256_of(files: dict[str, bytes], extra: str = "") -> str:
    """The sha256 (hex) of files, name and bytes, in their order, and of ``extra``."""
    h = hashlib.sha256()
    for name, raw in files.items():
        h.update(name.encode() + b"\0" + raw + b"\0")
    h.update(extra.encode())
    return h.hexdigest()


def digest(files: dict[str, bytes], code: str = "") -> str:
    """A short hash of files (name and bytes, in name order) and of a code digest."""
    return sha256_of(dict(sorted(files.items())), code)[:16]


def code_digest(exclude_build: bool = False, toc: Path = TOC,
                package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of the package's code and the table of contents (the chapter list), without
    the build's own extension when ``exclude_build``."""
    h = hashlib.sha256()
    for path in sorted(Path(package_dir).glob("*.py")):
        if exclude_build and path.name in NOT_RUN_BY_NOTEBOOKS:
            continue
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    if Path(toc).is_file():
        h.update(b"_toc.yml\0" + Path(toc).read_bytes())
    return h.hexdigest()


def environment(language: str) -> dict[str, str]:
    """What a page computes with besides its data and code, as name -> value: Python's
    version, every installed distribution with its version (from the ``*.dist-info``
    folders on ``sys.path``, read without importing anything), and the font files its
    charts draw with in ``language`` (:func:`budgetbook.style.font_files`: path, size,
    modification time)."""
    import os
    import sys

    from .style import font_files

    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n[:-len(".dist-info")] for n in names if n.endswith(".dist-info"))
    out = {"python": sys.version.split()[0], "distributions": "\n".join(sorted(found))}
    for path in font_files(language):
        try:
            st = path.stat()
            out[f"font {path.name}"] = f"{path} {st.st_size} {st.st_mtime_ns}"
        except OSError:
            out[f"font {path.name}"] = f"{path} missing"
    return out


def environment_digest(language: str) -> str:
    """A short hash of :func:`environment`: a page's cached result is keyed on it, so a
    new version of a package, of Python or of a chart font re-executes the page."""
    return sha256_of({k: v.encode() for k, v in environment(language).items()})[:16]


def declared_reads(text: str) -> tuple[str, ...] | None:
    """The data files a page's front matter declares it reads (``budgetbook: {reads:
    [...]}``), or None when it declares nothing (the page reads every file)."""
    if not (text.startswith("---\n") and "\n---\n" in text[4:]):
        return None
    import yaml

    meta = yaml.safe_load(text[4:text.index("\n---\n", 4)]) or {}
    spec = (meta.get("budgetbook") or {}) if isinstance(meta, dict) else {}
    return tuple(spec["reads"] or ()) if "reads" in spec else None


def declared(files: dict[str, bytes], reads) -> dict[str, bytes]:
    """The files a page declares it reads: each entry of ``reads`` names a file of the data
    directory (``edition.csv``) or, ending in ``/``, a folder of it (``raw/``)."""
    return {name: raw for name, raw in files.items()
            if any(name == entry or (entry.endswith("/") and name.startswith(entry))
                   for entry in reads)}


def page_digests(files: dict[str, bytes], notebooks: dict[str, str], code: str) -> dict[str, str]:
    """The digest each notebook's cached result is keyed on, by notebook stem: a chapter's
    own rows (:func:`chapter_rows`) for a chapter, every file for the overview; with the
    code digest ``code``. A page that is not listed here reads every file
    (``digest(files, code)``)."""
    chapters = chapter_ids(files)
    return {stem: digest(chapter_rows(files, sp) if sp in chapters else files, code)
            for sp, stem in notebooks.items()}
