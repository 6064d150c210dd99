"""The chapter notebooks, generated from one committed template.

``notebooks/_chapter_template.py`` is a runnable chapter for any subprogramme (its
``subprogramme`` parameter). ``python -m budgetbook chapters`` writes, for every chapter
the table of contents lists (:func:`budgetbook.config.notebooks`), ``notebooks/<stem>.py``:
the template with the chapter's title, its id as the parameter's default and as the id
the notebook is written for, and its written commentary (``book/commentary/<id>.md``, see
:mod:`budgetbook.commentary`) merged in, with the document and the data fingerprints it
was written on. The overview (``00_overview.py``) is written by hand; only its commentary
(``book/commentary/programme.md``) is merged the same way. The Chinese edition's notebooks,
``notebooks/zh/<stem>.py``, are the same notebooks with their markdown cells translated
(:mod:`budgetbook.translations`), ``language = "zh"``, a Chinese title and the translated
commentary (``book/commentary/zh/<id>.md``): their code cells are the English ones.
``--check`` only compares;
``--stamp ID`` records the current data's fingerprints in a commentary file (after
re-reading it against them). Then ``jupytext --sync`` and ``python -m budgetbook refresh``
bring the ``.ipynb`` side and its stored outputs up to date.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from . import config
from .commentary import (Commentary, CommentaryError, fingerprints, read_commentary,
                         write_commentary)
from .translations import COMMENTARY_HEADINGS, ZH, TranslationError

TITLE = re.compile(r"^# # .*\n", re.M)  # the template's title line, in either language
CHECK = "sp = views.check_subprogramme(tables, subprogramme)\n"
PARAMETER = re.compile(r'^subprogramme = ".*"\n', re.M)
# The notice call above the commentary, and the commentary cell's text (up to the next cell).
NOTICE = re.compile(r"^commentary\.notice\(tables, sp, written_for=.*?\)\n", re.M | re.S)


class TemplateError(ValueError):
    """The template or a commentary file lacks a part the generator fills in."""


def _once(text: str, old, new: str, what: str, name: str) -> str:
    count = len(old.findall(text)) if isinstance(old, re.Pattern) else text.count(old)
    if count != 1:
        raise TemplateError(f"{name}: expected {what} once, found {count}")
    return old.sub(lambda _: new, text, count=1) if isinstance(old, re.Pattern) else (
        text.replace(old, new))


def notice_call(commentary: Commentary) -> str:
    """The notebook line that shows the commentary's notice (see
    :func:`budgetbook.commentary.notice`), with its document and fingerprints."""
    pad = " " * len("commentary.notice(")
    lines = [f'commentary.notice(tables, sp, written_for="{commentary.written_for}",']
    entries = sorted(commentary.written_on.items())
    if not entries:
        return lines[0][:-1] + ")\n"
    lines.append(f"{pad}written_on={{")
    lines += [f'{pad}    "{name}": "{digest}",' for name, digest in entries]
    lines.append(f"{pad}}})")
    return "\n".join(lines) + "\n"


def _commentary_cell(language: str) -> re.Pattern:
    # The commentary cell's text, up to the next cell.
    heading = re.escape(COMMENTARY_HEADINGS[language])
    return re.compile(rf"^# %% \[markdown\]\n# {heading}\n#?\n?.*?(?=\n# %%)", re.M | re.S)


def merge_commentary(text: str, commentary: Commentary, name: str,
                     language: str = "en") -> str:
    """A notebook's text (py:percent) with its commentary cell and notice call replaced."""
    text = _once(text, NOTICE, notice_call(commentary), "the commentary.notice call", name)
    body = "\n".join(f"# {line}" if line else "#" for line in commentary.text.split("\n"))
    heading = COMMENTARY_HEADINGS[language]
    return _once(text, _commentary_cell(language), f"# %% [markdown]\n# {heading}\n#\n" + body
                 + "\n", f"the '{heading}' cell", name)


def render(template: str, sp: str, title: str, commentary: Commentary,
           language: str = "en") -> str:
    """The chapter notebook of ``sp`` (py:percent text) from the template's text (in
    ``language``: the Chinese template is the English one translated, see
    :func:`budgetbook.translations.translate_notebook`)."""
    name = config.CHAPTER_TEMPLATE.name
    text = _once(template, TITLE, f"# # {title}\n", "the title line", name)
    text = _once(text, PARAMETER, f'subprogramme = "{sp}"\n', "the subprogramme parameter",
                 name)
    text = _once(text, CHECK, CHECK.replace(")\n", f', written_for="{sp}")\n'),
                 "the check_subprogramme call", name)
    return merge_commentary(text, commentary, name, language)


