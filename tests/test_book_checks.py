"""The book's checks over written pages (budgetbook.book_checks), on pages made to show the
cases a reader found in the site: data codes and float noise in the numbers behind a chart,
two units on one axis, unmarked Chinese and unmarked translations, pointers to nothing."""
from urllib.parse import quote

import pandas as pd

from budgetbook import book_checks, charts, claims, render
from budgetbook.language import using


def _page(body: str) -> str:
    return f"<html><body><main><article>{body}</article></main></body></html>"


def _table(frame, **kw) -> str:
    return render.table(frame, **kw).html


# The numbers behind a chart as the site printed them before (the reader's report).
OLD_NUMBERS = pd.DataFrame({"label": ["A. Documents", "B. Projects"],
                            "plan_2023": [10, 5], "delivery_rate_pct": [96.55172413793103, 100.0],
                            "status": ["not_met", "met"], "basis": ["cumulative_and_annual", ""]})


def test_codes_column_names_and_float_noise_in_a_table_are_found():
    found = book_checks.reader_text_problems(_page(_table(OLD_NUMBERS, name="old")))
    for problem in ("code 'plan_2023'", "code 'delivery_rate_pct'", "code 'not_met'",
                    "code 'cumulative_and_annual'", "float noise 96.55172413793103",
                    "internal header 'label'", "code 'plan_2023' in old.csv's header",
                    "float noise 96.55172413793103 in old.csv"):
        assert problem in found, (problem, found)


def test_readers_words_and_an_exact_column_in_the_download_pass():
    data = pd.DataFrame({"subcategory": ["A. Documents"], "delivery rate (% of plan)": [96.551724]})
    with using("en"):
        chart = charts.hbars(data, "subcategory", "delivery rate (% of plan)", title="T",
                             alt="a", source="s", xlabel="% of plan", decimals=0)
    assert book_checks.reader_text_problems(_page(chart._repr_html_())) == []
    chart.close()
    # a table that lists identifiers by design (installed distributions) may name them
    names = pd.DataFrame({"distribution": ["jupyter_book"], "version": ["1.0.4"]})
    assert book_checks.reader_text_problems(
        _page(_table(names, name="d", identifiers=True))) == []
    # code cells show the code as it is
    assert book_checks.reader_text_problems(_page("<pre>plan_2023</pre>")) == []


def _figure(units, rows):
    table = _table(pd.DataFrame(rows, columns=["subcategory", "unit", "change"]))
    data = "" if units is None else f' data-units="{render.escape(str(units).replace(chr(39), chr(34)))}"'
    return f'<figure class="budgetbook-chart"{data}><img alt="T"/>{table}</figure>'


def test_two_units_on_one_axis_and_a_chart_without_units_are_found():
    rows = [("A. Documents", "documents", -5), ("A. Meetings", "three-hour meetings", -3),
            ("B. Projects", "projects", -8)]
    assert book_checks.unit_problems(_figure(None, rows)) == ["T: no unit recorded per axis"]
    assert book_checks.unit_problems(_figure(["number"], rows)) == [
        "T: two units on one axis (documents, projects, three-hour meetings)"]
    assert book_checks.unit_problems(
        _figure(["documents", "three-hour meetings", "projects"], rows)) == []
    assert book_checks.unit_problems(_figure(["documents", "projects", "days"], rows)) == [
        "T: a panel drawn in another unit than its row's"]


def test_chinese_on_an_english_page_is_marked_and_the_check_sees_it():
    text = "<p>Paragraph 16.85 says the work 'exceeded' (超出了) the targets.</p>"
    assert book_checks.language_problems(_page(text), "en") == [
        "Chinese not marked lang=\"zh\": '超出了'"]
    marked = book_checks.mark_chinese(text)
    assert '(<span lang="zh">超出了</span>)' in marked
    assert book_checks.language_problems(_page(marked), "en") == []
    # a Chinese page is Chinese; code and attributes are left alone
    assert book_checks.language_problems(_page(text), "zh") == []
    assert book_checks.mark_chinese('<img alt="横条形图"/><code>t("a", "交付")</code>') == \
        '<img alt="横条形图"/><code>t("a", "交付")</code>'


def test_the_sources_words_in_english_say_they_are_the_books_translation():
    unmarked = "<p>Households: 8,791; the text says: “The target was not met”.</p>"
    found = book_checks.language_problems(_page(unmarked), "en")
    assert len(found) == 1 and found[0].startswith("the source quoted without")
    marked = "<p>Households: 8,791; the text says (our translation) “The target was not met”.</p>"
    assert book_checks.language_problems(_page(marked), "en") == []
    headed = _table(pd.DataFrame({"statement": ["x"]}))
    assert book_checks.language_problems(_page(headed), "en") == [
        "a column of the source's words without '(our translation)': 'statement'"]


