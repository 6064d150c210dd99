"""The built book as one body of statements, in both editions: the build's checks find
nothing (claims, pointers, readers' text, units, languages), the two editions state the
same claims, the chapters' pointer to the programme-wide mandates finds them listed in
full, and what the source audit says the book does stands on the page it names."""
import re
from html import unescape

import pandas as pd
import pytest

from budgetbook import book_checks, config, indicators, load_all

pytestmark = pytest.mark.slow  # every test here reads the built book

EDITIONS = sorted(config.EDITION_SITES)


def _site(built_book, lang):
    return built_book / config.EDITION_SITES[lang]


def _page(built_book, lang, path):
    return (_site(built_book, lang) / f"{config.in_edition(path, lang)}.html").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_builds_checks_find_nothing_and_are_written_into_the_site(built_book, lang):
    site = _site(built_book, lang)
    checks = pd.read_csv(site / book_checks.CHECKS_FILE, keep_default_na=False)
    assert set(checks["check"]) == {names[0] for names in book_checks.CHECKS.values()}
    assert (checks["problem"] == "").all(), checks[checks["problem"] != ""].to_string()
    # the checks, run again on the written site, agree
    ledger, result = book_checks.check_site(site, lang, _docnames(built_book, lang))
    assert not any(result.values()), result
    written = book_checks.read_ledger(site)
    assert len(written) == len(ledger) > 300
    # every chapter, the overview and the source audit keep a ledger
    pages = set(written["page"])
    for stem in [config.OVERVIEW_STEM, *config.notebooks().values()]:
        assert f"{config.in_edition(f'notebooks/{stem}', lang)}.html" in pages
    assert f"{config.in_edition('book/source_audit', lang)}.html" in pages


def _docnames(built_book, lang):
    toc = built_book / config.EDITION_TOCS[lang]
    return config.toc_files(toc)


def test_the_two_editions_state_the_same_claims(built_book):
    ledgers = {lang: book_checks.read_ledger(_site(built_book, lang)) for lang in EDITIONS}
    assert book_checks.edition_problems(ledgers) == []
    en, zh = (ledgers[lang].set_index("name")["value"] for lang in EDITIONS)
    assert en.sort_index().to_dict() == zh.sort_index().to_dict()


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_status_page_lists_each_check_and_its_result(built_book, lang):
    page = _page(built_book, lang, "book/status")
    block = re.search(r'<div class="budgetbook-checks">(.*?)</div><!--/budgetbook-checks-->',
                      page, flags=re.S).group(1)
    for names in book_checks.CHECKS.values():
        name = names[1] if lang == "zh" else names[0]
        assert re.search(rf"<td>{re.escape(unescape(name))}</td><td>(passed|通过)</td>",
                         unescape(block)), name
    # it links the files the build wrote into the site
    up = "../" * config.in_edition("book/status", lang).count("/")
    for name in (book_checks.LEDGER_FILE, book_checks.CHECKS_FILE):
        assert f'href="{up}{name}"' in page and (_site(built_book, lang) / name).is_file()


def _rows(fragment: str) -> list[str]:
    """The data rows of a table (not its group headings), as text."""
    return [unescape(re.sub(r"<[^>]+>", " | ", r)) for r in
            re.findall(r"<tr>(.*?)</tr>", fragment, flags=re.S) if "<td" in r]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_chapter_points_to_the_programme_wide_mandates_listed_in_full(built_book, lang):
    """Each chapter says the programme-wide list applies to it too and is listed in full in
    the overview: its sentence links there, and the overview lists every entry."""
    tables = load_all()
    programme = tables["mandates"][tables["mandates"]["subprogramme"] == config.PROGRAMME_ID]
    overview = _page(built_book, lang, f"notebooks/{config.OVERVIEW_STEM}")
    listed = re.search(rf'<div id="{config.PROGRAMME_MANDATES_ANCHOR}">(.*?)</table>',
                       overview, flags=re.S)
    assert listed, "the overview lists no programme-wide mandates"
    assert len(_rows(listed.group(1))) == len(programme)
    text = unescape(re.sub(r"<[^>]+>", "", listed.group(1)))
    for symbol in programme["symbol"].dropna():
        for number in re.findall(r"\d+/\d+", symbol):
            assert number in text, symbol
    href = config.page_href("notebooks/chapter", f"notebooks/{config.OVERVIEW_STEM}", lang,
                            config.PROGRAMME_MANDATES_ANCHOR)
    for sp, stem in config.notebooks().items():
        if sp == config.PROGRAMME_ID:
            continue  # the overview itself
        chapter = _page(built_book, lang, f"notebooks/{stem}")
        assert re.search(rf'<a class="budgetbook-pointer" href="{re.escape(href)}" '
                         r'data-holds="programme.mandate_entries programme.mandate_instruments"',
                         chapter), stem


