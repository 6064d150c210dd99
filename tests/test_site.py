"""The built site in a real browser: Debian's headless Chromium driven by Playwright.

Every page: images load (natural width > 0), no console errors, every chart image has alt
text, every internal link resolves; the search page finds a subprogramme by its name.
A screenshot of each page is kept in test-artifacts/screenshots/.
"""
import functools
import http.server
import json
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest

from budgetbook import config
from budgetbook.sphinx_ext import SWITCH_CLASS
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "test-artifacts" / "screenshots"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                 reason="Debian's chromium is not installed (.ci/run installs it)")]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(built_book):
    """Both editions' sites, served from the build folder that holds them (so that the
    link from each page to its counterpart in the other edition resolves): the served
    root, its URL, and each edition's site folder and URL."""
    root = built_book / "_build"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    sites = {lang: (built_book / path, f"{url}/{path.relative_to('_build').as_posix()}")
             for lang, path in config.EDITION_SITES.items()}
    yield root, url, sites
    server.shutdown()


@pytest.fixture(scope="module")
def site(served):
    """The English site: its folder and URL."""
    return served[2]["en"]


@pytest.fixture(scope="module")
def zh_site(served):
    """The Chinese site: its folder and URL."""
    return served[2][config.TRANSLATED]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _pages(html: Path):
    # index.html is Jupyter Book's redirect stub to the root page (checked separately)
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                  if str(p.relative_to(html)) != "index.html" and "_static" not in p.parts)


# axe-core, from the axe-playwright-python wheel (PyPI): nothing is fetched from a CDN.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules axe marks experimental are off unless named; these check WCAG 2.1 A and AA too.
AXE_EXPERIMENTAL = ["label-content-name-mismatch", "p-as-heading", "table-fake-caption",
                    "td-has-header"]
VIEWPORT = {"width": 1400, "height": 900}


def _axe_violations(page):
    from importlib.resources import files
    page.add_script_tag(path=str(files("axe_playwright_python") / "axe.min.js"))
    return page.evaluate(
        """async ([tags, extra]) => {
            const rules = Object.fromEntries(extra.map(r => [r, {enabled: true}]));
            // preload: false, or axe fetches the stylesheets again (and mis-resolves some)
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules,
                                               preload: false});
            return r.violations.map(v => `${v.id} (${v.nodes.length}): ` +
                                         v.nodes[0].html.slice(0, 120));
        }""", [AXE_TAGS, AXE_EXPERIMENTAL])


# Every page the build writes: the table of contents' pages, the search page and the
# general index (index.html is Jupyter Book's redirect stub, checked separately). One test
# per page, so that pytest-xdist spreads them over the cores.
EDITION_PAGES = {
    lang: [f"{entry}.html" for entry in config.toc_files(toc)] + ["genindex.html", "search.html"]
    for lang, toc in config.EDITION_TOCS.items()}
PAGES = EDITION_PAGES["en"]
CHAPTERS = {config.in_edition(f"notebooks/{stem}", lang) + ".html"
            for stem in config.notebooks().values() for lang in config.EDITION_TOCS}
OVERVIEWS = {config.in_edition(f"notebooks/{config.OVERVIEW_STEM}", lang) + ".html"
             for lang in config.EDITION_TOCS}
MAX_CHAPTER_HEIGHT = 7200  # px at 1400x900: eight screens, long lists folded


@pytest.mark.parametrize("lang", sorted(EDITION_PAGES))
def test_the_browser_checks_every_page_the_build_writes(lang, served):
    html, _ = served[2][lang]
    assert sorted(_pages(html)) == sorted(EDITION_PAGES[lang])


@pytest.mark.parametrize("lang, rel", [(lang, rel) for lang, pages in EDITION_PAGES.items()
                                       for rel in pages])
