"""The chapter notebooks, generated from one committed template.

``notebooks/_chapter_template.py`` is a runnable chapter for any subprogramme (its
``subprogramme`` parameter). ``python -m budgetbook chapters`` writes, for every chapter
the table of contents lists (:func:`budgetbook.config.notebooks`), ``notebooks/<stem>.py``:
the template with the chapter's title, its id as the parameter's default and as the id
the notebook is written for, and its written commentary (``book/commentary/<id>.md``,
whose front matter names the document it was written for) merged in. ``--check`` only
compares. Then ``jupytext --sync`` and ``python -m budgetbook refresh`` bring the
``.ipynb`` side and its stored outputs up to date.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import config

TITLE = "# # A subprogramme chapter\n"
CHECK = "sp = chapter.check_subprogramme(tables, subprogramme)\n"
NOTE = "chapter.commentary_note(tables, written_for=None)\n"
PLACEHOLDER = re.compile(r"^# \*Each chapter's written commentary.*?\*\n(?=\n)", re.M | re.S)
PARAMETER = re.compile(r'^subprogramme = ".*"\n', re.M)


class TemplateError(ValueError):
    """The template or a commentary file lacks a part the generator fills in."""


@dataclass
class Commentary:
    """A chapter's written commentary and the document it was written for."""

    written_for: str
    text: str


def read_commentary(path: Path) -> Commentary:
    """Read ``book/commentary/<id>.md``: front matter ``written_for: <symbol>``, then text."""
    raw = Path(path).read_text(encoding="utf-8")
    match = re.match(r"^---\nwritten_for: (.+)\n---\n\n(.*)$", raw, re.S)
    if not match:
        raise TemplateError(f"{path}: must start with '---', 'written_for: <document symbol>', "
                            f"'---' and a blank line")
    return Commentary(match.group(1).strip(), match.group(2).strip())


def _once(text: str, old, new: str, what: str) -> str:
    count = len(old.findall(text)) if isinstance(old, re.Pattern) else text.count(old)
    if count != 1:
        raise TemplateError(f"{config.CHAPTER_TEMPLATE.name}: expected {what} once, found "
                            f"{count}")
    return old.sub(lambda _: new, text) if isinstance(old, re.Pattern) else text.replace(old, new)


def render(template: str, sp: str, title: str, commentary: Commentary) -> str:
    """The chapter notebook of ``sp`` (py:percent text) from the template's text."""
    text = _once(template, TITLE, f"# # {title}\n", "the title line")
    text = _once(text, PARAMETER, f'subprogramme = "{sp}"\n', "the subprogramme parameter")
    text = _once(text, CHECK, CHECK.replace(")\n", f', written_for="{sp}")\n'),
                 "the check_subprogramme call")
    text = _once(text, NOTE, NOTE.replace("None", f'"{commentary.written_for}"'),
                 "the commentary_note call")
    body = "\n".join(f"# {line}" if line else "#" for line in commentary.text.split("\n"))
    return _once(text, PLACEHOLDER, body + "\n", "the commentary placeholder")


def expected(data_dir=None) -> dict[Path, str]:
    """Every chapter notebook's path and the text the template gives for it."""
    from .chapter import subprogramme_label
    from .loading import load_all

    tables = load_all(data_dir)
    titles = dict(zip(tables["subprogrammes"]["id"], tables["subprogrammes"]["title_en"]))
    template = config.CHAPTER_TEMPLATE.read_text(encoding="utf-8")
    out = {}
    for sp, stem in config.notebooks().items():
        if sp == config.PROGRAMME_ID:
            continue  # the overview is a notebook of its own
        if sp not in titles:
            raise TemplateError(f"_toc.yml lists notebooks/{stem}, but subprogrammes.csv has "
                                f"no subprogramme {sp!r}")
        commentary = read_commentary(config.COMMENTARY_DIR / f"{sp}.md")
        out[config.NOTEBOOKS_DIR / f"{stem}.py"] = render(
            template, sp, f"{subprogramme_label(tables, sp)}: {titles[sp]}", commentary)
    return out


def _cmd_chapters(args) -> int:
    try:
        wanted = expected(args.data_dir)
    except (TemplateError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stale = [p for p, text in wanted.items()
             if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(config.PROJECT_ROOT)} differs from what the template "
                  f"gives: run 'python -m budgetbook chapters'", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
        rel = path.relative_to(config.PROJECT_ROOT)
        print(f"wrote {rel}; now: jupytext --sync {rel} && python -m budgetbook refresh -s "
              f"{config.notebook_id(path.stem)}")
    if not stale:
        print(f"all {len(wanted)} chapter notebooks match the template")
    return 0


def add_chapters_parser(sub) -> None:
    """The ``chapters`` command."""
    p = sub.add_parser("chapters", help="regenerate the chapter notebooks from the template")
    p.add_argument("--check", action="store_true",
                   help="exit 1 if a chapter notebook differs from what the template gives")
    p.add_argument("--data-dir", help="data directory for the titles (default: data/)")
    p.set_defaults(func=_cmd_chapters)
