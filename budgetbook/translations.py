"""Translations of the book's own prose, and how a stale one is noticed.

The English is the source of the book's prose; the Chinese edition translates it. Every
translated unit records the English it was made from, by the first 12 hex digits of the
English's sha256, so a change to the English shows as a stale translation:

* a notebook's markdown cells (the chapter template's, the overview's) are translated in
  a catalogue beside it, ``<notebook>.zh.yml``: one entry per English cell, with the
  cell's text (for the translator to compare) and its Chinese;
* a prose page ``book/<name>.md`` is translated in ``book/zh/<name>.md`` and a commentary
  ``book/commentary/<id>.md`` in ``book/commentary/zh/<id>.md``, each with front matter
  ``translation_of: {file: <the English file>, sha256: <12 hex digits>}``.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from . import config

CATALOGUE_HEADER = (
    "# The Chinese of {name}'s markdown cells, one entry per cell in order: sha256 = the\n"
    "# first 12 hex digits of the English cell's sha256, en = that English (to compare),\n"
    "# zh = its translation. After an English change, 'python -m budgetbook translations'\n"
    "# names each cell to translate again, with its new sha256: update the entry's three.\n"
)


def key(text: str) -> str:
    """The first 12 hex digits of ``text``'s sha256 (UTF-8): what a translation records of
    the English it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def markdown_cells(py_text: str) -> list[str]:
    """The markdown cells' text of a py:percent notebook, in order."""
    import jupytext

    notebook = jupytext.reads(py_text, fmt="py:percent")
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]

ZH = "zh"
# The heading of the cell that holds a chapter's written commentary, per language.
COMMENTARY_HEADINGS = {"en": "## Commentary", ZH: "## 评述"}
STALE_MARK = ("> **译文待更新**：本段英文原文已修改，以下译文尚未随之更新"
              "（以英文版同一页为准）。\n\n")
UNTRANSLATED_MARK = "> **尚无译文**：本段尚未翻译，以下为英文原文。\n\n"


class TranslationError(ValueError):
    """A catalogue that cannot be read, or that does not match its notebook."""


def catalogue_path(notebook: Path) -> Path:
    """The catalogue of a notebook's markdown cells: 'x.py' -> 'x.zh.yml'."""
    return Path(notebook).with_suffix(".zh.yml")


def read_catalogue(path: Path) -> list[dict]:
    """The entries of a catalogue (``sha256``, ``en``, ``zh``), in cell order."""
    import yaml

    try:
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TranslationError(f"{path}: {exc}") from None
    cells = spec.get("cells") if isinstance(spec, dict) else None
    if not isinstance(cells, list) or not all(
            isinstance(c, dict) and {"sha256", "en", "zh"} <= set(c) for c in cells):
        raise TranslationError(f"{path}: expected 'cells:', a list of entries with "
                               f"sha256, en and zh")
    return cells


def translated_cells(py_text: str, catalogue: list[dict], name: str
                     ) -> tuple[list[str], list[str]]:
    """The Chinese of each markdown cell of a notebook, and the problems found: a cell
    whose English changed since it was translated is given its old translation under a
    mark saying so; a cell never translated, its English under a mark."""
    by_key = {entry["sha256"]: entry for entry in catalogue}
    out, problems = [], []
    for i, english in enumerate(markdown_cells(py_text)):
        if english.startswith(COMMENTARY_HEADINGS["en"]):
            # Replaced by the chapter's translated commentary (book/commentary/zh/<id>.md).
            out.append(COMMENTARY_HEADINGS[ZH] + "\n")
            continue
        entry = by_key.get(key(english))
        if entry is not None and entry["zh"]:
            out.append(entry["zh"].rstrip("\n"))
            continue
        old = catalogue[i] if i < len(catalogue) and catalogue[i]["zh"] else None
        heading, _, _ = english.partition("\n")
        if old is not None and entry is None:
            problems.append(f"{name}: markdown cell {i + 1} ({heading}) changed since it was "
                            f"translated (its sha256 is now {key(english)}, the "
                            f"translation's {old['sha256']})")
            out.append(_marked(old["zh"].rstrip("\n"), STALE_MARK))
        else:
            problems.append(f"{name}: markdown cell {i + 1} ({heading}) has no translation")
            out.append(_marked(english, UNTRANSLATED_MARK))
    return out, problems


def _marked(text: str, mark: str) -> str:
    # A heading stays first, so the page's outline and its anchors do not move.
    lines = text.split("\n")
    if lines[0].startswith("#"):
        return lines[0] + "\n\n" + mark + "\n".join(lines[1:]).lstrip("\n")
    return mark + text


def translate_notebook(py_text: str, catalogue: list[dict], name: str) -> tuple[str, list[str]]:
    """A py:percent notebook with its markdown cells in Chinese (see
    :func:`translated_cells`) and its ``language`` parameter set to "zh"; and the
    problems found."""
    chinese, problems = translated_cells(py_text, catalogue, name)
    parts = re.split(r"(?m)^(?=# %%)", py_text)
    cells = iter(chinese)
    for i, part in enumerate(parts):
        if part.startswith("# %% [markdown]"):
            body = "\n".join(f"# {line}" if line else "#" for line in next(cells).split("\n"))
            parts[i] = "# %% [markdown]\n" + body + "\n" + ("\n" if part.endswith("\n\n") else "")
    text = "".join(parts)
    text, count = re.subn(r'(?m)^language = "en"', 'language = "zh"', text)
    if count != 1:
        raise TranslationError(f"{name}: expected one 'language = \"en\"' parameter line, "
                               f"found {count}")
    return text, problems


FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.S)


def front_matter(text: str) -> dict:
    """A Markdown file's YAML front matter ({} when it has none)."""
    import yaml

    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else None
    return meta if isinstance(meta, dict) else {}


def english_key(path: Path) -> str:
    """What a translation of ``path`` records: the key of the whole file, or for a
    commentary, of its text alone (its front matter's fingerprints are re-stamped when
    the data change, which changes nothing to translate)."""
    text = Path(path).read_text(encoding="utf-8")
    if _is_commentary(path):
        text = FRONT_MATTER.sub("", text, count=1).strip()
    return key(text)


def translated_files() -> dict[Path, Path]:
    """Each English prose page and commentary that has a Chinese edition -> the path of
    its translation (the pages the English table of contents lists in book/, every
    commentary)."""
    pages = [config.PROJECT_ROOT / f"{f}.md" for f in config.toc_files()
             if f.startswith("book/")]
    commentary = sorted(config.COMMENTARY_DIR.glob("*.md"))
    return {path: path.parent / ZH / path.name for path in [*pages, *commentary]}


def file_problem(english: Path, chinese: Path, where: bool = True, root=None) -> str:
    """'' when ``chinese`` translates the current ``english``; else what is wrong (missing,
    no record, made from an older English; ``where``: and how to see what changed). Paths
    are named relative to ``root`` (default: the project)."""
    rel, zh_rel = _rel(english, root), _rel(chinese, root)
    if not chinese.is_file():
        return f"{zh_rel}: missing (the translation of {rel})"
    record = front_matter(chinese.read_text(encoding="utf-8")).get("translation_of")
    if not isinstance(record, dict) or "sha256" not in record:
        return (f"{zh_rel}: no 'translation_of: {{file: {rel}, sha256: ...}}' in its front "
                f"matter")
    if str(record["sha256"]) != english_key(english):
        return f"{zh_rel}: translates an older {rel}" + (
            f" ({_older(english, record)})" if where else "")
    return ""


def english_file(chinese: Path) -> Path:
    """The English file a translation translates: book/zh/x.md -> book/x.md."""
    return Path(chinese).parent.parent / Path(chinese).name


def stale_files() -> list[str]:
    """Problems of the translated files: a missing translation, one without its
    ``translation_of`` record, one made from an older English."""
    return [problem for english, chinese in translated_files().items()
            if (problem := file_problem(english, chinese))]


def catalogue_problems() -> list[str]:
    """Problems of the notebooks' catalogues (see :func:`translated_cells`)."""
    problems = []
    for notebook in (config.CHAPTER_TEMPLATE, config.NOTEBOOKS_DIR / f"{config.OVERVIEW_STEM}.py"):
        found = translated_cells(notebook.read_text(encoding="utf-8"),
                                 read_catalogue(catalogue_path(notebook)),
                                 _rel(catalogue_path(notebook)))[1]
        problems += found
    return problems


def _rel(path: Path, root=None) -> str:
    return Path(path).relative_to(root or config.PROJECT_ROOT).as_posix()


def _is_commentary(path: Path) -> bool:
    # by name, not by location: a copy of the project has its own book/commentary/
    return Path(path).parent.name == config.COMMENTARY_DIR.name


def _older(english: Path, record: dict) -> str:
    """Where to see what changed: the commit whose version of the English file the
    translation records, when git knows it."""
    import subprocess

    rel = _rel(english)
    try:
        commits = subprocess.run(["git", "log", "--format=%H", "--", rel], capture_output=True,
                                 text=True, cwd=config.PROJECT_ROOT, check=True).stdout.split()
        for commit in commits:
            old = subprocess.run(["git", "show", f"{commit}:{rel}"], capture_output=True,
                                 cwd=config.PROJECT_ROOT, check=True).stdout.decode("utf-8")
            if _is_commentary(english):
                old = FRONT_MATTER.sub("", old, count=1).strip()
            if key(old) == str(record["sha256"]):
                return f"made from its version of commit {commit[:10]}: see " \
                       f"'git diff {commit[:10]} -- {rel}'"
    except (OSError, subprocess.CalledProcessError, UnicodeDecodeError):
        pass
    return f"sha256 {record['sha256']}, now {english_key(english)}"


def _cmd_translations(args) -> int:
    try:
        problems = catalogue_problems() + stale_files()
    except TranslationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    if not problems:
        print(f"every translation is current ({len(translated_files())} files, 2 notebook "
              f"catalogues)")
    return 1 if problems and args.check else 0


def add_translations_parser(sub) -> None:
    """The ``translations`` command."""
    p = sub.add_parser("translations", help="list the Chinese translations that are missing "
                                            "or older than their English")
    p.add_argument("--check", action="store_true", help="exit 1 if any is")
    p.set_defaults(func=_cmd_translations)
