"""Unit tests of the overview views (budgetbook/overview.py) on the data of this edition.

Every frame is computed as notebooks/00_overview.py computes it, and every number the
overview shows is checked against a recomputation with plain pandas from the loaded
tables: no aggregate may add up different units (documents, three-hour meetings, days),
and the duplicated block of the source audit is counted once.
"""
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from budgetbook import indicators, language, load_all, overview, views
from budgetbook.edition import edition_of
from chinese import english_left

# The source audit's duplicated block: Table 16.25 prints 'Substantive services for
# meetings' twice, the second time as 'Conference and secretariat services for meetings'.
DUPLICATED_ISSUE = "SI-53"
DUPLICATED_TABLE = "16.25"


@pytest.fixture(scope="module")
def tables():
    return load_all()


def overview_frames(tables):
    """The frames of notebooks/00_overview.py, step by step, in the language in use."""
    edition = edition_of(tables)
    labels = views.chapter_labels(tables)
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    current_plan, budget_plan = edition.measure("current_plan"), edition.measure("budget_plan")
    all_items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
    item_delivery = indicators.delivery_rate(all_items, plan=plan, actual=actual)
    item_counts = indicators.delivery_counts(item_delivery, by=["subprogramme"])
    items_chart = overview.share_chart(
        item_counts, edition, labels,
        ", ".join(dict.fromkeys(tables["deliverable_totals"]["table"])))
    totals = indicators.item_totals(all_items, indicators.without_duplicates(
        tables["deliverable_totals"], tables["source_issues"]), edition.measures)
    delivery_by_kind = overview.by_kind(
        totals, totals[actual].astype(str) + language.t(" of ", " / ")
        + totals[plan].astype(str), labels)
    plans_by_kind = overview.by_kind(
        totals, totals[current_plan].astype(str) + " → " + totals[budget_plan].astype(str),
        labels)
    shortfalls = indicators.shortfalls(item_delivery, plan=plan, actual=actual)
    shortfalls_table = overview.shortfalls_table(shortfalls, edition, labels,
                                                 tables["deliverable_timing"])
    verdicts = indicators.result_verdicts(indicators.target_attainment(tables["targets"]))
    verdict_table = overview.verdict_table(verdicts, labels)
    instruments = indicators.mandate_symbols(tables["mandates"])
    mandates_table = overview.mandates_table(indicators.mandates_by_body(instruments), labels)
    mandates_chart = overview.mandates_chart(
        indicators.mandates_by_body(instruments, by=("body",)), edition,
        entries=len(tables["mandates"]))
    return SimpleNamespace(
        edition=edition, labels=labels, plan=plan, actual=actual, current_plan=current_plan,
        budget_plan=budget_plan, all_items=all_items, item_delivery=item_delivery,
        item_counts=item_counts, items_chart=items_chart, totals=totals,
        delivery_by_kind=delivery_by_kind, plans_by_kind=plans_by_kind,
        shortfalls=shortfalls, shortfalls_table=shortfalls_table, verdicts=verdicts,
        verdict_table=verdict_table, mandates_table=mandates_table,
        mandates_chart=mandates_chart)


@pytest.fixture(scope="module")
def nb(tables):
    """The frames of notebooks/00_overview.py, in English."""
    frames = overview_frames(tables)
    yield frames
    frames.items_chart.close()
    frames.mandates_chart.close()


@pytest.fixture(scope="module")
def nb_zh(tables):
    """The same frames as the Chinese edition computes them (``language = "zh"``)."""
    with language.using("zh"):
        frames = overview_frames(tables)
    yield frames
    frames.items_chart.close()
    frames.mandates_chart.close()


def second_block(tables):
    """Independently of the package: (table, subcategory) of the block SI-53 repeats, read
    from the audit's own words (its check key names the first block, then the second)."""
    issue = tables["source_issues"].set_index("issue_id").loc[DUPLICATED_ISSUE]
    assert issue["category"] == "duplicated_block"
    assert issue["location"] == f"Table {DUPLICATED_TABLE}"
    kind, table, first, second = issue["check_key"].split("|")
    assert (kind, table) == ("duplicated_block", DUPLICATED_TABLE)
    assert first == issue["source_wording_zh"] and second != first
    return table, second