def test_page_in_the_browser(lang, rel, served, browser):
    """Images load, charts have alt text, internal links resolve (the other edition's
    counterpart included), no table needs sideways scrolling, no axe-core violation, no
    console error; and a chapter reads in eight screens, opens with At a glance in its
    first screen, and follows each table (a chart's numbers included) with its CSV
    download link. A page of the Chinese edition draws every Chinese character in a font
    that has it (no empty boxes)."""
    root, url, sites = served
    html, base = sites[lang]
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    page = browser.new_page(viewport=VIEWPORT)
    errors = []
    page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
    page.on("response", lambda r, e=errors: e.append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    page.goto(f"{base}/{rel}", wait_until="load")
    page.evaluate("document.fonts.ready")  # the book's Chinese font, before its glyphs count
    images = page.eval_on_selector_all(
        "img", "els => els.map(e => ({src: e.src.slice(0, 60), w: e.naturalWidth, "
               "alt: e.getAttribute('alt'), chart: !!e.closest('figure.budgetbook-chart')}))")
    for img in images:
        if img["w"] == 0:
            problems.append(("image does not load", img["src"]))
        if img["chart"] and not (img["alt"] or "").strip():
            problems.append(("chart without alt text", img["src"]))
    links = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.href).filter(h => h.startsWith(location.origin))")
    for link in set(links):
        target = link[len(url) + 1:].split("#")[0].split("?")[0]
        if target and not (root / target).exists():
            problems.append(("broken internal link", link))
    if rel.count("/") and f"class=\"{SWITCH_CLASS}\"" not in page.content():
        problems.append(("no link to the other edition", rel))
    # at 1400 px no table needs horizontal scrolling
    wide = page.eval_on_selector_all(
        ".budgetbook-table-wrap", "els => els.filter(e => e.offsetParent !== null && "
        "e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 60))")
    if wide:
        problems.append(("table wider than the text column", wide))
    if rel in CHAPTERS:
        problems += _chapter_problems(rel, page)
    problems += _book_problems(page, lang, rel)
    violations = _axe_violations(page)
    if violations:
        problems.append(("axe-core (WCAG 2.1 A/AA)", violations))
    if errors:
        problems.append(("console errors", errors))
    if lang != "en":
        problems += _glyph_problems(page)
        if rel not in ENGLISH_PAGES:
            problems += _english_problems(page)
    page.screenshot(path=str(SHOTS / (f"{lang}__" + rel.replace("/", "__") + ".png")),
                    full_page=False)
    page.close()
    assert not problems, (rel, problems)


def _book_problems(page, lang: str, rel: str) -> list:
    """The book's own page checks (budgetbook.book_checks, which every build runs on its
    written pages) on the page as Chromium renders it: no data code, column name or float
    noise in a table or a table's CSV; one unit per chart axis; on an English page, Chinese
    marked lang="zh" and the book's translations marked as such."""
    from budgetbook import book_checks

    markup = page.content()
    found = {"readers' text": [] if book_checks.lists_identifiers(rel)
             else book_checks.reader_text_problems(markup),
             "one unit per axis": book_checks.unit_problems(markup),
             "languages": book_checks.language_problems(markup, lang)}
    return [(name, problems) for name, problems in found.items() if problems]


# The font that must draw every Chinese character of a page: the book's own (Noto Sans SC,
# shipped in the site by budgetbook.webfont), not one of the system's, so the pages read
# the same on any machine, one without a Chinese font included.
CJK_FONTS = ("Noto Sans SC",)
HAN = r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]"


def _glyph_problems(page, limit: int = 150) -> list:
    """Chinese characters drawn as empty boxes: for each element with Chinese text of its
    own (up to ``limit``), the fonts Chromium actually used for that text (DevTools'
    CSS.getPlatformFontsForNode) must include a Chinese font that drew at least as many
    glyphs as the text has Chinese characters."""
    count = page.evaluate(
        """([han, limit]) => {
            const re = new RegExp(han, 'g');
            let i = 0;
            for (const el of document.querySelectorAll('body *')) {
                // drawn text only: not in a closed <details>, not an SVG <title>
                if (i >= limit || !el.checkVisibility() || !el.getClientRects().length
                    || el instanceof SVGElement) continue;
                const own = [...el.childNodes].filter(n => n.nodeType === 3)
                    .map(n => n.textContent).join('');
                const n = (own.match(re) || []).length;
                if (n) { el.setAttribute('data-glyph-check', i++); el.dataset.han = n; }
            }
            return i;
        }""", [HAN, limit])
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    problems = []
    for i in range(count):
        node = cdp.send("DOM.querySelector", {"nodeId": root,
                                              "selector": f'[data-glyph-check="{i}"]'})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        han = int(page.get_attribute(f'[data-glyph-check="{i}"]', "data-han"))
        drawn = sum(f["glyphCount"] for f in fonts
                    if f["familyName"].startswith(CJK_FONTS) and f.get("isCustomFont"))
        if drawn < han:
            text = page.eval_on_selector(f'[data-glyph-check="{i}"]',
                                         "el => el.tagName + ': ' + el.textContent.slice(0, 40)")
            problems.append(("Chinese drawn without a Chinese font", text,
                             [(f["familyName"], f["glyphCount"]) for f in fonts]))
    cdp.detach()
    return problems[:5]


