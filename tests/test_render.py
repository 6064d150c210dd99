"""How a frame becomes a page table: what a reader sees, and what they can download."""
import re
from urllib.parse import unquote

import pandas as pd
import pytest

from budgetbook import language, render


def _frame(n=4):
    return pd.DataFrame({"body": ["GA"] * 2 + ["CND"] * (n - 2),
                         "symbol": [f"7{i}/1 <x>" for i in range(n)],
                         "count": list(range(n)), "explanation": ["none given"] * n})


def _download(html_):
    m = re.search(r'<a download="([^"]+)" href="data:text/csv;charset=utf-8,([^"]+)"', html_)
    return m.group(1), unquote(m.group(2))


def test_download_link_holds_every_row_and_column_of_the_frame():
    df = _frame()
    name, csv = _download(render.table(df, name="sp3_mandates").html)
    assert name == "sp3_mandates.csv"
    assert csv == df.to_csv(index=False, lineterminator="\n")
    assert "<x>" in csv  # the file holds the value itself; the page shows it escaped
    assert "<a download" not in render.table(df).html  # no name, no link


def test_a_grouped_column_heads_each_run_once_instead_of_repeating():
    html_ = render.table(_frame(), group="body").html
    assert html_.count(">GA<") == 1 and html_.count(">CND<") == 1
    assert '<th scope="col">body</th>' not in html_
    assert html_.index(">GA<") < html_.index("70/1") < html_.index(">CND<") < html_.index("72/1")


def test_a_column_with_one_value_on_every_row_is_stated_once_above_the_table():
    html_ = render.table(_frame()).html
    assert html_.count("none given") == 1
    assert html_.index("none given") < html_.index("<table")
    two_rows = render.table(_frame(2)).html  # too few rows to call it a pattern
    assert two_rows.count("none given") == 2


def test_values_are_escaped_and_numbers_aligned():
    html_ = render.table(_frame()).html
    assert "<x>" not in html_ and "&lt;x&gt;" in html_
    assert '<td class="num">3</td>' in html_


def test_collapsed_table_is_closed_but_in_the_html():
    html_ = render.table(_frame(), collapse="Show the 4 mandates").html
    assert html_.startswith('<details class="budgetbook-collapse"><summary>Show the 4 mandates')
    assert "<details open" not in html_ and "73/1" in html_


def test_long_ungrouped_tables_are_sortable_short_or_grouped_ones_are_not():
    assert "data-sortable" in render.table(_frame(10)).html
    assert "data-sortable" not in render.table(_frame(9)).html
    assert "data-sortable" not in render.table(_frame(10), group="body").html


def test_an_empty_frame_shows_its_sentence():
    note = render.table(_frame().iloc[0:0], empty="Nothing to list.")
    assert note.text == "Nothing to list." and "<table" not in note.html


def test_a_folded_chart_keeps_its_image_alt_text_and_numbers_one_click_away():
    from budgetbook import charts
    data = pd.DataFrame({"label": ["a", "b"], "value": [1.0, 2.0]})
    chart = charts.hbars(data, "label", "value", title="T", alt="Bars: a 1, b 2",
                         source="Table 1.1", xlabel="x")
    note = render.folded(chart, "Show the chart")
    assert note.html.startswith('<details class="budgetbook-collapse"><summary>Show the chart')
    assert 'alt="T. Bars: a 1, b 2"' in note.html and "<img" in note.html
    assert note.data is chart.data and "Show the chart" in note.text
    chart.close()
    # a sentence standing where no chart could be drawn is not hidden behind a click
    sentence = render.paragraph("No target is stated as a count.")
    assert render.folded(sentence, "Show the chart") is sentence


# ---- the Chinese edition ---------------------------------------------------------------

def _chinese_frame(n=4):
    return pd.DataFrame({"发布机构": ["大会"] * 2 + ["麻醉药品委员会"] * (n - 2),
                         "文号": [f"7{i}/1" for i in range(n)], "文书数": list(range(n)),
                         "解释": ["原文未给出解释"] * n})


def test_the_words_of_a_table_follow_the_language_the_numbers_do_not():
    from chinese import english_left, visible
    from budgetbook import load_all
    df = _chinese_frame()
    with language.using("zh"):
        html_ = render.table(df, name="sp3_mandates").html
    assert '<p class="budgetbook-constant"><strong>解释</strong>（每行）：原文未给出解释</p>' in html_
    assert ">下载 sp3_mandates.csv</a>（4 行）</p>" in html_
    name, csv = _download(html_)
    assert name == "sp3_mandates.csv" and csv == df.to_csv(index=False, lineterminator="\n")
    assert english_left(visible(html_), load_all()) == []
    # the same table in English: the same cells, the English words around them
    english = render.table(df, name="sp3_mandates").html
    assert "(every row): 原文未给出解释" in english
    assert ">Download sp3_mandates.csv</a> (4 rows)" in english
    assert "1 row)" in render.table(df.iloc[:1], name="x").html


def test_a_view_table_is_grouped_by_its_english_heading_in_either_language():
    """The notebooks name a grouping column in English; a view's Chinese table heads it in
    Chinese and says so in its attrs, so one notebook serves both editions."""
    from budgetbook import views
    mandates = pd.DataFrame({"subprogramme": ["sp3"] * 3, "body": ["GA", "GA", "CND"],
                             "symbol": ["75/1", "76/2; 77/3", "66/1"],
                             "title_en": ["a", "b", None],
                             "title_zh": ["甲", "乙", "丙"], "footnote_en": [None] * 3,
                             "footnote_zh": [None] * 3})
    with language.using("zh"):
        df = views.mandates_table(mandates)
        html_ = render.table(df, group="issued by").html
    assert list(df.columns) == ["发布机构", "文号", "文书数", "标题"]
    assert df.attrs["columns"]["issued by"] == "发布机构"
    assert html_.count(">大会<") == 1 and html_.count(">麻醉药品委员会<") == 1
    assert '<th scope="col">发布机构</th>' not in html_
    english = views.mandates_table(mandates)
    assert english["title"].tolist() == ["a", "b", "丙"]  # a blank English title: the source's
    assert render.table(english, group="issued by").html.count(">General Assembly<") == 1


def test_a_stated_number_keeps_its_digits_and_a_percentage_reads_as_the_source_prints_it():
    assert render.number(845258, "followers") == "845,258 followers"
    assert render.number(98, "percent") == "98 percent"
    assert render.number(None) == render.NOT_STATED == render.not_stated() == (
        "not stated in the source")
    with language.using("zh"):
        # the unit is data held in English only; the digits and separators never change
        assert render.number(845258, "followers") == "845,258 followers"
        assert render.number(98, "percent") == "98%"
        assert render.number(2.5) == "2.5"
        assert render.number(None) == render.NOT_STATED == "原文未说明"
        assert render.percent(0.8234) == "82%"
    with pytest.raises(AttributeError):
        render.NOT_A_NAME
