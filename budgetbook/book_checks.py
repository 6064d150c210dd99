"""The book checks itself: what every build verifies over the pages it wrote.

After Sphinx has written an edition's pages, :func:`check_site` reads them back and
checks the book as one body of statements:

- **claims**: the ledger of every page (:mod:`budgetbook.claims`) has one value per name
  and one count per population; it is written to the site as ``claims.csv``;
- **pointers**: every link a sentence points with (``budgetbook-pointer``) and every link to
  a section of a page finds its page and its anchor, the claims it names with the same
  value there, and the texts it names;
- **readers' text**: no table shows a code of the data, a column name or a float's noise;
- **units**: every chart records one unit per axis, and its rows agree;
- **languages**: on an English page, Chinese is marked ``lang="zh"``, and a quotation of the
  source in the book's translation says so.

The results go to ``checks.csv`` and into the Status page (its block marked
``budgetbook-checks``); a problem is a build warning, so ``-W`` fails on it. The same
page checks serve the browser test, on each page as Chromium renders it.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd

from . import claims

# A code of the data's vocabularies or a column name ('not_met', a measure column); a float
# shown with its noise (five decimals or more: a paragraph number has at most three).
CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
NOISE = re.compile(r"\b\d+\.\d{5,}\b")
FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|png|svg|html|ipynb|py|md|ttf|otf|json|yml|txt)\b")
# Headers that name a frame's internals, not what a column holds.
INTERNAL_HEADERS = {"label"}
_HAN_CHARS = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
HAN = re.compile(f"[{_HAN_CHARS}]")
# A run of Chinese as mark_chinese wraps it: Chinese characters, with the spaces, digits
# and punctuation between them (a paragraph number in Chinese is one run).
_HAN_RUN = re.compile(f"[{_HAN_CHARS}](?:[{_HAN_CHARS}\\s\\d.,:;%—-]*[{_HAN_CHARS}])?")
# How a page says it quotes the source's words in the book's English.
TRANSLATION_MARK = "(our translation)"
# Phrases that introduce the source's words in the book's English.
QUOTING = re.compile(r"the text says:?\s*[“\"]")
# Headers of columns that hold the source's words (in English, the book's translation), as
# they would read unmarked.
QUOTING_HEADERS = {"statement", "reason given in the text", "reason"}
# The block of the Status page the build fills with the checks' results.
CHECKS_MARKER = "budgetbook-checks"
# The checks, in the order the Status page lists them: (key, what it verifies).
CHECKS = {
    "claims": ("One value per claim", "每项声明只有一个数值"),
    "populations": ("One count per population", "每个总体只有一个计数"),
    "pointers": ("Every pointer and section link resolves and holds what it says",
                 "每个指向和章节链接都能找到目标，且目标含有所述内容"),
    "readers_text": ("No data code, column name or float noise in a table",
                     "表中没有数据代码、列名或浮点误差"),
    "units": ("One unit per chart axis", "每条图轴只有一个单位"),
    "languages": ("Chinese marked as Chinese; the book's translations marked",
                  "中文标注为中文；本书的译文有标注"),
}


def _skip(markup: str) -> str:
    """``markup`` without what a reader does not read as the page's text: scripts, styles,
    code (input cells, ``pre``, ``code``)."""
    out = re.sub(r"<(script|style|pre|code|textarea)\b.*?</\1>", " ", markup, flags=re.S)
    return out


def _text(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


def article(markup: str) -> str:
    """The page's own content (its ``<article>``, else its ``<main>``, else all of it)."""
    for tag in ("article", "main"):
        m = re.search(rf"<{tag}\b.*?</{tag}>", markup, flags=re.S)
        if m:
            return m.group(0)
    return markup


def _lists_identifiers(markup: str, start: int) -> bool:
    """Whether the table opening at ``start`` lists identifiers by design: one the book
    marks so (``budgetbook-identifiers``), or MyST-NB's execution table (in its
    ``budgetbook-exec-table`` container), which names the pages by their documents."""
    opening = markup[start:markup.find(">", start) + 1]
    return ("budgetbook-identifiers" in opening
            or "budgetbook-exec-table" in markup[max(0, start - 200):start])