def items_once(tables):
    """Every line item, the second block of the duplicated block left out."""
    table, second = second_block(tables)
    d = tables["deliverables"]
    return d[~((d["table"] == table) & (d["subcategory_zh"] == second))]


# ---- the duplicated block ----------------------------------------------------------

def test_without_duplicates_drops_the_second_block_of_si53_and_nothing_else(tables):
    table, second = second_block(tables)
    d = tables["deliverables"]
    kept = indicators.without_duplicates(d, tables["source_issues"])
    dropped = d.loc[d.index.difference(kept.index)]
    assert kept.equals(d.drop(dropped.index))  # order and values of the rest untouched
    assert set(dropped["table"]) == {table} and set(dropped["subcategory_zh"]) == {second}
    assert dropped["item_no"].tolist() == [10, 11, 12]
    assert (dropped["subcategory_en"] == "Conference and secretariat services for meetings "
                                         "(number of three-hour meetings)").all()
    # the first block, which the second repeats item by item, stays
    first = kept[(kept["table"] == table) & (kept["item_no"].isin([7, 8, 9]))]
    measures = edition_of(tables).measures
    assert first[measures].values.tolist() == dropped[measures].values.tolist()
    # one printed total goes with it
    t = tables["deliverable_totals"]
    kept_totals = indicators.without_duplicates(t, tables["source_issues"])
    gone = t.loc[t.index.difference(kept_totals.index)]
    assert len(gone) == 1 and gone[["table", "subcategory_zh"]].values.tolist() == [
        [table, second]]
    assert indicators.duplicated_subcategories(tables["source_issues"]) == {(table, second)}


# ---- no aggregate mixes units ------------------------------------------------------

UNIT_LABEL = re.compile(r"^[A-Z]\. [^()]+ \((number of [^()]+)\)$")


def expected_cells(tables, edition, left, right, sep):
    """Per (subprogramme label, subcategory label): the items of that subprogramme and that
    subcategory alone, summed with plain pandas, as '<left> <sep> <right>'."""
    d = items_once(tables)
    labels = views.chapter_labels(tables)
    key = ["subprogramme", "table", "category", "subcategory_zh", "subcategory_en"]
    sums = d.groupby(key)[edition.measures].sum().reset_index()
    sums["row"] = sums["category"] + ". " + sums["subcategory_en"]
    sums["column"] = sums["subprogramme"].map(labels)
    # one subcategory per cell: no two blocks of one subprogramme share a row
    assert not sums.duplicated(["column", "row"]).any()
    return {(c, r): f"{a} {sep} {b}" for c, r, a, b in zip(
        sums["column"], sums["row"], sums[left], sums[right])}


@pytest.mark.parametrize("which, left, right, sep", [
    ("delivery_by_kind", "prior_actual", "prior_plan", "of"),
    ("plans_by_kind", "current_plan", "budget_plan", "→"),
])
def test_by_kind_rows_are_one_unit_and_cells_one_subcategory(tables, nb, which, left, right,
                                                             sep):
    table = getattr(nb, which)
    edition = nb.edition
    # every row is one kind of subcategory, whose label carries exactly one unit
    rows = table["subcategory"].tolist()
    assert len(rows) == len(set(rows))
    for label in rows:
        match = UNIT_LABEL.match(label)
        assert match, label
        assert label.count("(") == 1 and label.count(")") == 1
    # the columns are the subprogrammes, in the order of the book, and nothing else
    columns = [c for c in table.columns if c != "subcategory"]
    assert table.columns[0] == "subcategory"
    assert columns == [name for name in nb.labels.values() if name in columns]
    expected = expected_cells(tables, edition, edition.measure(left), edition.measure(right),
                              sep)
    shown = {(c, r): v for r, row in zip(rows, table[columns].itertuples(index=False))
             for c, v in zip(columns, row) if isinstance(v, str)}
    # every cell is the sum of one subprogramme's items of one subcategory, and every
    # subcategory with items has its cell
    assert shown == expected
    empty = [(c, r) for r, row in zip(rows, table[columns].itertuples(index=False))
             for c, v in zip(columns, row) if not isinstance(v, str)]
    assert all(pd.isna(table.loc[table["subcategory"] == r, c].iloc[0]) for c, r in empty)
    assert not set(empty) & set(expected)