def commentary_path(sp: str, language: str = "en") -> Path:
    """Where a chapter's written commentary is kept (its translation: in a language
    folder beside it)."""
    return config.COMMENTARY_DIR / config.EDITION_DIRS[language] / f"{sp}.md"


def notebook_path(stem: str, language: str = "en") -> Path:
    """A chapter notebook's .py in an edition: notebooks/<stem>.py, notebooks/zh/<stem>.py."""
    return config.NOTEBOOKS_DIR / config.EDITION_DIRS[language] / f"{stem}.py"


def expected(data_dir=None, problems: list | None = None) -> dict[Path, str]:
    """Every chapter notebook's path and the text the template gives for it, in both
    editions (for the overview: its own text with its commentary merged in; in Chinese,
    translated from it). Translation problems (stale or missing translations) are appended
    to ``problems``."""
    from .language import using
    from .loading import load_all
    from .translations import catalogue_path, read_catalogue, translate_notebook
    from .views import subprogramme_label

    problems = [] if problems is None else problems
    tables = load_all(data_dir)
    subs = tables["subprogrammes"]
    template = config.CHAPTER_TEMPLATE.read_text(encoding="utf-8")
    name = config.CHAPTER_TEMPLATE.name
    templates = {"en": template}
    templates[ZH], found = translate_notebook(
        template, read_catalogue(catalogue_path(config.CHAPTER_TEMPLATE)), name)
    problems += found
    out = {}
    for language in ("en", ZH):
        with using(language):
            titles = dict(zip(subs["id"], subs[f"title_{language}"]))
            labels = {sp: subprogramme_label(tables, sp) for sp in subs["id"]}
        colon = "：" if language == ZH else ": "
        for sp, stem in config.notebooks().items():
            path = notebook_path(stem, language)
            commentary = read_commentary(commentary_path(sp, language))
            if sp == config.PROGRAMME_ID:
                english = notebook_path(stem)
                text = english.read_text(encoding="utf-8")
                if language == ZH:
                    text, found = translate_notebook(
                        text, read_catalogue(catalogue_path(english)), english.name)
                    problems += found
                out[path] = merge_commentary(text, commentary, path.name, language)
                continue
            if sp not in titles:
                raise TemplateError(f"_toc.yml lists notebooks/{stem}, but subprogrammes.csv "
                                    f"has no subprogramme {sp!r}")
            out[path] = render(templates[language], sp, f"{labels[sp]}{colon}{titles[sp]}",
                               commentary, language)
    return out


def stamp(ids: list[str], data_dir=None) -> list[Path]:
    """Record the data's current fingerprints in these chapters' commentary files and their
    translations (what a maintainer runs after re-reading each commentary against changed
    data)."""
    from .loading import load_all

    tables = load_all(data_dir)
    known = config.notebooks()
    written = []
    for sp in ids:
        if sp not in known:
            raise TemplateError(f"unknown chapter id {sp!r}; choose from: {', '.join(known)}")
        # The translation is stamped with the same fingerprints: it is about the same rows.
        for language in ("en", ZH):
            path = commentary_path(sp, language)
            if language != "en" and not path.is_file():
                continue  # not translated yet: `translations` lists it
            commentary = read_commentary(path)
            commentary.written_on = fingerprints(tables, sp)
            write_commentary(path, commentary)
            written.append(path)
    return written


def _cmd_chapters(args) -> int:
    try:
        if args.stamp:
            ids = list(config.notebooks()) if args.stamp == ["all"] else args.stamp
            for path in stamp(ids, args.data_dir):
                print(f"stamped {path.relative_to(config.PROJECT_ROOT)} with the data's "
                      f"fingerprints")
        problems: list[str] = []
        wanted = expected(args.data_dir, problems)
    except (TemplateError, CommentaryError, TranslationError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:  # the Chinese pages show these cells under a mark
        print(f"warning: {problem}", file=sys.stderr)
    stale = [p for p, text in wanted.items()
             if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(config.PROJECT_ROOT)} differs from what the template "
                  f"gives: run 'python -m budgetbook chapters'", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
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
    p.add_argument("--stamp", action="append", metavar="ID",
                   help="record the data's fingerprints in book/commentary/ID.md after "
                        "re-reading it ('all' for every chapter); repeatable")
    p.add_argument("--data-dir", help="data directory (default: data/)")
    p.set_defaults(func=_cmd_chapters)