def _tables(markup: str):
    """Each table of ``markup``: (whether it lists identifiers by design, its header cells,
    every cell)."""
    for m in re.finditer(r"<table\b[^>]*>(.*?)</table>", markup, flags=re.S):
        cells = re.findall(r"<(t[hd])\b[^>]*>(.*?)</t[hd]>", m.group(1), flags=re.S)
        heads = [_text(c) for tag, c in cells if tag == "th"]
        yield (_lists_identifiers(markup, m.start()), heads,
               [(tag, _text(c)) for tag, c in cells])


def reader_text_problems(markup: str) -> list[str]:
    """Data codes, column names and floats' noise in what a reader reads: every table
    cell, folded ones included (a table that lists identifiers by design,
    ``budgetbook-identifiers``, may name them), and every CSV a table offers: its header,
    and its values apart from a column named exact."""
    out = []
    body = _skip(article(markup))
    for identifiers, _, cells in _tables(body):
        for tag, text in cells:
            text = FILE_NAME.sub(" ", text)
            if not identifiers:
                out += [f"code {c!r}" for c in CODE.findall(text)]
            out += [f"float noise {f}" for f in NOISE.findall(text)]
            if tag == "th" and text.strip() in INTERNAL_HEADERS:
                out.append(f"internal header {text.strip()!r}")
    for name, href, identifiers in _downloads(article(markup)):
        csv = unquote(href.split(",", 1)[1])
        header = csv.split("\n", 1)[0]
        if not identifiers:
            out += [f"code {c!r} in {name}'s header"
                    for c in CODE.findall(FILE_NAME.sub(" ", header))]
        out += [f"internal header {h!r} in {name}" for h in header.split(",")
                if h in INTERNAL_HEADERS]
        if not re.search(r"exact|精确值", header):
            out += [f"float noise {f} in {name}" for f in NOISE.findall(csv)[:1]]
    return sorted(set(out))


def _downloads(markup: str):
    """Each CSV a table offers: (file name, data URL, whether its table lists identifiers
    by design)."""
    for m in re.finditer(r'<a download="([^"]+)" href="(data:text/csv[^"]*)"', markup):
        table = markup.rfind("<table", 0, m.start())
        yield (html_lib.unescape(m.group(1)), html_lib.unescape(m.group(2)),
               table >= 0 and _lists_identifiers(markup, table))


def unit_problems(markup: str) -> list[str]:
    """Every chart records the unit of each axis (``data-units``, one per panel), and where
    its numbers carry a unit column, the rows of one axis are all in its unit."""
    out = []
    for m in re.finditer(r'<figure class="budgetbook-chart"([^>]*)>(.*?)</figure>',
                         markup, flags=re.S):
        alt = re.search(r'alt="([^"]*)"', m.group(2))
        title = html_lib.unescape(alt.group(1))[:60] if alt else "a chart"
        units = re.search(r'data-units="([^"]*)"', m.group(1))
        try:
            units = json.loads(html_lib.unescape(units.group(1))) if units else None
        except ValueError:
            units = None
        if not isinstance(units, list) or not units or not all(units):
            out.append(f"{title}: no unit recorded per axis")
            continue
        for _, heads, cells in _tables(m.group(2)):
            if "unit" not in heads and "单位" not in heads:
                continue
            col = heads.index("unit") if "unit" in heads else heads.index("单位")
            rows = [c for tag, c in cells if tag == "td"]
            column = rows[col::len(heads)]
            if len(units) == 1 and len(set(column)) > 1:
                out.append(f"{title}: two units on one axis ({', '.join(sorted(set(column)))})")
            elif len(units) > 1 and column != [str(u) for u in units]:
                out.append(f"{title}: a panel drawn in another unit than its row's")
    return out