def test_the_duplicated_block_is_counted_once(nb):
    sp9c2 = nb.labels["sp9c2"]
    table = nb.delivery_by_kind.set_index("subcategory")
    assert "A. Conference and secretariat services for meetings (number of three-hour " \
           "meetings)" not in table.index
    # the first block alone: 58 + 6 + 60 of 60 + 18 + 20
    assert table.loc["A. Substantive services for meetings (number of three-hour meetings)",
                     sp9c2] == "124 of 98"


def test_share_chart_counts_items_not_units(tables, nb):
    d = items_once(tables)
    plan, actual = d[nb.plan], d[nb.actual]
    planned = (plan > 0).groupby(d["subprogramme"]).sum()
    in_full = ((plan > 0) & (actual >= plan)).groupby(d["subprogramme"]).sum()
    data = nb.items_chart.data
    share = "delivered in full (% of line items with a plan)"
    assert list(data.columns) == ["subprogramme", share, "note"]
    expected = [(nb.labels[sp], int(in_full[sp]), int(planned[sp]))
                for sp in nb.labels if planned.get(sp, 0) > 0]
    assert data["subprogramme"].tolist() == [label for label, _, _ in expected]
    assert data["note"].tolist() == [f"{k} of {n} items" for _, k, n in expected]
    # whole percentages on the page; the download keeps them exact
    assert data[share].tolist() == [round(100 * k / n) for _, k, n in expected]
    assert nb.items_chart.numbers()[f"{share} (exact)"].tolist() == pytest.approx(
        [100 * k / n for _, k, n in expected])
    # the counts behind it, as the notebook computed them
    counts = nb.item_counts.set_index("subprogramme")
    for sp in planned.index:
        assert (counts.loc[sp, "planned"], counts.loc[sp, "in_full"]) == (
            planned[sp], in_full[sp])
    # the title names the lowest share (the more planned items first on a tie)
    label, k, n = min(expected, key=lambda e: (e[1] / e[2], -e[2]))
    assert nb.items_chart.title == (f"Line items with a {nb.edition.performance_year} plan "
                                    f"delivered in full: lowest {label} ({k} of {n} items)")
    assert nb.items_chart.title.endswith("lowest Subprogramme 1 (5 of 10 items)")
    assert nb.items_chart.source.startswith(f"{nb.edition.symbol}, Tables 16.1, ")


def test_items_finding_counts_items_across_the_programme(tables, nb):
    d = items_once(tables)
    plan, actual = d[nb.plan], d[nb.actual]
    note = views.items_finding(nb.item_counts, nb.labels, nb.edition)
    y = nb.edition.performance_year
    assert note.text.startswith(f"{int(((plan > 0) & (actual >= plan)).sum())} of the "
                                f"{int((plan > 0).sum())} line items with a {y} plan were "
                                f"delivered in full; by subprogramme, from ")
    assert note.text == ("83 of the 108 line items with a 2023 plan were delivered in full; "
                         "by subprogramme, from 5 of 10 (Subprogramme 1) to 10 of 10 "
                         "(Subprogramme 6).")


# ---- shortfalls ----------------------------------------------------------------------

FOUR = [  # (subprogramme, source, delivered)
    ("sp2", "Table 16.6, item 2", "0 of 5"),      # regional drug trafficking reports
    ("sp9c1", "Table 16.22, item 8", "0 of 2"),   # ad hoc expert groups: documents
    ("sp9c1", "Table 16.22, item 15", "0 of 4"),  # ad hoc expert groups: meetings
    ("sp1", "Table 16.4, item 2", "6 of 34"),     # Ad Hoc Committee documentation
]


