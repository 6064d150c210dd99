"""The chart house style: byte-identical output, alt text, source note, escaping."""
import os
import re

import pandas as pd
import pytest

from budgetbook import charts, indicators, language, load_all, render, views
from budgetbook.edition import ROLES, edition_of


@pytest.fixture(scope="module")
def tables():
    return load_all()


def _frames(tables, sp):
    """As a chapter notebook computes them: the edition, the chapter's label, and each
    subcategory's totals recomputed from its items."""
    edition = edition_of(tables)
    items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
    printed = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == sp]
    return (edition, views.subprogramme_label(tables, sp),
            indicators.item_totals(items, printed, edition.measures))


def _measures_chart(tables, sp):
    edition, label, totals = _frames(tables, sp)
    return views.measures_chart(totals, edition, label, sp)


def _delivery_chart(tables, sp):
    edition, label, totals = _frames(tables, sp)
    delivery = indicators.delivery_rate(totals, plan=edition.measure("prior_plan"),
                                        actual=edition.measure("prior_actual"))
    return views.delivery_chart(delivery, edition, label, sp)


def _change_chart(tables, sp):
    edition, label, totals = _frames(tables, sp)
    change = indicators.plan_change(totals, base=edition.measure("current_plan"),
                                    new=edition.measure("budget_plan"))
    return views.change_chart(change, edition, label, sp)


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


def test_html_carries_escaped_alt_text_the_numbers_and_their_csv_and_the_source_once():
    chart = _make()
    html = chart._repr_html_()
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    # the finding first (the title), then the values
    assert alt == "One of two fell short. Bars: a &lt;b&gt; at 120 and b at 80 &quot;percent&quot;"
    assert "<b>" not in html
    # the source once: in the image (a saved PNG keeps it), not again in the caption
    texts = [t.get_text() for t in chart.fig.texts]
    assert sum("Source: Table 16.4" in t for t in texts) == 1
    assert "Source: Table 16.4" not in html
    # the numbers behind the chart one click away, and as <name>.csv from the page
    caption = html.split("<figcaption>")[1]
    assert "<details" in caption and "&lt;b&gt;" in caption and "120.0" in caption
    link = re.search(r'<a download="([^"]+)" href="data:text/csv;charset=utf-8,([^"]+)"',
                     caption)
    assert link.group(1) == f"{chart.name}.csv"
    from urllib.parse import unquote
    assert unquote(link.group(2)) == chart.data.to_csv(index=False, lineterminator="\n")


def test_text_repr_shows_the_numbers_behind_the_chart():
    text = repr(_make())
    assert "One of two fell short" in text and "120.0" in text and "Table 16.4" in text


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:3] == ["#0072B2", "#E69F00", "#009E73"]
    assert set(charts.ROLE_COLOURS) == set(ROLES)
    assert set(charts.ROLE_COLOURS.values()) <= set(charts.PALETTE)
    assert len(set(charts.ROLE_COLOURS.values())) == len(ROLES)


def test_measure_bars_colour_by_role_and_label_by_edition(tables):
    """Each panel names the measures on its own y-axis (no legend to look up), in the
    edition's words, and colours each bar by the measure's role."""
    from matplotlib.colors import to_hex
    edition = edition_of(tables)
    chart = _measures_chart(tables, "sp1")
    assert chart.fig.axes
    for ax in chart.fig.axes:
        assert ax.get_legend() is None
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        assert ticks == [edition.measure_labels[m] for m in edition.measures]
        assert ticks == ["2023 planned", "2023 actual", "2024 planned", "2025 planned"]
        colours = [to_hex(bar.get_facecolor()).upper() for bar in ax.patches]
        assert colours == [charts.ROLE_COLOURS[r].upper() for r in ROLES]
    chart.close()