def language_problems(markup: str, language: str) -> list[str]:
    """On an English page: Chinese text outside an element marked ``lang="zh"`` (code
    apart), and the source's words quoted without saying they are the book's translation."""
    if language != "en":
        return []
    out = []
    body = _skip(article(markup))
    zh = []  # the stack of open elements: is each (or an element around it) lang="zh"?
    for token in re.split(r"(<[^>]+>)", body):
        if token.startswith("<!"):
            continue  # a comment
        if token.startswith("</"):
            if zh:
                zh.pop()
        elif token.startswith("<"):
            if not token.endswith("/>") and not re.match(
                    r"<(br|img|hr|meta|link|input|wbr|source)\b", token):
                inherited = zh[-1] if zh else False
                lang = re.search(r'\blang="([^"]*)"', token)
                zh.append(lang.group(1).startswith("zh") if lang else inherited)
        elif HAN.search(token) and not (zh and zh[-1]):
            words = "".join(re.findall(f"{HAN.pattern}+", _text(token)))[:20]
            out.append(f"Chinese not marked lang=\"zh\": {words!r}")
    text = _text(body)
    out += [f"the source quoted without '{TRANSLATION_MARK}': "
            f"{text[max(0, m.start() - 30):m.end() + 30]!r}" for m in QUOTING.finditer(text)]
    # a table of the source's words in English says whose English it is
    for _, heads, _ in _tables(body):
        out += [f"a column of the source's words without '{TRANSLATION_MARK}': {h!r}"
                for h in heads if h.strip() in QUOTING_HEADERS]
    return out[:20]