def test_shortfalls_table_lists_every_material_shortfall_ranked(tables, nb):
    d = items_once(tables)
    plan, actual = d[nb.plan], d[nb.actual]
    material = d[(plan > 0) & (10 * actual < 9 * plan)]
    t = nb.shortfalls_table
    assert list(t.columns) == ["subprogramme", "subcategory", "item", "delivered", "gap",
                               "source", "line in data/raw", "marked in the text"]
    marked = dict(zip(t["source"], t["marked in the text"]))
    assert marked["Table 16.4, item 2"].startswith("ad hoc body: ")  # the Ad Hoc Committee
    assert marked["Table 16.6, item 2"] == "—"  # the text marks nothing about it
    assert sorted(t["source"]) == sorted(
        "Table " + material["table"] + ", item " + material["item_no"].astype(str))
    # the repeated block is not listed a second time
    assert "Table 16.25, item 11" not in set(t["source"])
    assert "Table 16.25, item 8" in set(t["source"])
    for sp, source, delivered in FOUR:
        row = t[t["source"] == source].iloc[0]
        assert (row["subprogramme"], row["delivered"]) == (nb.labels[sp], delivered)
    # ranked: the items that delivered nothing first, then by the share undelivered
    zero = [x.startswith("0 of ") for x in t["delivered"]]
    assert zero == sorted(zero, reverse=True) and sum(zero) == 3
    assert set(t["source"][:3]) == {source for _, source, delivered in FOUR
                                    if delivered.startswith("0 of ")}
    shares = []
    for delivered in t["delivered"]:
        a, p = (int(x) for x in delivered.split(" of "))
        shares.append((p - a) / p)
    assert shares == sorted(shares, reverse=True)
    assert t["source"].tolist().index("Table 16.4, item 2") == 3
    assert t.loc[3, "gap"] == "28 (82% of plan)"


def test_shortfalls_finding(nb):
    note = views.shortfalls_finding(nb.shortfalls, nb.item_counts, nb.labels, nb.edition)
    n_sp = nb.shortfalls["subprogramme"].nunique()
    assert note.text.startswith(f"{len(nb.shortfalls)} of the "
                                f"{int(nb.item_counts['planned'].sum())} line items with a "
                                f"{nb.edition.performance_year} plan delivered less than 90% "
                                f"of plan, in "
                                f"{n_sp} subprogrammes; the largest share undelivered: ")
    assert note.text.endswith("Reports to the Commission on Narcotic Drugs on regional drug "
                              "trafficking trends (Subprogramme 2, Table 16.6, item 2).")


# ---- verdicts and mandates -----------------------------------------------------------

def test_verdict_table_counts_every_statement_once(tables, nb):
    t = nb.verdict_table
    assert list(t.columns) == ["subprogramme", "statements", "supported", "contradicted",
                               "unverifiable", "no status"]
    planned = tables["targets"][tables["targets"]["result"] > 0]  # highlights: no target
    per_sp = planned["subprogramme"].value_counts()
    expected = [(nb.labels[sp], int(per_sp[sp])) for sp in nb.labels if sp in per_sp]
    assert list(zip(t["subprogramme"], t["statements"])) == expected
    verdicts = t[["supported", "contradicted", "unverifiable", "no status"]]
    assert (verdicts.sum(axis=1) == t["statements"]).all()
    assert int(t["statements"].sum()) == len(planned)
    sp6 = t[t["subprogramme"] == nb.labels["sp6"]].iloc[0]
    assert (sp6["supported"], sp6["contradicted"], sp6["unverifiable"]) == (1, 1, 2)


def test_mandates_table_and_chart_count_every_listed_mandate(tables, nb):
    m = tables["mandates"]
    instruments = indicators.mandate_symbols(m)
    symbols = sum(len(s.split(";")) if isinstance(s, str) else 1 for s in m["symbol"])
    assert len(instruments) == symbols
    table = overview.mandates_table(indicators.mandates_by_body(instruments), nb.labels)
    assert int(table.drop(columns="issuing body").to_numpy().sum()) == symbols
    per_body = instruments["body"].map(views.BODY_NAMES).value_counts()
    assert table.set_index("issuing body").sum(axis=1).to_dict() == per_body.to_dict()
    # the chart counts each distinct instrument once, however many lists cite it
    distinct = indicators.distinct_instruments(instruments)
    chart = overview.mandates_chart(distinct, nb.edition, entries=len(m))
    assert f": {len(distinct)} distinct instruments in {len(m)} printed entries" in chart.title
    assert "most" not in chart.title  # a count of mandates is not a finding
    counts = chart.data["instruments (number)"]
    assert counts.tolist() == sorted(counts, reverse=True) and counts.sum() == len(distinct)
    assert chart.units == ["instruments"]
    chart.close()