# Names a Chinese page writes in Latin letters because they have no Chinese form: software,
# file formats, the project's own name.
NAMES_WITHOUT_CHINESE = (
    "Citation File Format", "Jupyter Book", "Jupyter", "Jupytext", "MyST-NB", "MyST", "Sphinx",
    "Python", "pandas", "papermill", "nbval", "matplotlib", "pytest", "Frictionless",
    "Chromium", "JupyterLab", "nbconvert", "GitHub", "git", "budgetbook", "sha256", "sha",
    "CSV", "PNG", "SVG", "PDF", "HTML", "API", "CPU", "GRIDS", "English edition", "….csv",
    "base64", "py:percent", "DejaVu Sans", "Noto Sans SC")
PACKAGES = ("jupyter-book", "myst-nb", "sphinx", "jupytext")
# Pages whose English is by design: the API reference (docstrings), Sphinx's index of
# Python names, and the search page before a search.
ENGLISH_PAGES = {"book/zh/api.html", "genindex.html", "search.html"}
# What a reader of a Chinese page sees in English by design: code and its output folded
# under "显示代码", the API reference (the docstrings), text the data hold in English only
# (marked lang="en"), MyST-NB's execution table and the data dictionary's rules (its
# third column: the contract's patterns and codes). The data dictionary's meanings, titles
# and descriptions are Chinese (from budgetbook/schema.py) and are checked.
NOT_CHECKED = (".cell_input, pre, code, script, style, [lang=en], dl.py, "
               ".budgetbook-exec-table, .budgetbook-schema td:nth-child(3)")
FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|png|svg|html|ipynb|py|md|ttf|otf)\b")
# Versions, digests and the data snapshot's folder, as the Status page lists them.
VERSIONS = re.compile(r"\b[0-9a-f]{7,}\b|\bdata-[0-9a-f]+|\b\d+(?:\.\d+)+[\w.+]*")


def _english_problems(page) -> list:
    """English words left in what a reader of a Chinese page reads (its article)."""
    from chinese import english_left

    from budgetbook import load_all

    text = page.evaluate(
        """(skip) => { const main = document.querySelector('article') || document.body;
            const copy = main.cloneNode(true);
            copy.querySelectorAll(skip).forEach(e => e.remove());
            // every text node apart (a detached copy has no layout, so no innerText breaks)
            const walk = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
            const parts = [];
            while (walk.nextNode()) parts.push(walk.currentNode.nodeValue);
            return parts.join(' '); }""", NOT_CHECKED)
    text = FILE_NAME.sub(" ", text)  # before the allowed words, which may be parts of one
    tables = load_all()
    # the data contract's column names (a page names a column as the CSV does)
    columns = tuple({c for df in tables.values() for c in df.columns})
    # and what the data dictionary's meanings quote as it is (test_pages_language)
    # and the enum codes they name ('cyclical', 'more_than', ...)
    from test_pages_language import QUOTED_IN_MEANINGS
    from budgetbook.loading import data_dir
    descriptor = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    codes = tuple({str(v) for res in descriptor["resources"] for f in res["schema"]["fields"]
                   for v in f.get("constraints", {}).get("enum", [])})
    # the installed distributions the Status page lists, by their names (software)
    from budgetbook import runner
    distributions = tuple(runner.distributions().iloc[:, 0])
    left = english_left(VERSIONS.sub(" ", text), tables,
                        allowed=NAMES_WITHOUT_CHINESE + PACKAGES + columns + codes
                        + tuple(QUOTED_IN_MEANINGS) + distributions)
    return [("English left on a Chinese page", left)] if left else []


def test_the_glyph_check_sees_which_font_drew_the_chinese(zh_site, browser, monkeypatch):
    """The check above can fail: on a page of the book, Chinese text is drawn by the
    book's own font; on a page without the book's stylesheet, by a font of the system,
    which it reports; and were the font it accepts not the one used, it reports the text
    and the fonts Chromium used."""
    html, base = zh_site
    page = browser.new_page()
    page.goto(f"{base}/book/zh/intro.html", wait_until="load")
    page.evaluate("document.fonts.ready")
    assert _glyph_problems(page) == []
    page.set_content('<html lang="zh-CN"><body><p>交付产出</p><p>Delivery</p></body></html>')
    assert _glyph_problems(page) and "交付产出" in str(_glyph_problems(page))
    page.goto(f"{base}/book/zh/intro.html", wait_until="load")
    page.evaluate("document.fonts.ready")
    monkeypatch.setattr(sys.modules[__name__], "CJK_FONTS", ("No such font",))
    problems = _glyph_problems(page)
    page.close()
    assert problems and all(p[0] == "Chinese drawn without a Chinese font" for p in problems)
    assert any(family == "Noto Sans SC" for family, _ in problems[0][2]), problems