def _register(built_book, sp, lang="en") -> list[dict]:
    """The chapter's results register: one dict per row, by its headers (a column stated
    once above the table, holding one value on every row, is given to every row)."""
    page = _page(built_book, lang, f"notebooks/{config.notebooks()[sp]}")
    block = re.search(r'<div id="results-register">(.*?)</table>', page, flags=re.S).group(1)
    heads = [unescape(h) for h in re.findall(r"<th[^>]*scope=\"col\"[^>]*>(.*?)</th>", block)]
    constant = {unescape(k): unescape(v) for k, v in re.findall(
        r'<p class="budgetbook-constant"><strong>(.*?)</strong>[^:：]*[:：]\s*(.*?)</p>', block)}
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", block, flags=re.S):
        cells = [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        if cells:
            rows.append({**constant, **dict(zip(heads, cells))})
    return rows


def test_what_the_audit_says_the_book_does_stands_on_the_page_it_names(built_book):
    """Each computed finding's "what the book does" names a chapter's table: the status by
    the numbers beside the stated word (SI-31: 'exceeded' | 'contradicted (by the numbers: met)', in
    both editions), the verdict 'unverifiable' for a status without a number, the printed
    total that differs beside the items' sum, 'not stated in the source' for a figure."""
    tables = load_all()
    issues = tables["source_issues"]
    attainment = indicators.target_attainment(tables["targets"])
    checked = 0
    for _, issue in issues[issues["found_by"] == "computed"].iterrows():
        kind, sp = issue["category"], issue["subprogramme"]
        if kind == "status_against_numbers":
            assert "status by the numbers" in issue["book_action"]  # beside the stated word
            paragraph = issue["check_key"].split("|")[1]
            bad = attainment[(attainment["paragraph"] == paragraph)
                             & (attainment["status_agrees"] == False)]  # noqa: E712
            for _, r in bad.iterrows():
                zh = {"exceeded": "超出", "met": "达到"}
                for lang, heads, words in (
                        ("en", ("status stated", "verdict"),
                         (r["status_stated"], f"contradicted (by the numbers: "
                                              f"{r['status_computed']})")),
                        ("zh", ("所述状况", "判定"),
                         (zh[r["status_stated"]], f"相矛盾（按数字为{zh[r['status_computed']]}）"))):
                    para = "paragraph" if lang == "en" else "段落"
                    row = [x for x in _register(built_book, sp, lang) if x[para] == paragraph
                           and r[f"indicator_{lang}"] in x.values()]
                    assert len(row) == 1, (issue["issue_id"], lang)
                    assert tuple(row[0][h] for h in heads) == words, (issue["issue_id"], lang)
                    checked += 1
        elif kind == "status_without_target":
            assert "unverifiable" in issue["book_action"]
            _, paragraph, indicator_zh = issue["check_key"].split("|")
            t = tables["targets"]
            indicator = t[(t["paragraph"] == paragraph)
                          & (t["indicator_zh"] == indicator_zh)]["indicator_en"].iloc[0]
            rows = [x for x in _register(built_book, sp)
                    if x["paragraph"] == paragraph and x["indicator"] == indicator]
            assert len(rows) == 1 and rows[0]["verdict"] == "unverifiable", issue["issue_id"]
            checked += 1
        elif kind == "figure_values_not_stated":
            figure = issue["check_key"].split("|")[1]
            page = unescape(_page(built_book, "en", f"notebooks/{config.notebooks()[sp]}"))
            assert f"Figure {figure}" in page and "not stated in the source" in page
            checked += 1
        elif kind == "total_mismatch":
            page = unescape(_page(built_book, "en", f"notebooks/{config.notebooks()[sp]}"
                                  if sp != config.PROGRAMME_ID
                                  else f"notebooks/{config.OVERVIEW_STEM}"))
            assert "differs: printed" in page, issue["issue_id"]
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_fork_page_runs_its_exercises_and_their_answers_are_the_datas(built_book, lang):
    """The students' page executes with the build in both editions, and each exercise's
    folded solution shows the answer the data give, recomputed here: shortfalls below 80 %
    and below the book's 90 %, and delivery by category."""
    tables = load_all()
    from budgetbook.edition import edition_of
    edition = edition_of(tables)
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
    items = items[items[plan] > 0]
    rate = items[actual] / items[plan]
    below_80, below_90 = int((rate < 0.8).sum()), int((rate < 0.9).sum())
    page = unescape(re.sub(r"<[^>]+>", "", _page(built_book, lang, "book/fork")))
    if lang == "en":
        assert (f"{below_80} line items delivered below 80% of plan; {below_90} below the "
                f"book's 90%") in page
    else:
        assert f"{below_80} 个逐项产出的交付低于计划的 80%；低于本书的 90% 的有 {below_90} 个" in page
    for category, group in items.groupby("category"):
        k, n = int((group[actual] >= group[plan]).sum()), len(group)
        expected = (f"category {category}: {k} of {n} line items delivered in full"
                    if lang == "en" else f"{category} 类：{n} 个逐项产出中 {k} 个全额交付")
        assert expected in page, expected
    # its programme-wide count is the overview's claim (the build checks the two agree)
    ledger = book_checks.read_ledger(_site(built_book, lang))
    fork = ledger[ledger["page"] == f"{config.in_edition('book/fork', lang)}.html"]
    assert fork.set_index("name").loc["all.items_in_full", "value"] == \
        ledger[ledger["page"].str.contains("00_overview")].set_index("name").loc[
            "all.items_in_full", "value"]