@pytest.mark.parametrize("sp", ["sp1", "sp3", "sp9c2", "programme"])
def test_measure_bars_give_each_subcategory_its_own_axes_and_scale(tables, sp):
    """Subcategories count different things (documents, meetings, days): one panel each,
    each scaled to its own numbers, so no two units ever share an axis."""
    edition, label, totals = _frames(tables, sp)
    chart = views.measures_chart(totals, edition, label, sp)
    axes = chart.fig.axes
    assert len(axes) == len(totals) > 1
    expected = views.subcategory_labels(totals).tolist()
    assert [ax.get_title(loc="left").replace("\n", " ") for ax in axes] == expected
    for ax, (_, row) in zip(axes, totals.iterrows()):
        values = [float(row[m]) for m in edition.measures]
        # the panel's bars are this subcategory's four numbers, nothing else
        assert [bar.get_width() for bar in ax.patches] == values
        low, high = ax.get_xlim()
        # its own scale: room for its largest value, and no more than a margin beyond it
        assert low == 0 and max(values) <= high <= max(values + [1.0]) * 1.5
    # no panel shares its x-axis with another
    for a in axes:
        for b in axes:
            assert a is b or not a.get_shared_x_axes().joined(a, b)
    # the numbers behind it are the totals, per subcategory
    headings = list(edition.measure_labels.values())
    assert chart.data[headings].values.tolist() == totals[edition.measures].values.tolist()
    # each panel in its own unit, the one its subcategory counts
    assert chart.units == views.subcategory_units(totals).tolist()
    chart.close()


def test_measure_bars_scales_differ_where_the_numbers_do(tables):
    edition, label, totals = _frames(tables, "sp1")
    chart = views.measures_chart(totals, edition, label, "sp1")
    highs = [ax.get_xlim()[1] for ax in chart.fig.axes]
    largest = totals[edition.measures].max(axis=1).tolist()
    # sp1 counts 68 documents and 3 projects: a shared axis would flatten the projects
    assert max(largest) / min(largest) > 5
    assert max(highs) / min(highs) > 5
    assert sorted(range(len(highs)), key=highs.__getitem__) == sorted(
        range(len(largest)), key=largest.__getitem__)
    chart.close()


def test_save_writes_png_svg_and_csv(tmp_path):
    paths = _make().save(tmp_path, "demo")
    assert [p.name for p in paths] == ["demo.png", "demo.svg", "demo.csv"]
    assert pd.read_csv(paths[2])["value"].tolist() == [120.0, 80.0]


@pytest.mark.parametrize("sp", ["sp1", "sp5", "sp9c2"])
@pytest.mark.slow
def test_every_chapter_chart_has_title_alt_and_source(tables, sp):
    symbol = edition_of(tables).symbol
    for chart in (_measures_chart(tables, sp), _delivery_chart(tables, sp),
                  _change_chart(tables, sp)):
        if not isinstance(chart, charts.Chart):  # no change to chart (sp9c2): a sentence
            assert "no change to chart" in chart.text
            continue
        assert chart.title and chart.alt and chart.source.startswith(f"{symbol}, ")
        assert chart.source.startswith("A/79/6 (Sect. 16)/Part A, ")
        assert "Table 16." in chart.source
        chart.close()


def test_page_tables_escape_html():
    note = render.table(pd.DataFrame({"label": ["<script>alert(1)</script>"]}))
    assert "<script>" not in note.html and "&lt;script&gt;" in note.html
    assert "<script>alert(1)</script>" in note.text


def test_delivery_title_states_the_finding(tables):
    chart = _delivery_chart(tables, "sp3")
    short = (chart.data["delivery rate (% of plan)"] < 100).sum()
    assert f"{short} of {len(chart.data)} subcategories fell short" in chart.title


def _label_width(chart, text):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    renderer = FigureCanvasAgg(chart.fig).get_renderer()
    label = next(t for t in chart.fig.axes[0].get_yticklabels() if t.get_text() == text)
    return label.get_window_extent(renderer).width


def test_dollar_signs_in_labels_are_drawn_literally():
    """Budget documents write "US$": two of them must not turn the text between into maths."""
    dollars, plain = "US$ 5 million and US$ 6 million", "USS 5 million and USS 6 million"
    data = pd.DataFrame({"label": [dollars, plain], "value": [1.0, 2.0],
                         "note": ["US$ 1 and US$ 2", "x"]})
    chart = charts.hbars(data, "label", "value", title="US$ 1 and US$ 2", alt="a",
                         source="Table 16.4 (US$ a and US$ b)", xlabel="US$ millions",
                         annotate="note")
    chart.png()
    # as mathtext, the spaces and the "$" would vanish and the label would shrink
    assert abs(_label_width(chart, dollars) - _label_width(chart, plain)) < 0.1 * _label_width(
        chart, plain)