def _chapter_problems(rel, page) -> list:
    problems = []
    height = page.evaluate("document.body.scrollHeight")
    if rel not in OVERVIEWS and height > MAX_CHAPTER_HEIGHT:
        problems.append(("taller than eight screens", height))
    tables, charts_, missing = page.evaluate(
        """() => {
            const tables = [...document.querySelectorAll('table.budgetbook-table')];
            const missing = tables.filter(t => {
                const next = t.closest('.budgetbook-table-wrap').nextElementSibling;
                return !(next && next.matches('p.budgetbook-download'));
            }).map(t => t.innerText.slice(0, 40));
            return [tables.length, document.querySelectorAll('figure.budgetbook-chart').length,
                    missing];
        }""")
    if missing or tables < 5 or charts_ < 1:
        problems.append(("downloads", tables, charts_, missing))
    # "At a glance": the page's first section after its title, in either language
    glance = page.evaluate("() => { const li = document.querySelector("
                           "'main section > section:first-of-type li'); "
                           "return li ? li.getBoundingClientRect().bottom : null; }")
    if glance is None or glance >= VIEWPORT["height"]:
        problems.append(("At a glance not in the first screen", glance))
    return problems


def test_front_page_redirects_to_the_introduction(site, browser):
    html, base = site
    page = browser.new_page()
    page.goto(f"{base}/index.html")
    page.wait_for_url("**/book/intro.html", timeout=10000)
    assert "the programme plan and performance, recomputed" in page.title()
    page.close()


def test_search_finds_a_subprogramme_by_name(site, browser):
    html, base = site
    page = browser.new_page()
    page.goto(f"{base}/search.html?q=corruption", wait_until="load")
    page.wait_for_selector("#search-results li", timeout=20000)
    results = page.inner_text("#search-results")
    page.close()
    assert "Countering corruption" in results


def test_chinese_search_finds_a_subprogramme_by_a_word_of_its_name(zh_site, browser):
    """The Chinese edition's search index segments Chinese into words (Sphinx uses jieba,
    pinned in requirements.txt): a word inside a title is found, in the page's language."""
    html, base = zh_site
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"]
    assert {"反腐败", "腐败"} <= set(terms)  # words, not whole titles or sentences
    page = browser.new_page()
    page.goto(f"{base}/search.html?q=反腐败", wait_until="load")
    page.wait_for_selector("#search-results li", timeout=20000)
    results = page.inner_text("#search-results")
    page.close()
    assert "次级方案 3：反腐败" in results


# A search in each edition, a page it finds, a piece of that page's sentence around the
# word as the page reads it (the spaces of its text, a table's cells apart), and two cells
# run together, which the summary must not show.
SEARCHES = [
    ("en", "corruption", "Subprogramme 3: Countering corruption",
     "is to prevent and combat corruption through the effective implementation of the "
     "United Nations Convention against Corruption", None),
    ("en", "advocacy", "Subprogramme 1: Countering transnational organized crime",
     "Consultation, advice and advocacy | Advisory services to 15 States",
     "advocacyAdvisory"),
    ("zh", "反腐败", "原文", "这些文书包括三项国际药物管制公约、《联合国反腐败公约》", None),
    ("zh", "宣传材料", "次级方案 4：预防恐怖主义",
     "外联方案、特别活动和宣传材料 | 法律、刑事司法和有关领域的资料袋", "宣传材料法律"),
]


def _search_summaries(page, url: str) -> list:
    """Open the search page at ``url`` and give each result's title and summary ('' for
    none), once the search has finished and its summaries have had time to come."""
    from playwright.sync_api import TimeoutError as Timeout

    page.goto(url, wait_until="load")
    page.wait_for_function("() => { const s = document.querySelector("
                           "'#search-results .search-summary'); return s && s.innerText; }",
                           timeout=20000)
    try:
        page.wait_for_function("() => [...document.querySelectorAll('#search-results li')]"
                               ".every(li => li.querySelector('p.context'))", timeout=5000)
    except Timeout:
        pass  # a result without a summary: the test says which
    return page.eval_on_selector_all(
        "#search-results li", "els => els.map(e => [e.querySelector('a').innerText, "
                              "(e.querySelector('p.context') || {}).innerText || ''])")


@pytest.mark.parametrize("how", ["file", "http"])
@pytest.mark.parametrize("lang, query, title, sentence, run_together", SEARCHES,
                         ids=["en-word", "en-table", "zh-word", "zh-table"])