def test_an_instrument_two_lists_cite_counts_once_in_the_chart(tables, nb):
    """The overview's chart adds the lists: an instrument a subprogramme lists again beside
    the programme-wide list is one instrument, and the sentence says how many there are."""
    m = tables["mandates"]
    programme = m[m["subprogramme"] == "programme"].iloc[[0]]
    again = pd.concat([m, programme.assign(subprogramme="sp3", list_no=999)], ignore_index=True)
    instruments = indicators.mandate_symbols(again)
    distinct = indicators.distinct_instruments(instruments)
    assert len(distinct) == len(indicators.mandate_symbols(m)) == len(instruments) - 1
    assert str(overview.shared_instruments_finding(distinct)).startswith(
        f"1 of the {len(distinct)} instruments are cited by more than one list")
    assert "none of the" in str(overview.shared_instruments_finding(
        indicators.distinct_instruments(indicators.mandate_symbols(m))))


def test_missed_targets_line_names_each_miss_with_its_numbers_and_the_texts_reason(tables):
    """The overview's answer to 'which targets were missed, and why': every statement below
    its target, recomputed here from targets.csv, with the reason its paragraph states."""
    t = tables["targets"]
    missed = t[(t["actual"] < t["target"]).fillna(False) | (t["status_stated"] == "not_met")]
    v = indicators.result_verdicts(indicators.target_attainment(t), tables["results"])
    text = views.missed_targets_finding(v, views.chapter_labels(tables)).text
    assert text.startswith(f"{len(missed)} targets were not met. ")
    for _, r in missed.iterrows():
        assert f"{r['indicator_en']}: {r['actual']:,.0f} " in text
        assert f"paragraph {r['paragraph']})" in text
        assert r["reason_en"].rstrip(".") in text
    none = v[v["status_computed"] != "not_met"].assign(status_stated="met")
    assert views.missed_targets_finding(none, views.chapter_labels(tables)).text == (
        "no target was missed, by the numbers or by the text's account.")


def test_plans_line_counts_line_items_recomputed_from_the_csv(tables):
    """Counts of items (unit-free), recomputed here with plain pandas; items at nil in both
    years are not 'unchanged' plans, and the duplicated block counts once."""
    edition = edition_of(tables)
    d = items_once(tables)
    old, new = d[edition.measure("current_plan")], d[edition.measure("budget_plan")]
    either = (old > 0) | (new > 0)
    expected = (f"of the {int(either.sum())} line items planned in 2024 or 2025, the 2025 plan is "
                f"higher than the 2024 plan for {int((new > old).sum())} "
                f"({int(((old == 0) & (new > 0)).sum())} of them new), lower for "
                f"{int((new < old).sum())} ({int(((old > 0) & (new == 0)).sum())} of them "
                f"dropped) and unchanged for {int((either & (new == old)).sum())}.")
    change = indicators.plan_change(
        indicators.without_duplicates(tables["deliverables"], tables["source_issues"]),
        base=edition.measure("current_plan"), new=edition.measure("budget_plan"))
    assert views.plans_finding(change, edition).text == expected


# ---- the Chinese edition -------------------------------------------------------------

NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def table_texts(df):
    """Every header and every text cell of a table."""
    return [str(c) for c in df.columns] + [v for v in df.to_numpy().ravel()
                                           if isinstance(v, str)]