def test_a_label_that_is_broken_mathtext_still_draws():
    data = pd.DataFrame({"label": [r"$\frac$ item", "b"], "value": [1.0, 2.0],
                         "plan_2023": [1, 2], "actual_2023": [1, 2], "plan_2024": [1, 2],
                         "plan_2025": [1, 2]})
    for chart in (charts.hbars(data, "label", "value", title=r"$\frac$", alt="a", source="s",
                               xlabel="x"),
                  charts.measure_bars(data, "label", title=r"$\frac$", alt="a", source="s",
                                      unit="u", measures={
                                          m: (role, m) for role, m in zip(
                                              ROLES, ["plan_2023", "actual_2023", "plan_2024",
                                                      "plan_2025"])})):
        assert chart.png().startswith(b"\x89PNG") and chart.svg()


# ---- geometry: labels that read cleanly ------------------------------------------------

def _every_chart(tables):
    """Each chart the book draws: the four of every chapter and the overview's two."""
    from budgetbook import overview
    from conftest import CHAPTER_IDS
    attainment = indicators.target_attainment(tables["targets"])
    for sp in CHAPTER_IDS + ["programme"]:
        edition, label, _ = _frames(tables, sp)
        yield _measures_chart(tables, sp)
        yield _delivery_chart(tables, sp)
        change = _change_chart(tables, sp)
        if isinstance(change, charts.Chart):
            yield change
        target = views.target_chart(attainment[attainment["subprogramme"] == sp], edition,
                                    label, sp)
        if isinstance(target, charts.Chart):
            yield target
    edition, labels = edition_of(tables), views.chapter_labels(tables)
    items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
    delivery = indicators.delivery_rate(items, plan=edition.measure("prior_plan"),
                                        actual=edition.measure("prior_actual"))
    yield overview.share_chart(indicators.delivery_counts(delivery, by=["subprogramme"]),
                               edition, labels, "Tables")
    instruments = indicators.mandate_symbols(tables["mandates"])
    yield overview.mandates_chart(indicators.mandates_by_body(instruments, by=("body",)),
                                  edition, entries=len(tables["mandates"]))


def _shown_ticks(ax):
    """The tick labels drawn: those of ticks inside the axis limits."""
    low, high = sorted(ax.get_xlim())
    xs = [t.label1 for t in ax.xaxis.get_major_ticks() if low <= t.get_loc() <= high]
    return xs + [t.label1 for t in ax.yaxis.get_major_ticks()]


