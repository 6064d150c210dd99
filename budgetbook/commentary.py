"""Written commentary, bound to the data it was written for.

Each chapter's commentary lives in ``book/commentary/<id>.md``. Its front matter names the
document (``written_for``) and, per data file, a fingerprint of the rows the commentary
discusses (``written_on``): the chapter's own rows of every file with a subprogramme
column, plus the edition record; for the programme overview, every row of every file.
On other data (a corrected copy, another edition) the page shows the commentary under a
notice that names the files whose rows changed: never silently. After re-reading a
commentary against changed data, ``python -m budgetbook chapters --stamp <id>`` records
the new fingerprints.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .config import PROGRAMME_ID
from .edition import edition_of
from .language import t
from .render import Note, escape

FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n\n(.*)$", re.S)


class CommentaryError(ValueError):
    """A commentary file that lacks its front matter or its document."""


@dataclass
class Commentary:
    """A chapter's written commentary, the document it was written for, and the
    fingerprints of the rows it was written on (file name -> fingerprint)."""

    written_for: str
    text: str
    written_on: dict[str, str] = field(default_factory=dict)
    # Other front matter, kept as written (a translation's ``translation_of`` record).
    other: dict = field(default_factory=dict)


def read_commentary(path: Path) -> Commentary:
    """Read ``book/commentary/<id>.md``: front matter (``written_for: <symbol>``, and
    ``written_on:`` fingerprints), a blank line, then the text."""
    raw = Path(path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(raw)
    meta = yaml.safe_load(match.group(1)) if match else None
    if not isinstance(meta, dict) or not meta.get("written_for"):
        raise CommentaryError(f"{path}: must start with '---', 'written_for: <document "
                              f"symbol>', '---' and a blank line")
    return Commentary(str(meta["written_for"]).strip(), match.group(2).strip(),
                      {str(k): str(v) for k, v in (meta.get("written_on") or {}).items()},
                      {k: v for k, v in meta.items() if k not in ("written_for", "written_on")})


def write_commentary(path: Path, commentary: Commentary) -> None:
    """Write a commentary file (the inverse of :func:`read_commentary`)."""
    meta = yaml.safe_dump({"written_for": commentary.written_for,
                           "written_on": dict(sorted(commentary.written_on.items())),
                           **commentary.other},
                          sort_keys=False, allow_unicode=True, width=1000)
    Path(path).write_text(f"---\n{meta.strip()}\n---\n\n{commentary.text}\n", encoding="utf-8")


def rows_discussed(tables, sp: str) -> dict[str, "object"]:
    """The rows a chapter's commentary is about, per data file: the edition record, and
    the chapter's rows of every file with a subprogramme column (every row, for the
    programme overview)."""
    out = {}
    for name, df in sorted(tables.items()):
        if sp == PROGRAMME_ID or name == "edition":
            out[name] = df
        elif name == "subprogrammes":
            out[name] = df[df["id"] == sp]
        elif "subprogramme" in df.columns:
            out[name] = df[df["subprogramme"] == sp]
    return out


def fingerprints(tables, sp: str) -> dict[str, str]:
    """A short hash of each file's rows that :func:`rows_discussed` selects."""
    return {f"{name}.csv": hashlib.sha256(
                df.to_csv(index=False, lineterminator="\n").encode("utf-8")).hexdigest()[:12]
            for name, df in rows_discussed(tables, sp).items()}


def notice(tables, sp: str, written_for: str | None,
           written_on: dict[str, str] | None = None) -> Note:
    """Nothing when the data are the data the commentary was written on; else a warning
    above the commentary: another document, or the files whose rows have changed since."""
    edition = edition_of(tables)
    if written_for is None:  # the template itself: no commentary to vouch for
        return Note("", "")
    if edition.symbol != written_for:
        text = t(f"The commentary below was written for {written_for}; the numbers on this "
                 f"page are from {edition.symbol}. Read it as about that document, not these "
                 f"numbers.",
                 f"下文评述是针对 {written_for} 撰写的；本页的数字来自 {edition.symbol}。"
                 f"请将评述理解为对该文件的评述，而不是对这些数字的评述。")
    else:
        now = fingerprints(tables, sp)
        changed = sorted(f for f in set(now) | set(written_on or {})
                         if now.get(f) != (written_on or {}).get(f))
        if not changed:
            return Note("", "")
        text = t(f"The commentary below was written for the published figures of "
                 f"{written_for}. The data on this page differ from them "
                 f"({', '.join(changed)}), so where the commentary and the numbers above "
                 f"disagree, the numbers are the current ones.",
                 f"下文评述是针对 {written_for} 公布的数字撰写的。本页的数据与之不同"
                 f"（{'、'.join(changed)}），因此，评述与上文数字不一致之处，以上文的当前数字"
                 f"为准。")
    return Note(f'<div class="admonition warning"><p>{escape(text)}</p></div>', text)