def chart_texts(chart):
    """Every word a reader meets in a chart, read in the language in use: what the figure
    draws (title, axis label, ticks, bar notes, source line), the alt text, the line that
    opens the numbers behind it, and their headers and cells."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text
    FigureCanvasAgg(chart.fig).draw()
    drawn = [t.get_text() for t in chart.fig.findobj(Text)]
    summary = re.search(r"<summary>(.*?)</summary>", chart._repr_html_()).group(1)
    return drawn + [chart.alt_text, summary] + table_texts(chart.data)


def test_the_chinese_overview_shows_no_english_word(tables, nb_zh):
    """Every header, cell, chart title, label, note, source line and alt text of the
    overview, as the Chinese edition computes it, is Chinese: the Latin-letter words left
    are the source's own and ids: the timing notes too are Chinese (note_zh)."""
    with language.using("zh"):
        texts = [text for frame in (nb_zh.delivery_by_kind, nb_zh.plans_by_kind,
                                    nb_zh.shortfalls_table, nb_zh.verdict_table,
                                    nb_zh.mandates_table) for text in table_texts(frame)]
        texts += chart_texts(nb_zh.items_chart) + chart_texts(nb_zh.mandates_chart)
    left = english_left("\n".join(texts), tables)
    assert not left, f"English words on the Chinese overview: {left}"


def test_the_chinese_overview_titles_use_chinese_punctuation(nb_zh):
    for chart in (nb_zh.items_chart, nb_zh.mandates_chart):
        assert "：" in chart.title and ": " not in chart.title
        assert chart.alt.endswith("。") and "; " not in chart.alt
        assert chart.source.startswith(f"{nb_zh.edition.symbol}，")
    assert "（" in nb_zh.items_chart.title and "(" not in nb_zh.items_chart.title
    # the tables cited, as a Chinese list
    assert "表 16.1、16.4、" in nb_zh.items_chart.source


def _numbers(value):
    return sorted(NUMBER.findall(str(value)))


def test_both_editions_show_the_same_numbers(nb, nb_zh):
    """Numbers are never translated: every count, share and line number of the overview
    is the same in both editions, in the same rows and columns."""
    for name in ("delivery_by_kind", "plans_by_kind", "shortfalls_table", "verdict_table",
                 "mandates_table"):
        en, zh = getattr(nb, name), getattr(nb_zh, name)
        assert en.shape == zh.shape, name
        assert list(en.dtypes) == list(zh.dtypes), name
        numeric = [i for i, dtype in enumerate(en.dtypes)
                   if pd.api.types.is_numeric_dtype(dtype)]
        assert en.iloc[:, numeric].equals(zh.iloc[:, numeric].set_axis(
            en.columns[numeric], axis=1)), name
    # one row per kind in both editions, though the source prints a kind slightly
    # differently from table to table ("3 小时" / "3小时"): each row shows one of its labels
    assert set(nb_zh.delivery_by_kind.iloc[:, 0]) <= set(
        nb_zh.totals["category"] + ". " + nb_zh.totals["subcategory_zh"])
    # the cells that write numbers into words: delivered, gap and source of a shortfall,
    # and each subprogramme's cell of the unit-by-unit tables
    for en, zh in ((nb.shortfalls_table.iloc[:, 3:6], nb_zh.shortfalls_table.iloc[:, 3:6]),
                   (nb.delivery_by_kind.iloc[:, 1:], nb_zh.delivery_by_kind.iloc[:, 1:]),
                   (nb.plans_by_kind.iloc[:, 1:], nb_zh.plans_by_kind.iloc[:, 1:])):
        assert [[_numbers(v) for v in row] for row in en.to_numpy()] == \
            [[_numbers(v) for v in row] for row in zh.to_numpy()]
    # the charts: the same values, and the same numbers in every title, note and alt text
    for en, zh in ((nb.items_chart, nb_zh.items_chart),
                   (nb.mandates_chart, nb_zh.mandates_chart)):
        assert en.data.iloc[:, 1].tolist() == zh.data.iloc[:, 1].tolist()
        assert [_numbers(v) for v in en.data.iloc[:, -1]] == \
            [_numbers(v) for v in zh.data.iloc[:, -1]]
        assert _numbers(en.title) == _numbers(zh.title)
        assert _numbers(en.alt) == _numbers(zh.alt)