def _overlap(a, b, tolerance=0.5):
    return (a.x0 < b.x1 - tolerance and b.x0 < a.x1 - tolerance
            and a.y0 < b.y1 - tolerance and b.y0 < a.y1 - tolerance)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_label_collides_or_is_cut(tables, lang):
    """Measured, not eyeballed: in every chart, each value label lies inside its axes, clear
    of every bar, of the reference line and of every other label; every text of the
    figure (title, tick labels, source) lies inside the figure; in either edition, and
    with every glyph drawn."""
    import warnings
    problems = []
    with language.using(lang), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for chart in _every_chart(tables):
            problems += _layout_problems(chart)
            chart.close()
    problems += [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not problems, problems


def _layout_problems(chart):
    """What reads badly in ``chart``, measured: a value label outside its axes, on a bar,
    across the reference line or on another label; tick labels on each other; any text of
    the figure (title, tick labels, source) cut by the figure's edge."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    problems = []
    fig = chart.fig
    renderer = FigureCanvasAgg(fig).get_renderer()
    frame = fig.bbox
    fig.draw(renderer)
    texts = list(fig.texts) + [t for ax in fig.axes for t in
                               _shown_ticks(ax) + [ax.title, ax._left_title,
                                                   ax.xaxis.label]]
    for text in texts:
        if text.get_text() and text.get_visible():
            box = text.get_window_extent(renderer)
            if box.x0 < frame.x0 - 0.5 or box.x1 > frame.x1 + 0.5 or \
                    box.y0 < frame.y0 - 0.5 or box.y1 > frame.y1 + 0.5:
                problems.append((chart.name, "cut by the figure edge", text.get_text()))
    for ax in fig.axes:
        inside = ax.get_window_extent(renderer)
        labels = [t for t in ax.texts if t.get_text().strip()]
        boxes = [t.get_window_extent(renderer) for t in labels]
        bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_width()]
        lines = [line.get_window_extent(renderer) for line in ax.lines]
        for text, box in zip(labels, boxes):
            name = (chart.name, text.get_text())
            if box.x0 < inside.x0 - 0.5 or box.x1 > inside.x1 + 0.5:
                problems.append((*name, "cut at the axes edge"))
            if any(_overlap(box, bar) for bar in bars):
                problems.append((*name, "overlaps a bar"))
            if any(line.x0 - 1 < box.x1 and box.x0 < line.x1 + 1 for line in lines):
                problems.append((*name, "crosses the reference line"))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if _overlap(a, b):
                    problems.append((chart.name, "labels overlap"))
        ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels()
                 if t.get_text()]
        for i, a in enumerate(ticks):
            for b in ticks[i + 1:]:
                if _overlap(a, b):
                    problems.append((chart.name, "tick labels overlap"))
    return problems


@pytest.mark.slow
def test_every_charts_alt_text_states_its_finding_then_its_values(tables):
    """A screen reader hears the finding (the title) first, then what the chart shows."""
    for chart in _every_chart(tables):
        assert chart.alt_text.startswith(chart.title.rstrip(".") + ". "), chart.name
        assert len(chart.alt_text) > len(chart.title) + 20, chart.name
        chart.close()


def test_a_chapter_whose_plans_do_not_change_gets_a_sentence_not_empty_bars(tables):
    edition, label, totals = _frames(tables, "sp9c2")
    same = (totals[edition.measure("current_plan")] == totals[edition.measure("budget_plan")])
    assert same.all()  # sp9c2: every subcategory's 2025 plan equals its 2024 plan
    note = _change_chart(tables, "sp9c2")
    assert not isinstance(note, charts.Chart)
    assert note.text == (f"The 2025 plan equals the 2024 plan in each of the {len(totals)} "
                         f"subcategories, so there is no change to chart.")
    chart = _change_chart(tables, "sp1")  # some changes: a chart
    assert isinstance(chart, charts.Chart)
    chart.close()


# Run in a process that sees no font but matplotlib's own (a fresh font cache, the system's
# fonts dropped before the package is imported), as on a machine with Python alone.
NO_SYSTEM_FONTS = r"""
import json, logging, sys, warnings
import matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager
own = matplotlib.get_data_path()
font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist
                                    if f.fname.startswith(own)]
font_manager.fontManager.addfont(font_manager.findfont("DejaVu Sans"))  # clears lookups
logged = []
handler = logging.Handler(level=logging.WARNING)
handler.emit = lambda record: logged.append(record.getMessage())
logging.getLogger("matplotlib").addHandler(handler)
warnings.simplefilter("always")
labels = json.loads(sys.stdin.read())
from budgetbook import charts, language
import matplotlib.pyplot as plt
import pandas as pd
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    language.use("zh")  # what a Chinese notebook does first
    data = pd.DataFrame({"label": labels, "value": range(1, len(labels) + 1)})
    chart = charts.hbars(data, "label", "value", title="各次级方案的交付情况",
                         alt="按次级方案列出的交付情况", source="A/79/6 (Sect. 16)/Part A",
                         xlabel="项目数")
    chart.png(); chart.svg()
    fig, ax = plt.subplots(figsize=(8, 40))  # a reader's own chart, plain pyplot
    ax.barh(range(len(labels)), range(len(labels)))
    ax.set_yticks(range(len(labels)), labels)
    ax.set_title("我自己的图：各次类别", fontweight="bold")
    fig.savefig(sys.argv[1])
try:
    cjk = str(font_manager.findfont("Noto Sans SC", fallback_to_default=False))
except ValueError:
    cjk = None
print(json.dumps({"warnings": [str(w.message) for w in caught], "logged": logged,
                  "families": list(matplotlib.rcParams["font.family"]), "cjk": cjk,
                  "system": [f.fname for f in font_manager.fontManager.ttflist
                             if not f.fname.startswith(own)]}))