def test_pointers_find_their_page_anchor_claims_and_texts():
    claims.begin()
    claims.claim("programme.mandate_entries", 120, "entries")
    target = _page('<div id="programme-wide-mandates">SI-01</div>' +
                   claims.ledger_block().html)
    claims.end()

    def chapter(href, holds="programme.mandate_entries", value=120, shows="SI-01"):
        claims.begin()
        claims.claim("programme.mandate_entries", value, "entries")
        block = claims.ledger_block().html
        claims.end()
        link = (f'<a class="budgetbook-pointer" href="{href}" data-holds="{holds}" '
                f'data-shows="{shows}">in the overview</a>')
        return _page(f"<p>{link}</p><a href='#top'>top</a>{block}")

    def problems(chapter_html):
        pages = {"notebooks/sp3.html": chapter_html, "notebooks/00_overview.html": target}
        ledger = pd.DataFrame([{**c, "page": p, "edition": "en"} for p, m in pages.items()
                               for c in book_checks.page_claims(m)], columns=claims.COLUMNS)
        return book_checks.pointer_problems(pages, ledger)
    assert problems(chapter("00_overview.html#programme-wide-mandates")) == []
    assert problems(chapter("00_overview.html#nowhere")) == [
        "notebooks/sp3.html: 00_overview.html#nowhere points to an anchor "
        "notebooks/00_overview.html lacks"]
    assert problems(chapter("missing.html#programme-wide-mandates")) == [
        "notebooks/sp3.html: missing.html#programme-wide-mandates points to a page the site "
        "lacks"]
    assert problems(chapter("00_overview.html#programme-wide-mandates", value=119)) == [
        "notebooks/sp3.html: programme.mandate_entries = 119, but notebooks/00_overview.html, "
        "which it points to, states 120"]
    assert problems(chapter("00_overview.html#programme-wide-mandates", shows="SI-99")) == [
        "notebooks/sp3.html: its pointer to notebooks/00_overview.html names 'SI-99', which "
        "notebooks/00_overview.html does not show"]


def test_the_status_page_block_is_filled_with_each_checks_result(tmp_path):
    with using("en"):
        block = book_checks.status_block().html
    page = tmp_path / "status.html"
    page.write_text(_page(block), encoding="utf-8")
    ledger = pd.DataFrame([("a.b", 1, "p", "x.html", "en")], columns=claims.COLUMNS)
    result = {key: [] for key in book_checks.CHECKS}
    result["units"] = ["x.html: T: no unit recorded per axis"]
    assert book_checks.fill_status(page, book_checks.report_html(ledger, result, "en"))
    shown = page.read_text(encoding="utf-8")
    assert "This build checked 1 claims on 1 pages" in shown
    assert "<td>One unit per chart axis</td><td>1 problem: x.html: T: no unit" in shown
    assert shown.count("<td>passed</td>") == len(book_checks.CHECKS) - 1
    # filled again, it replaces the results (a rebuild), never adds a second table
    assert book_checks.fill_status(page, book_checks.report_html(ledger, {}, "en"))
    assert page.read_text(encoding="utf-8").count("<table") == 1
    assert "passed" in page.read_text(encoding="utf-8")


def test_the_editions_must_state_the_same_claims():
    en = pd.DataFrame([("sp3.items_with_plan", "10", "p", "notebooks/sp3.html", "en"),
                       ("sp3.items_in_full", "8", "q", "notebooks/sp3.html", "en")],
                      columns=claims.COLUMNS)
    zh = en.assign(page="notebooks/zh/sp3.html", edition="zh")
    assert book_checks.edition_problems({"en": en, "zh": zh}) == []
    zh.loc[0, "value"] = "11"
    assert book_checks.edition_problems({"en": en, "zh": zh})[0].startswith(
        "claim 'sp3.items_with_plan' has two values: 10 on notebooks/sp3.html (en); 11 on")
    assert book_checks.edition_problems({"en": en, "zh": zh.iloc[1:]}) == [
        "the zh edition states no sp3.items_with_plan"]


def test_a_data_url_csv_header_names_its_columns_as_the_page_does():
    frame = pd.DataFrame({"subcategory": ["a"], "2023 planned": [1]})
    html = _table(frame, name="x")
    assert quote("subcategory,2023 planned") in html
    assert book_checks.reader_text_problems(_page(html)) == []