def mark_chinese(markup: str) -> str:
    """``markup`` (an English page's body) with every run of Chinese text that is not code
    wrapped in ``<span lang="zh">``, so screen readers and search read it as Chinese
    (WCAG 3.1.2); tags, attributes, scripts and code are left as they are."""
    out, skip = [], 0
    for token in re.split(r"(<[^>]+>)", markup):
        if token.startswith("<"):
            if re.match(r"<(script|style|pre|code|textarea)\b", token):
                skip += 1
            elif re.match(r"</(script|style|pre|code|textarea)\b", token):
                skip = max(0, skip - 1)
            out.append(token)
        elif skip or not HAN.search(token):
            out.append(token)
        else:
            out.append(_HAN_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', token))
    return "".join(out)


def page_claims(markup: str) -> list[dict]:
    """The claims a page's ledger block holds (none if it has none)."""
    found = []
    for m in re.finditer(rf'<script type="application/json" class="{claims.MARKER}">.*?'
                         r"</script>", markup, flags=re.S):
        found += claims.read_block(m.group(0)) or []
    return found


def _ids(markup: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', markup))


def pointer_problems(pages: dict[str, str], ledger: pd.DataFrame) -> list[str]:
    """Every pointer of every page (``pages``: page -> HTML, pages named by their path in
    the site) and every link to a section of a page of the site: the page and the anchor
    exist; a pointer's ``data-holds`` claims stand on the target page with this page's
    values; its ``data-shows`` texts stand in the target's text."""
    out = []
    values = {(r.page, r.name): str(r.value) for r in ledger.itertuples()} if len(ledger) else {}
    texts, ids = {}, {}  # each target page's text and ids, found once
    for page, markup in pages.items():
        body = article(markup)
        for m in re.finditer(r"<a\b([^>]*)>", body):
            attrs = m.group(1)
            href = re.search(r'href="([^"]*)"', attrs)
            if not href:
                continue
            href = html_lib.unescape(href.group(1))
            pointer = "budgetbook-pointer" in attrs
            if not pointer and ("#" not in href or href.startswith(("http", "data:", "mailto"))):
                continue
            path, _, anchor = href.partition("#")
            target = page if not path else _resolve(page, path)
            if target not in pages:
                if pointer or target.endswith(".html"):
                    out.append(f"{page}: {href} points to a page the site lacks")
                continue
            if target not in ids:
                ids[target] = _ids(pages[target])
            if anchor and anchor not in ids[target]:
                out.append(f"{page}: {href} points to an anchor {target} lacks")
            if not pointer:
                continue
            holds = re.search(r'data-holds="([^"]*)"', attrs)
            for name in (holds.group(1).split() if holds else []):
                here, there = values.get((page, name)), values.get((target, name))
                if there is None:
                    out.append(f"{page}: its pointer to {target} names {name}, which "
                               f"{target} does not state")
                elif here != there:
                    out.append(f"{page}: {name} = {here}, but {target}, which it points "
                               f"to, states {there}")
            shows = re.search(r'data-shows="([^"]*)"', attrs)
            if shows:
                if target not in texts:
                    texts[target] = _text(article(pages[target]))
                out += [f"{page}: its pointer to {target} names {s!r}, which {target} does "
                        f"not show" for s in html_lib.unescape(shows.group(1)).split()
                        if s not in texts[target]]
    return sorted(set(out))


def _resolve(page: str, path: str) -> str:
    """A relative link of the page ``page`` ('notebooks/sp3.html') as a page of the site."""
    parts = page.split("/")[:-1]
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def lists_identifiers(page: str) -> bool:
    """Whether a page of the site (its path: 'book/api.html') names Python identifiers by
    design, so the readers'-text check does not apply: the API reference, Sphinx's index
    of Python names and its search page."""
    return page.startswith(("genindex", "search")) or page.rsplit("/", 1)[-1] == "api.html"


def site_pages(outdir: Path, docnames=None) -> dict[str, str]:
    """The pages of a built site (``outdir``): path in the site -> HTML; ``docnames``: the
    documents of the book (else every ``.html`` file but Sphinx's own pages)."""
    outdir = Path(outdir)
    if docnames is not None:
        files = [outdir / f"{d}.html" for d in sorted(docnames)]
    else:
        files = [p for p in sorted(outdir.rglob("*.html"))
                 if not {"_static", "_sources", "_images"} & set(p.relative_to(outdir).parts)]
    return {p.relative_to(outdir).as_posix(): p.read_text(encoding="utf-8")
            for p in files if p.is_file()}


def check_site(outdir: Path, language: str, docnames=None
               ) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Every check over an edition's built pages: the ledger of claims (every page's, with
    its page and edition) and each check's problems (:data:`CHECKS`)."""
    pages = site_pages(outdir, docnames)
    rows = [{**c, "page": page, "edition": language}
            for page, markup in pages.items() for c in page_claims(markup)]
    ledger = pd.DataFrame(rows, columns=claims.COLUMNS)
    found = claims.problems(ledger)
    result = {
        "claims": [p for p in found if "has two values" in p],
        "populations": [p for p in found if "has two values" not in p],
        "pointers": pointer_problems(pages, ledger),
        "readers_text": [f"{page}: {p}" for page, markup in pages.items()
                         if not lists_identifiers(page)
                         for p in reader_text_problems(markup)],
        "units": [f"{page}: {p}" for page, markup in pages.items()
                  for p in unit_problems(markup)],
        "languages": [f"{page}: {p}" for page, markup in pages.items()
                      for p in language_problems(markup, language)],
    }
    return ledger, result


def report_html(ledger: pd.DataFrame, result: dict[str, list[str]], language: str) -> str:
    """The Status page's table of the checks: each with its result for this build."""
    from .render import escape
    zh = language == "zh"
    head = ("检查", "结果") if zh else ("check", "result")
    rows = []
    for key, names in CHECKS.items():
        problems = result.get(key, [])
        if problems:
            shown = "; ".join(problems[:3]) + (" …" if len(problems) > 3 else "")
            verdict = (f"{len(problems)} 个问题：" if zh else
                       f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: ") + shown
        else:
            verdict = "通过" if zh else "passed"
        rows.append(f"<tr><td>{escape(names[1] if zh else names[0])}</td>"
                    f"<td>{escape(verdict)}</td></tr>")
    n, pages = len(ledger), ledger["page"].nunique() if len(ledger) else 0
    summary = (f"本次构建检查了 {pages} 个页面上的 {n} 项声明（claims.csv）。" if zh else
               f"This build checked {n} claims on {pages} pages (claims.csv).")
    # the problems quote what they found (codes included): a table of identifiers
    return (f'<p>{escape(summary)}</p><table class="budgetbook-table table '
            f'budgetbook-identifiers"><thead><tr>'
            f'<th scope="col">{head[0]}</th><th scope="col">{head[1]}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def fill_status(page: Path, block: str) -> bool:
    """Put ``block`` into the Status page's checks block (between its markers); whether
    the page holds one."""
    if not page.is_file():
        return False
    markup = page.read_text(encoding="utf-8")
    pattern = re.compile(rf'(<div class="{CHECKS_MARKER}">).*?(</div><!--/{CHECKS_MARKER}-->)',
                         flags=re.S)
    if not pattern.search(markup):
        return False
    page.write_text(pattern.sub(lambda m: m.group(1) + block + m.group(2), markup, count=1),
                    encoding="utf-8")
    return True


def status_block():
    """The Status page's checks block as the notebook shows it, with links to the files the
    build writes: the build fills it in with each check's result (:func:`fill_status`) once
    every page is written."""
    from . import config
    from .language import current, t
    from .render import Note, escape
    up = "../" * config.in_edition("book/status", current()).count("/")
    files = t("Every claim of every page: {claims}; every problem found: {checks}.",
              "每个页面的每项声明：{claims}；发现的每个问题：{checks}。").format(
        claims=f'<a href="{up}{LEDGER_FILE}">{LEDGER_FILE}</a>',
        checks=f'<a href="{up}{CHECKS_FILE}">{CHECKS_FILE}</a>')
    text = t("The checks of this build are filled in when the build has written every page.",
             "本次构建的检查结果在构建写完所有页面后填入。")
    return Note(f"<p>{files}</p>"
                f'<div class="{CHECKS_MARKER}"><p>{escape(text)}</p></div><!--/{CHECKS_MARKER}-->',
                text)


def edition_problems(ledgers: dict[str, pd.DataFrame]) -> list[str]:
    """Claims the editions do not share (``ledgers``: each edition's claims.csv): every
    name stated in one edition is stated in the other, with the same value."""
    if len(ledgers) < 2:
        return []
    both = pd.concat(ledgers.values(), ignore_index=True)
    out = [p for p in claims.problems(both) if "has two values" in p]
    names = {edition: set(ledger["name"]) for edition, ledger in ledgers.items()}
    every = set.union(*names.values())
    for edition, have in names.items():
        missing = sorted(every - have)
        if missing:
            out.append(f"the {edition} edition states no {', '.join(missing[:5])}"
                       + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    return out


def read_ledger(site: Path) -> pd.DataFrame:
    """An edition's claims.csv, as the build wrote it into its site."""
    return pd.read_csv(Path(site) / LEDGER_FILE, dtype=str, keep_default_na=False)


# The files the build writes into each edition's site.
LEDGER_FILE = "claims.csv"
CHECKS_FILE = "checks.csv"


def write_results(outdir: Path, ledger: pd.DataFrame, result: dict[str, list[str]]) -> None:
    """Write the ledger (``claims.csv``) and the checks' problems (``checks.csv``: check,
    problem; a check without problems has one row with none) into the site."""
    outdir = Path(outdir)
    ledger.to_csv(outdir / LEDGER_FILE, index=False, lineterminator="\n")
    rows = [{"check": CHECKS[k][0], "problem": p} for k in CHECKS for p in result.get(k, [])]
    rows += [{"check": CHECKS[k][0], "problem": ""} for k in CHECKS if not result.get(k)]
    pd.DataFrame(rows, columns=["check", "problem"]).to_csv(
        outdir / CHECKS_FILE, index=False, lineterminator="\n")


def after_pages(app, language: str):
    """Once every page is written (Sphinx's html-collect-pages): check the edition, write
    its results and fill the Status page; each problem is a warning (an error under -W)."""
    from sphinx.util import logging

    from . import config
    if getattr(app.builder, "format", "") != "html":
        return []
    outdir = Path(app.outdir)
    ledger, result = check_site(outdir, language, app.env.found_docs)
    write_results(outdir, ledger, result)
    status = outdir / f"{config.in_edition('book/status', language)}.html"
    fill_status(status, report_html(ledger, result, language))
    logger = logging.getLogger(__name__)
    for key, problems in result.items():
        for problem in problems:
            logger.warning(f"budgetbook check ({CHECKS[key][0]}): {problem}")
    return []


def mark_page(context: dict, language: str) -> None:
    """An English page's Chinese marked lang="zh" (Sphinx's html-page-context ``context``)."""
    if "body" in context and language == "en":
        context["body"] = mark_chinese(context["body"])