"""


def test_chinese_labels_draw_with_no_system_font_and_no_glyph_missing(tmp_path):
    """With no font on the system but matplotlib's own, every Chinese label of the data
    (subcategories, subprogramme titles, line items, result titles) draws in the book's
    charts and in a plain pyplot chart: the house style falls back, glyph by glyph, to
    Noto Sans SC from the pinned PyPI distribution; no "Glyph ... missing from font"
    warning and nothing logged by matplotlib (a notebook would print it)."""
    import json
    import subprocess
    import sys

    tables = load_all()
    labels = sorted(set(tables["deliverables"]["subcategory_zh"])
                    | set(tables["deliverables"]["item_zh"])
                    | set(tables["subprogrammes"]["title_zh"])
                    | set(tables["results"]["title_zh"]))
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mplconfig")}
    res = subprocess.run([sys.executable, "-c", NO_SYSTEM_FONTS, str(tmp_path / "own.png")],
                         input=json.dumps(labels), capture_output=True, text=True, env=env,
                         timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    report = json.loads(res.stdout.strip().splitlines()[-1])
    missing = [w for w in report["warnings"] if "missing from font" in w]
    assert not missing, missing[:3]
    assert not report["logged"], report["logged"][:3]
    assert not report["warnings"], report["warnings"][:3]
    # the fonts that drew: matplotlib's and the pinned distribution's, no other
    assert report["families"] == ["DejaVu Sans", "Noto Sans SC"], report["families"]
    assert report["cjk"] and report["cjk"].endswith("NotoSansSC-Regular.otf"), report["cjk"]
    assert not any(name for name in report["system"] if not name.endswith(".otf")
                   or "pylopdf_fonts_zh_cn" not in name), report["system"]


# ---- the Chinese edition ---------------------------------------------------------------

LONG_TITLE_ZH = ("2023 年全部交付的计划逐项产出：最低为次级方案 9 构成部分 1（17 项中的 9 项），"
                 "其余各次级方案均在一半以上，其中次级方案 6 和次级方案 8 的全部计划逐项产出"
                 "均已全部交付")


def test_wrap_measures_width_a_chinese_character_counting_two():
    # Latin text wraps exactly as textwrap does (the English edition draws as before)
    import textwrap
    latin = "Planned line items delivered in full in 2023: lowest Subprogramme 1 (5 of 10)"
    assert charts._wrap(latin, 40) == "\n".join(textwrap.wrap(latin, 40))
    lines = charts._wrap(LONG_TITLE_ZH, 68).split("\n")
    assert len(lines) > 1
    assert all(charts._width(line) <= 68 for line in lines), lines
    assert "".join(lines).replace(" ", "") == LONG_TITLE_ZH.replace(" ", "")  # nothing lost
    # closing punctuation never opens a line, opening never ends one; numbers stay whole
    assert not any(line[0] in "，。、；：）" for line in lines[1:]), lines
    assert not any(line[-1] in "（“" for line in lines), lines
    mixed = charts._wrap("资料来源：A/79/6 (Sect. 16)/Part A，表 16.1、16.4" * 3, 30)
    assert all(charts._width(line) <= 30 for line in mixed.split("\n"))
    assert "A/79/6" in mixed.replace("\n", "")
    # a character count would let the same title run far wider
    assert max(charts._width(line) for line in textwrap.wrap(LONG_TITLE_ZH, 68)) > 100


def test_a_long_chinese_title_stays_inside_the_figure_and_draws_every_glyph():
    """Wrapped by width, a long Chinese title, labels and source line lie inside the
    figure, clear of each other; every glyph draws (no warning, no matplotlib log)."""
    import logging
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    logged = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = logged.append
    logging.getLogger("matplotlib").addHandler(handler)
    data = pd.DataFrame({"label": ["次级方案 1", "次级方案 9 构成部分 1（麻醉药品委员会、预防犯罪"
                                              "和刑事司法委员会秘书处）"],
                         "value": [50.0, 52.9], "note": ["10 项中的 5 项", "17 项中的 9 项"]})
    try:
        with language.using("zh"), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            chart = charts.hbars(data, "label", "value", title=LONG_TITLE_ZH, alt="横向条形图。",
                                 source="A/79/6 (Sect. 16)/Part A, 表 16.1、16.4、16.6（逐项产出）",
                                 xlabel="全部交付的计划逐项产出（占逐项产出的百分比）",
                                 reference=100, annotate="note")
            chart.png()
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert not logged, [r.getMessage() for r in logged[:3]]
    renderer = FigureCanvasAgg(chart.fig).get_renderer()
    title = chart.fig._suptitle
    assert title.get_text().count("\n") >= 1  # wrapped
    box, frame = title.get_window_extent(renderer), chart.fig.bbox
    assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and box.y1 <= frame.y1, (box, frame)
    assert not _layout_problems(chart)
    chart.close()


def test_the_fixed_words_of_a_chart_follow_the_language():
    """The source line, the alt text's joint and the line that opens the numbers are
    written in the language in use when the chart is drawn and shown."""
    with language.using("zh"):
        chart = _make()
        assert "资料来源：Table 16.4" in [t.get_text() for t in chart.fig.texts]
        assert chart.alt_text.startswith("One of two fell short。Bars")
        assert "<summary>本图所依据的数字（2 行）</summary>" in chart._repr_html_()
        assert "资料来源：Table 16.4" in repr(chart)
        empty = charts.measure_bars(pd.DataFrame({"label": [], "plan_2023": []}), "label",
                                    title="无", alt="无", source="无", unit="数目",
                                    measures={"plan_2023": ("prior_plan", "计划")})
        assert "没有量化的应交付产出" in [t.get_text() for t in empty.fig.axes[0].texts]
    # in English, as before
    chart = _make()
    assert "Source: Table 16.4" in [t.get_text() for t in chart.fig.texts]
    assert "<summary>The numbers behind this chart (2 rows)</summary>" in chart._repr_html_()


def test_the_chinese_overview_charts_read_cleanly(tables):
    """The overview's two charts as the Chinese edition draws them: nothing cut, nothing
    on top of anything else."""
    from budgetbook import overview
    edition, labels = edition_of(tables), views.chapter_labels(tables)
    items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
    delivery = indicators.delivery_rate(items, plan=edition.measure("prior_plan"),
                                        actual=edition.measure("prior_actual"))
    instruments = indicators.mandate_symbols(tables["mandates"])
    with language.using("zh"):
        for chart in (overview.share_chart(
                indicators.delivery_counts(delivery, by=["subprogramme"]), edition, labels,
                ", ".join(dict.fromkeys(tables["deliverable_totals"]["table"]))),
                overview.mandates_chart(indicators.mandates_by_body(instruments, by=("body",)),
                                        edition, entries=len(tables["mandates"]))):
            assert not _layout_problems(chart), chart.name
            chart.close()


@pytest.mark.parametrize("sp", ["sp2", "sp3", "programme"])
def test_the_change_chart_draws_each_unit_on_its_own_axis(tables, sp):
    """Sp2's subcategories count documents, meetings, projects, days and publications: the
    change from one plan to the next is drawn one panel per subcategory, each on its own
    axis in the unit its label names, never on one shared axis."""
    edition, label, totals = _frames(tables, sp)
    chart = _change_chart(tables, sp)
    units = views.subcategory_units(totals).tolist()
    assert len(set(units)) > 1  # the case: several units in one chapter
    axes = chart.fig.axes
    assert len(axes) == len(totals) == len(chart.units)
    assert chart.units == units
    for a in axes:
        for b in axes:
            assert a is b or not a.get_shared_x_axes().joined(a, b)
    # each panel draws its subcategory's two plans, in its own unit
    current, budget = edition.measure("current_plan"), edition.measure("budget_plan")
    for ax, (_, row) in zip(axes, totals.iterrows()):
        assert [bar.get_width() for bar in ax.patches] == [row[current], row[budget]]
    assert chart.data["unit"].tolist() == units
    chart.close()


def test_a_chart_of_one_value_per_row_records_one_unit_for_its_axis():
    data = pd.DataFrame({"label": ["a", "b"], "value": [33.3333333, 80.0]})
    chart = charts.hbars(data, "label", "value", title="T", alt="a", source="s",
                         xlabel="% of plan", unit="% of plan", decimals=0)
    assert chart.units == ["% of plan"]
    # the reader's numbers are whole; the download keeps the exact value, named so
    assert chart.data["value"].tolist() == [33, 80]
    assert chart.numbers()["value (exact)"].tolist() == [33.3333333, 80.0]
    assert 'data-units="[&quot;% of plan&quot;]"' in chart._repr_html_()
    chart.close()
