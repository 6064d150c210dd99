"""The chart house style: byte-identical output, alt text, source note, escaping."""
import re

import pandas as pd
import pytest

from budgetbook import chapter, charts, load_all


@pytest.fixture(scope="module")
def tables():
    return load_all()


def _make():
    data = pd.DataFrame({"label": ["a <b>", "b"], "value": [120.0, 80.0], "note": ["x", "y"]})
    return charts.hbars(data, "label", "value", title="One of two fell short",
                        alt='Bars: a <b> at 120 and b at 80 "percent"', source="Table 16.4",
                        xlabel="% of plan", reference=100, annotate="note")


def test_png_and_svg_are_byte_identical_on_rerender():
    a, b = _make(), _make()
    assert a.png() == b.png()
    assert a.svg() == b.svg()
    svg = a.svg().decode()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in a.png()[:400]


def test_html_carries_escaped_alt_text_and_source():
    html = _make()._repr_html_()
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert alt == "Bars: a &lt;b&gt; at 120 and b at 80 &quot;percent&quot;"
    assert "Source: Table 16.4" in html
    assert "<b>" not in html


def test_text_repr_shows_the_numbers_behind_the_chart():
    text = repr(_make())
    assert "One of two fell short" in text and "120.0" in text and "Table 16.4" in text


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]


def test_save_writes_png_svg_and_csv(tmp_path):
    paths = _make().save(tmp_path, "demo")
    assert [p.name for p in paths] == ["demo.png", "demo.svg", "demo.csv"]
    assert pd.read_csv(paths[2])["value"].tolist() == [120.0, 80.0]


@pytest.mark.parametrize("sp", ["sp1", "sp5", "sp9c2"])
def test_every_chapter_chart_has_title_alt_and_source(tables, sp):
    for chart in (chapter.measures_chart(tables, sp), chapter.delivery_chart(tables, sp),
                  chapter.change_chart(tables, sp)):
        assert chart.title and chart.alt and chart.source.startswith("A/79/6")
        assert "Table 16." in chart.source
        chart.close()


def test_page_tables_escape_html():
    note = chapter.table(pd.DataFrame({"label": ["<script>alert(1)</script>"]}))
    assert "<script>" not in note.html and "&lt;script&gt;" in note.html
    assert "<script>alert(1)</script>" in note.text


def test_delivery_title_states_the_finding(tables):
    chart = chapter.delivery_chart(tables, "sp3")
    short = (chart.data["delivery_rate_pct"] < 100).sum()
    assert f"{short} of {len(chart.data)} subcategories fell short" in chart.title