def test_search_shows_the_sentence_that_holds_the_word(lang, query, title, sentence,
                                                       run_together, how, served, browser):
    """Opened from file:// (as the README says to open the site) and served over HTTP,
    each search result shows the sentence where the word stands, as the page reads it:
    the search page fetches nothing (a browser refuses it from file://) and runs no two
    table cells together."""
    html, base = served[2][lang]
    url = ((html / "search.html").as_uri() if how == "file" else f"{base}/search.html")
    page = browser.new_page(viewport=VIEWPORT)
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: requests.append(r.url))
    results = _search_summaries(page, f"{url}?q={query}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"search__{lang}__{how}__{query}.png"))
    page.close()
    summaries = [summary for name, summary in results if name == title]
    assert summaries, (title, [name for name, _ in results])
    assert all(query.lower() in summary.lower() for summary in summaries), summaries
    assert any(sentence in summary for summary in summaries), summaries
    if run_together:
        assert not any(run_together in summary for summary in summaries), summaries
    assert all(summary for _, summary in results), results  # every result has one
    pages = [r for r in requests if r.split("?")[0].endswith(".html")
             and not r.split("?")[0].endswith("/search.html")]
    assert pages == [], pages  # no result page was fetched to cut its summary
    assert errors == [], errors


def test_html_in_a_label_renders_as_text(tmp_path, browser):
    """A label containing <script> in a copy of the data is shown, never executed."""
    import pandas as pd

    from conftest import ENGLISH, PROJECT_COPY_IGNORE, build
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=PROJECT_COPY_IGNORE)
    path = project / "data" / "subprogrammes.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[df["id"] == "sp3", "title_en"] = "Corruption <script>window.pwned=1</script> & <b>bold</b>"
    df.to_csv(path, index=False, lineterminator="\n")
    # the one chapter, to keep the test quick, and the pages its sentences point to (the
    # build fails on a pointer to a page the book lacks)
    toc = project / "_toc.yml"
    toc.write_text("format: jb-book\nroot: notebooks/sp3_countering_corruption\nchapters:\n"
                   "  - file: notebooks/00_overview\n  - file: book/source_audit\n"
                   "  - file: book/source_text\n")
    res = build(project, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:]
    page = browser.new_page()
    page.goto((project / "_build/html/notebooks/sp3_countering_corruption.html").as_uri())
    assert page.evaluate("() => window.pwned === undefined")
    assert "<script>window.pwned=1</script>" in page.inner_text("main")
    assert page.locator("main b", has_text="bold").count() == 0
    page.close()


def test_long_tables_sort_and_filter_in_the_page(site, browser):
    """The overview's shortfalls: sorted by a numeric column on a click, both ways, and
    filtered by typed words; the page fetches nothing to do it."""
    html, base = site
    page = browser.new_page(viewport=VIEWPORT)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/notebooks/00_overview.html", wait_until="load")
    table = page.locator("table[data-sortable]", has_text="marked in the text").first
    headers = table.locator("thead th").all_inner_texts()
    column = headers.index("line in data/raw")

    def values():
        return [int(t) for t in table.locator(f"tbody tr:not([hidden]) td:nth-child({column + 1})"
                                              ).all_inner_texts()]
    before = values()
    assert len(before) >= 10
    table.locator("thead th button", has_text="line in data/raw").click()
    assert values() == sorted(before)
    table.locator("thead th button", has_text="line in data/raw").click()
    assert values() == sorted(before, reverse=True)
    table.locator("xpath=ancestor::div[contains(@class, 'budgetbook-table-wrap')]"
                  "/preceding-sibling::label[1]/input").fill("Subprogramme 2")
    rows = table.locator("tbody tr:not([hidden])").all_inner_texts()
    assert 0 < len(rows) < len(before) and all("Subprogramme 2" in r for r in rows)
    assert all(u.startswith(base) for u in requests), [u for u in requests if
                                                       not u.startswith(base)]
    page.close()


def test_printing_a_chapter_opens_folded_sections_and_drops_the_navigation(site, browser):
    html, base = site
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{base}/notebooks/sp3_countering_corruption.html", wait_until="load")
    folded = page.evaluate("document.querySelectorAll('details.budgetbook-collapse:not([open])')"
                           ".length")
    assert folded >= 3
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('details.budgetbook-collapse:not([open])')"
                         ".length") == 0
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.bd-sidebar-primary', '.bd-header', '.budgetbook-download']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('details.budgetbook-collapse:not([open])')"
                         ".length") == folded
    page.close()
