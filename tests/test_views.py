"""Unit tests of the chapter views (budgetbook/views.py) and the pages they share with the
reference chapters (budgetbook/render.py, pages.py, commentary.py).

Each test computes the frames a chapter notebook computes (notebooks/_chapter_template.py)
and hands them to the view, as the notebook does.
"""
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from budgetbook import commentary, indicators, language, load_all, pages, render, views
from budgetbook.edition import edition_of
from chinese import english_left, visible
from conftest import CHAPTER_IDS


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(scope="module")
def edition(tables):
    return edition_of(tables)


def frames(tables, sp):
    """The frames the chapter template computes for one subprogramme, step by step."""
    edition = edition_of(tables)
    items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
    printed = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == sp]
    attainment = indicators.target_attainment(tables["targets"])
    mandates = tables["mandates"][tables["mandates"]["subprogramme"] == sp]
    return SimpleNamespace(
        edition=edition, label=views.subprogramme_label(tables, sp), items=items,
        printed=printed,
        check=indicators.recomputed_totals(items, printed, edition.measures),
        totals=indicators.item_totals(items, printed, edition.measures),
        attainment=attainment[attainment["subprogramme"] == sp],
        verdicts=indicators.result_verdicts(attainment[attainment["subprogramme"] == sp]),
        mandates=mandates,
        findings=tables["source_issues"][tables["source_issues"]["subprogramme"] == sp],
        results=tables["results"][tables["results"]["subprogramme"] == sp])


def delivery_of(f):
    return indicators.delivery_rate(f.totals, plan=f.edition.measure("prior_plan"),
                                    actual=f.edition.measure("prior_actual"))


def change_of(f):
    return indicators.plan_change(f.totals, base=f.edition.measure("current_plan"),
                                  new=f.edition.measure("budget_plan"))


def item_delivery_of(f):
    return indicators.delivery_rate(f.items, plan=f.edition.measure("prior_plan"),
                                    actual=f.edition.measure("prior_actual"))


def item_change_of(f):
    return indicators.plan_change(f.items, base=f.edition.measure("current_plan"),
                                  new=f.edition.measure("budget_plan"))


def material_of(f):
    return indicators.shortfalls(item_delivery_of(f), plan=f.edition.measure("prior_plan"),
                                 actual=f.edition.measure("prior_actual"))


def plan_vs_actual_of(f):
    return indicators.plan_change(f.totals, base=f.edition.measure("prior_actual"),
                                  new=f.edition.measure("budget_plan"))


def item_sums(tables, sp, edition):
    """Independently of the package: each subcategory's items summed with plain pandas."""
    d = tables["deliverables"]
    return d[d["subprogramme"] == sp].groupby(["table", "subcategory_zh"])[
        edition.measures].sum()


# ---- who and what the page is about --------------------------------------------------

def test_edition_line_names_the_document_and_its_years(edition):
    note = views.edition_line(edition)
    assert note.text == (f"From {edition.symbol}: the proposed programme plan for "
                         f"{edition.budget_year} and the programme performance in "
                         f"{edition.performance_year}.")
    assert "A/79/6 (Sect. 16)/Part A" in note.text and "2025" in note.text
    assert "2023" in note.text


def test_heading_starts_with_the_edition_line(tables, edition):
    note = views.heading(tables, "sp1")
    line = views.edition_line(edition)
    assert note.text.startswith(line.text + "\n")
    assert note.html.startswith(line.html)
    assert "Subprogramme 1: Countering transnational organized crime" in note.text


def test_commentary_notice_warns_only_for_another_edition(tables, edition):
    written_on = commentary.fingerprints(tables, "sp1")
    same = commentary.notice(tables, "sp1", written_for=edition.symbol, written_on=written_on)
    assert same.text == ""
    assert same.html == ""
    note = commentary.notice(tables, "sp1", written_for="A/78/6 (Sect. 16)",
                             written_on=written_on)
    assert "written for A/78/6 (Sect. 16)" in note.text and edition.symbol in note.text
    assert "warning" in note.html


def test_unknown_subprogramme_is_refused_with_the_valid_ids(tables):
    with pytest.raises(ValueError, match="unknown subprogramme 'sp10'; choose one of: programme"):
        views.check_subprogramme(tables, "sp10")


def test_every_chapter_has_a_notebook(tables):
    assert set(views.NOTEBOOKS) == set(tables["subprogrammes"]["id"])


def test_a_chapter_refuses_to_show_another_subprogramme(tables):
    with pytest.raises(ValueError, match=r"written for sp3.*run notebooks/sp5_justice\.ipynb"):
        views.check_subprogramme(tables, "sp5", written_for="sp3")
    assert views.check_subprogramme(tables, "sp3", written_for="sp3") == "sp3"


# ---- deliverables -----------------------------------------------------------------

def test_deliverables_table_lists_every_item_under_its_subcategory(tables, edition):
    f = frames(tables, "sp1")
    df = views.deliverables_table(f.items, edition)
    assert len(df) == len(f.items)
    labels = edition.measure_labels
    assert list(labels.values()) == ["2023 planned", "2023 actual", "2024 planned",
                                     "2025 planned"]
    assert [c for c in df.columns if c in labels.values()] == list(labels.values())
    assert set(df["subcategory"]) == set(f.items["category"] + ". " + f.items["subcategory_en"])
    # an item printed as "—" says so
    nil = df[df["printed as —"] != ""]
    assert not nil.empty and (nil[labels[edition.measure("budget_plan")]] == 0).any()
    # on the page the subcategory heads its run of items once, not on every row
    html_ = render.table(df, group="subcategory").html
    for label in set(df["subcategory"]):
        assert html_.count(render.escape(label)) == 1


def test_deliverables_summary_shows_the_printed_total_only_where_it_differs(tables, edition):
    labels = edition.measure_labels
    for sp in CHAPTER_IDS + ["programme"]:
        f = frames(tables, sp)
        df = views.deliverables_summary(f.check, edition)
        assert len(df) == len(f.printed)
        # the recomputed totals: the sum of the items, per subcategory, recomputed here
        sums = f.items.groupby(f.items["category"] + ". " + f.items["subcategory_en"],
                               sort=False)[edition.measures].sum()
        for _, row in df.iterrows():
            assert [row[labels[m]] for m in edition.measures] == sums.loc[
                row["subcategory"]].tolist()
        agrees = f.check["matches"].tolist()
        assert [p == "✓ as printed" for p in df["printed total"]] == agrees
    # a printed total that differs shows the printed value of each measure that differs
    changed, _ = _with_sp3_item_changed(tables)
    f = frames(changed, "sp3")
    df = views.deliverables_summary(f.check, edition)
    differs = df[df["printed total"] != "✓ as printed"]
    assert len(differs) == 1
    assert differs["printed total"].iloc[0].startswith("differs: printed 2023 actual ")


def test_plan_vs_actual_table(tables, edition):
    f = frames(tables, "sp9c1")
    df = views.plan_vs_actual_table(plan_vs_actual_of(f), edition)
    t = tables["deliverable_totals"]
    t = t[t["subprogramme"] == "sp9c1"]
    plan, actual = edition.measure("budget_plan"), edition.measure("prior_actual")
    assert (df["change"] == (t[plan] - t[actual]).values).all()
    assert list(df.columns[1:3]) == ["2023 actual", "2025 planned"]


def _with_sp3_item_changed(tables):
    changed = dict(tables)
    d = tables["deliverables"].copy()
    row = d.index[(d["subprogramme"] == "sp3")][0]
    d.loc[row, edition_of(tables).measure("prior_actual")] += 1
    changed["deliverables"] = d
    return changed, d.loc[row]


def test_totals_summary_blames_the_data_when_the_audit_lists_no_mismatch(tables):
    changed, _ = _with_sp3_item_changed(tables)
    f = frames(changed, "sp3")
    text = views.totals_summary(f.check, changed["source_issues"], f.edition).text
    assert "1 differ" in text and "source audit lists 0 of them" in text
    assert "deliverables.csv" in text and "source's own totals" not in text


def test_totals_summary_points_to_the_audit_when_it_lists_the_mismatch(tables):
    from budgetbook import audit
    changed, item = _with_sp3_item_changed(tables)
    issues = changed["source_issues"]
    listed = issues.iloc[:1].copy()
    listed["category"] = "total_mismatch"
    listed["check_key"] = audit.total_mismatch_key(item["table"], item["subcategory_zh"],
                                                   edition_of(tables).measure("prior_actual"))
    changed["source_issues"] = pd.concat([issues, listed], ignore_index=True)
    f = frames(changed, "sp3")
    text = views.totals_summary(f.check, changed["source_issues"], f.edition).text
    assert "the source audit lists each" in text


def test_indicators_follow_a_corrected_item_not_the_printed_total(tables):
    """An analyst corrects one item: the chapter's rate, change and tables move with it,
    while the printed total stays as printed (and the totals check says NO)."""
    ed = edition_of(tables)
    changed, item = _with_sp3_item_changed(tables)
    actual = ed.measure("prior_actual")
    old_f, new_f = frames(tables, "sp3"), frames(changed, "sp3")
    before_chart = views.delivery_chart(delivery_of(old_f), ed, old_f.label, "sp3")
    after_chart = views.delivery_chart(delivery_of(new_f), ed, new_f.label, "sp3")
    before, after = before_chart.data, after_chart.data
    before_chart.close()
    after_chart.close()
    label = f"{item['category']}. {item['subcategory_en']}"
    row_before = before[before["subcategory"] == label].iloc[0]
    row_after = after[after["subcategory"] == label].iloc[0]
    rate = "delivery rate (% of plan)"
    assert row_after[rate] > row_before[rate]
    table = views.plan_vs_actual_table(plan_vs_actual_of(new_f), ed)
    old = views.plan_vs_actual_table(plan_vs_actual_of(old_f), ed)
    assert (table[ed.measure_labels[actual]] - old[ed.measure_labels[actual]]).sum() == 1
    assert "NO" in set(views.totals_check(new_f.check, ed)["all four match"])
    # the printed total stays as printed
    assert new_f.printed.equals(old_f.printed)


# ---- results and their measures ------------------------------------------------------

def test_figure_values_state_only_what_the_text_states(tables, edition):
    # followers on social media, paragraph 16.98
    df = views.figure_values(tables, edition, "16.XVIII")
    assert df["year"].tolist() == edition.years
    stated = df[df["year"] == edition.performance_year]
    assert stated["value stated"].tolist() == ["845,258 followers"]
    assert stated["target stated"].tolist() == ["731,000 followers"]
    others = df[df["year"] != edition.performance_year]
    assert set(others["value stated"]) == {render.NOT_STATED}


def test_figure_without_any_stated_value(tables, edition):
    # Figure 16.III (paragraph 16.30 states no number)
    df = views.figure_values(tables, edition, "16.III")
    assert set(df["value stated"]) == {render.NOT_STATED}


def test_figure_value_stated_in_its_highlight_paragraph(tables, edition):
    # Figure 16.XXV: paragraph 16.135 states 154 countries and territories in 2023
    df = views.figure_values(tables, edition, "16.XXV")
    stated = df[df["year"] == edition.performance_year]
    assert stated["value stated"].tolist() == ["154 countries and territories"]
    assert stated["cited in"].tolist() == ["paragraph 16.135"]
    others = df[df["year"] != edition.performance_year]
    assert set(others["value stated"]) == {render.NOT_STATED}


def test_result_blocks_combine_title_measure_and_values(tables, edition):
    f = frames(tables, "sp7")
    note = views.result_blocks(f.results, tables, edition)
    assert "Result 1:" in note.text and "Figure 16.XVIII" in note.text
    assert "845,258 followers" in note.text and render.NOT_STATED in note.text
    # every result of the chapter is in the one block, in order
    for n in sorted(f.results["result"]):
        if n:
            assert f"Result {n}: " in note.text
    assert note.text.index("Result 1:") < note.text.index("Result 2:")
    # a figure result's table: what the paragraphs state, year by year
    first = views.result_blocks(f.results[f.results["result"] == 1], tables, edition)
    assert "Result 1:" in first.text and "Figure 16.XVIII" in first.text
    assert list(first.data.columns) == ["year", "series", "value stated", "target stated",
                                        "cited in"]


# ---- targets ----------------------------------------------------------------------

def test_results_register_sets_the_stated_status_beside_the_numbers(tables, edition):
    df = views.results_register(frames(tables, "sp6").verdicts, tables["figures"], edition)
    # paragraph 16.85 says "exceeded" for 17 countries against a target of 17
    row = df[(df["paragraph"] == "16.85")
             & (df["indicator"] == "Countries from which data were collected")].iloc[0]
    assert row["status stated"] == "exceeded"
    assert (row["actual"], row["target"]) == ("17 countries", "17 countries")
    assert row["gap (actual − target)"] == "+0 countries"
    # the verdict says what the numbers imply, beside the stated word (source audit SI-31)
    assert row["verdict"] == "contradicted (by the numbers: met)"
    assert row["measure"] == "Figure 16.XV"


def test_results_register_columns_and_one_row_per_statement(tables, edition):
    f = frames(tables, "sp1")
    df = views.results_register(f.verdicts, tables["figures"], edition)
    assert list(df.columns) == ["result", "paragraph", "indicator", "measure", "basis", "year",
                                "actual", "target", "gap (actual − target)", "status stated",
                                "verdict", "reason given in the text (our translation)"]
    assert len(df) == len(f.verdicts) == int((tables["targets"]["subprogramme"] == "sp1").sum())
    assert set(df["year"]) == {edition.performance_year}
    # the basis is the figure's (cumulative or annual), as figures.csv records it
    figs = tables["figures"].set_index("figure")["basis"]
    for measure, basis in zip(df["measure"], df["basis"]):
        assert basis == figs[measure.removeprefix("Figure ")]


def test_results_register_gives_the_texts_reason_for_a_missed_target(tables, edition):
    """16.113 says why the households target was missed; a target met needs no reason."""
    df = views.results_register(frames(tables, "sp8").verdicts, tables["figures"], edition)
    missed = df[df["indicator"] == "Households benefiting from alternative development support"]
    stated = tables["targets"].set_index("paragraph").loc["16.113"].dropna(subset=["reason_en"])
    # the book's translation, marked as such by its header, with the source's own words
    assert missed["reason given in the text (our translation)"].tolist() == [
        f"{stated['reason_en'].iloc[0]} (original: “{stated['reason_zh'].iloc[0]}”)"]
    assert "ban on employing female workers" in missed["reason given in the text (our translation)"].iloc[0]
    met = df[df["status stated"] == "exceeded"]
    assert len(met) > 0 and set(met["reason given in the text (our translation)"]) == {"—"}
    # a missed target whose paragraph gives no reason says so, not a blank
    v = frames(tables, "sp8").verdicts.copy()
    v["reason_en"] = v["reason_zh"] = pd.NA  # (a reason in one language only is shown)
    again = views.results_register(v, tables["figures"], edition)
    assert again[again["status stated"] == "not met"]["reason given in the text (our translation)"].tolist() == [
        "none given"]


def _verdict(tables, paragraph, indicator_start=""):
    v = indicators.result_verdicts(indicators.target_attainment(tables["targets"]))
    rows = v[(v["paragraph"] == paragraph) & v["indicator_en"].str.startswith(indicator_start)]
    assert len(rows) == 1, (paragraph, indicator_start)
    return rows.iloc[0]


def test_result_verdicts_on_the_statements_of_the_source(tables):
    # 16.85: "exceeded" where 17 countries met a target of 17
    row = _verdict(tables, "16.85", "Countries")
    assert (row["actual"], row["target"], row["status_stated"]) == (17, 17, "exceeded")
    assert row["status_computed"] == "met" and row["verdict"] == "contradicted"
    assert row["gap"] == 0
    # 16.72: "met", with no numeric target to meet
    row = _verdict(tables, "16.72")
    assert row["status_stated"] == "met" and pd.isna(row["target"])
    assert row["verdict"] == "unverifiable"
    # 16.113: the share of women, a percentage stated with no status
    row = _verdict(tables, "16.113", "Share of women")
    assert row["unit"] == "percent" and pd.isna(row["status_stated"])
    assert row["verdict"] == "no status"
    # 16.139: 2 countries of a target of 3, stated as not met
    row = _verdict(tables, "16.139")
    assert (row["actual"], row["target"], row["status_stated"]) == (2, 3, "not_met")
    assert row["verdict"] == "supported" and row["gap"] == -1
    # 16.124: 98 percent against 80 percent: a gap of 18 points, not a ratio
    row = _verdict(tables, "16.124")
    assert row["unit"] == "percent" and row["gap"] == 18 and pd.isna(row["attainment"])
    assert row["verdict"] == "supported"


def test_results_register_reads_percentages_in_percentage_points(tables, edition):
    df = views.results_register(frames(tables, "sp9c1").verdicts, tables["figures"], edition)
    row = df[df["paragraph"] == "16.124"].iloc[0]
    assert (row["actual"], row["target"]) == ("98 percent", "80 percent")
    assert row["gap (actual − target)"] == "+18 percentage points"
    assert row["verdict"] == "supported"
    sp8 = views.results_register(frames(tables, "sp8").verdicts, tables["figures"], edition)
    women = sp8[sp8["indicator"].str.startswith("Share of women")].iloc[0]
    assert (women["paragraph"], women["target"], women["gap (actual − target)"]) == (
        "16.113", "none printed", "—")
    assert (women["status stated"], women["verdict"]) == ("(none)", "no status")
    households = sp8[sp8["indicator"].str.startswith("Households")].iloc[0]
    assert households["gap (actual − target)"] == "-6,209 households"
    assert households["verdict"] == "supported"


def test_target_chart_only_where_numbers_exist(tables, edition):
    f5 = frames(tables, "sp5")
    # no numeric target
    assert isinstance(views.target_chart(f5.attainment, edition, f5.label, "sp5"), render.Note)
    # targets, but only percentages: no ratio of percentages is drawn
    f9 = frames(tables, "sp9c1")
    assert f9.attainment["target"].notna().all()
    assert isinstance(views.target_chart(f9.attainment, edition, f9.label, "sp9c1"),
                      render.Note)
    f8 = frames(tables, "sp8")
    chart = views.target_chart(f8.attainment, edition, f8.label, "sp8")
    assert (f"1 of 2 {edition.performance_year} targets stated as counts missed "
            f"(rests on 2 targets)") in chart.title
    assert chart.title.endswith("1 of 2 2023 targets stated as counts missed "
                                "(rests on 2 targets)")
    assert len(chart.data) == 2  # the percentage of 16.113 is not drawn
    chart.close()


def test_target_chart_title_says_how_few_targets_it_rests_on(tables, edition):
    f1 = frames(tables, "sp1")
    chart = views.target_chart(f1.attainment, edition, f1.label, "sp1")
    assert chart.title == (f"{f1.label}: every 2023 target stated as a count was met or "
                           f"exceeded (rests on 3 targets)")
    chart.close()
    f7 = frames(tables, "sp7")
    chart = views.target_chart(f7.attainment, edition, f7.label, "sp7")
    assert chart.title.endswith("was met or exceeded (rests on 1 target)")
    chart.close()
    # the whole programme: enough targets that the title needs no caveat
    everything = indicators.target_attainment(tables["targets"])
    counts = everything[everything["attainment"].notna()]
    missed = int((counts["actual"] < counts["target"]).sum())
    assert len(counts) >= 5 and missed == 2
    chart = views.target_chart(everything, edition, "Programme", "programme")
    assert chart.title == (f"Programme: {missed} of {len(counts)} 2023 targets stated as "
                           f"counts missed")
    chart.close()


# ---- mandates ---------------------------------------------------------------------

def test_subprogramme_without_mandate_list(tables):
    f = frames(tables, "sp7")
    by_body = indicators.mandates_by_body(indicators.mandate_symbols(f.mandates),
                                          by=("body", "instrument"))
    note = views.mandates_summary(by_body, len(f.mandates), (120, 132))
    assert "lists no legislative mandates specific to this subprogramme" in note.text
    assert "The programme-wide list (132 instruments in 120 entries) applies" in note.text


def test_mandates_are_counted_per_instrument_with_the_kind_the_heading_names(tables):
    """sp5's 73 printed entries hold 83 symbols; an entry "49/168; 52/92" counts twice."""
    m = tables["mandates"]
    sp5 = m[m["subprogramme"] == "sp5"]
    instruments = indicators.mandate_symbols(sp5)
    symbols = sum(len(s.split(";")) if isinstance(s, str) else 1 for s in sp5["symbol"])
    assert (len(sp5), len(instruments)) == (73, symbols) == (73, 83)
    by_body = indicators.mandates_by_body(instruments, by=("body", "instrument"))
    note = views.mandates_summary(by_body, len(sp5))
    assert note.text.startswith("83 instruments in 73 printed entries")
    assert "General Assembly: 36 resolutions" in note.text
    treaties = indicators.mandate_symbols(m[m["body"] == "treaty"])
    assert set(treaties["instrument"]) == {"convention or protocol"}
    assert len(treaties) == (m["body"] == "treaty").sum()  # one instrument per convention
    assert indicators.instrument("麻醉药品委员会决议和决定") == "resolution or decision"
    assert indicators.instrument("麻醉药品委员会决定") == "decision"


def test_mandates_table_carries_the_source_footnotes(tables):
    m = tables["mandates"]
    footnoted = m[m["footnote_en"].notna()]
    table = views.mandates_table(frames(tables, "sp5").mandates)
    shown = table[table["footnote in the source"] != ""]
    assert sorted(shown["symbol"]) == sorted(footnoted[footnoted["subprogramme"] == "sp5"]["symbol"])
    sp1 = views.mandates_table(frames(tables, "sp1").mandates)
    assert "footnote in the source" not in sp1.columns


# ---- the source audit and the data dictionary ---------------------------------------

def test_each_chapter_box_lists_its_own_findings(tables):
    issues = tables["source_issues"]
    for sp in CHAPTER_IDS:
        note = views.chapter_findings(issues[issues["subprogramme"] == sp])
        for issue_id in issues[issues["subprogramme"] == sp]["issue_id"]:
            assert issue_id in note.text
        for issue_id in issues[issues["subprogramme"] != sp]["issue_id"]:
            assert f"{issue_id} (" not in note.text


def test_audit_page_links_each_finding_to_its_chapter_and_its_source_line(tables):
    note = pages.audit_by_category(tables)
    issues = tables["source_issues"]
    assert note.html.count("<li>") == len(issues)
    assert 'href="../notebooks/sp6_research_trends_forensics.html"' in note.html
    for issue_id, line in zip(issues["issue_id"], issues["raw_line"]):
        entry = note.html.split(f"<strong>{issue_id}</strong>", 1)[1].split("</li>")[0]
        assert f'<a href="source_text.html#line-{line}">line {line}</a>' in entry


def test_audit_page_names_each_kind_for_readers_most_consequential_first(tables):
    from budgetbook import schema
    assert list(pages.CATEGORY_NAMES) == sorted(
        schema.ISSUE_CATEGORIES, key=list(pages.CATEGORY_NAMES).index)
    assert set(pages.CATEGORY_NAMES) == set(schema.ISSUE_CATEGORIES)  # none left unnamed
    note = pages.audit_by_category(tables)
    headings = re.findall(r"<h3 id=\"audit-[a-z-]+\">(.+?) \(\d+\)</h3>", note.html)
    present = [c for c in pages.CATEGORY_NAMES if c in set(tables["source_issues"]["category"])]
    assert headings == [render.escape(pages.CATEGORY_NAMES[c]) for c in present]
    assert headings[0] == "A status word the numbers contradict"
    assert "_" not in "".join(headings)  # no category id shown to readers
    counts = pages.audit_counts(tables)
    assert counts["finding"].tolist() == [pages.CATEGORY_NAMES[c] for c in present]
    assert counts["total"].sum() == len(tables["source_issues"])


def test_audit_page_renders_the_markdown_of_the_descriptions(tables):
    html_ = pages.audit_by_category(tables).html
    marked = tables["source_issues"]["description_en"].str.contains(r"\*[^*\s][^*]*\*")
    assert marked.any()
    assert "<em>" in html_
    assert not re.search(r"(?<![\w*])\*[A-Za-z][^*<]*\*", html_)  # no raw *emphasis* left


def test_source_text_page_numbers_every_line_of_data_raw():
    from budgetbook import source
    lines = source.raw_lines()
    html_ = pages.source_text(lines).html
    assert html_.count("<li ") == len(lines)
    for n in (1, 632, len(lines)):
        item = html_.split(f'<li id="line-{n}" value="{n}">', 1)[1].split("</li>")[0]
        assert item == (render.escape(lines[n - 1]) or "&nbsp;")


def test_data_dictionary_is_generated_from_the_descriptor(tmp_path):
    descriptor = {"resources": [{"path": "x.csv", "title": "X <table>", "schema": {
        "primaryKey": ["id"], "fields": [{"name": "id", "type": "string", "description": "Id",
                                          "constraints": {"required": True, "enum": ["a"]}}]}}]}
    (tmp_path / "x.csv").write_text("id\na\n")
    note = pages.data_dictionary(descriptor, tmp_path)
    assert "1 rows" in note.html and "one of: a" in note.html and "X &lt;table&gt;" in note.html
    descriptor["resources"][0]["description"] = "Every X & more."
    assert "<p>Every X &amp; more.</p>" in pages.data_dictionary(descriptor, tmp_path).html


# ---- the "At a glance" sentences ----------------------------------------------------

def _item_counts(tables, sp, edition):
    """Independently of the package: the line items with a plan, delivered in full, and
    delivered below 90 % of plan (in integers: 10 x actual < 9 x plan)."""
    d = tables["deliverables"]
    d = d[d["subprogramme"] == sp]
    plan, actual = d[edition.measure("prior_plan")], d[edition.measure("prior_actual")]
    return (int((plan > 0).sum()), int(((plan > 0) & (actual >= plan)).sum()),
            int(((plan > 0) & (10 * actual < 9 * plan)).sum()))


@pytest.mark.parametrize("sp", ["sp1", "sp3", "sp5", "sp9c1"])
def test_delivery_finding_counts_the_subcategories(tables, edition, sp):
    sums = item_sums(tables, sp, edition)
    plan, actual = sums[edition.measure("prior_plan")], sums[edition.measure("prior_actual")]
    planned = int((plan > 0).sum())
    in_full = int(((plan > 0) & (actual >= plan)).sum())
    short = int(((plan > 0) & (actual < plan)).sum())
    unplanned = int(((plan == 0) & (actual > 0)).sum())
    assert planned > 0
    items_planned, items_in_full, material = _item_counts(tables, sp, edition)
    assert items_planned > 0
    f = frames(tables, sp)
    note = views.delivery_finding(indicators.delivery_summary(delivery_of(f)),
                                  indicators.delivery_summary(item_delivery_of(f)),
                                  len(material_of(f)), edition)
    y = edition.performance_year
    expected = (f"{in_full} of the {planned} subcategories with a {y} plan delivered at least "
                f"the plan; {short} fell short"
                + (f"; {unplanned} delivered without a plan" if unplanned else "")
                + f". Line items: {items_in_full} of the {items_planned} with a {y} plan "
                  f"delivered in full; {material} delivered less than 90% of plan.")
    assert note.text == expected
    assert isinstance(note, render.Note) and repr(note) == expected


def test_delivery_finding_for_the_sp3_data(tables, edition):
    f = frames(tables, "sp3")
    note = views.delivery_finding(indicators.delivery_summary(delivery_of(f)),
                                  indicators.delivery_summary(item_delivery_of(f)),
                                  len(material_of(f)), edition)
    assert note.text == ("5 of the 6 subcategories with a 2023 plan delivered at least the "
                         "plan; 1 fell short. Line items: 8 of the 10 with a 2023 plan "
                         "delivered in full; 1 delivered less than 90% of plan.")


def test_delivery_finding_without_a_planned_subcategory(edition):
    totals = pd.DataFrame({"plan": [0, 0, 0], "actual": [0, 2, 3]})
    delivery = indicators.delivery_rate(totals, plan="plan", actual="actual")
    summary = indicators.delivery_summary(delivery)
    # with no plan, no item has one either: the line items add nothing to say
    note = views.delivery_finding(summary, summary, 0, edition)
    assert note.text == (f"no subcategory has a {edition.performance_year} plan above nil; "
                         f"2 delivered without a plan.")
    nothing = indicators.delivery_summary(
        indicators.delivery_rate(totals.assign(actual=0), plan="plan", actual="actual"))
    assert views.delivery_finding(nothing, nothing, 0, edition).text == (
        f"no subcategory has a {edition.performance_year} plan above nil.")


def test_delivery_finding_names_unplanned_delivery(edition):
    totals = pd.DataFrame({"plan": [4, 4, 0], "actual": [4, 3, 1]})
    delivery = indicators.delivery_rate(totals, plan="plan", actual="actual")
    items = pd.DataFrame({"plan": [2, 2, 4, 10, 0], "actual": [2, 2, 3, 9, 1]})
    item_delivery = indicators.delivery_rate(items, plan="plan", actual="actual")
    material = indicators.shortfalls(item_delivery, plan="plan", actual="actual")
    assert len(material) == 1  # 3 of 4 is material; 9 of 10 is not
    note = views.delivery_finding(indicators.delivery_summary(delivery),
                                  indicators.delivery_summary(item_delivery), len(material),
                                  edition)
    assert note.text == ("1 of the 2 subcategories with a 2023 plan delivered at least the "
                         "plan; 1 fell short; 1 delivered without a plan. Line items: 2 of the "
                         "4 with a 2023 plan delivered in full; 1 delivered less than 90% of "
                         "plan.")


@pytest.mark.parametrize("sp", ["sp3", "sp5"])
def test_change_finding_counts_the_subcategories(tables, edition, sp):
    sums = item_sums(tables, sp, edition)
    diff = sums[edition.measure("budget_plan")] - sums[edition.measure("current_plan")]
    f = frames(tables, sp)
    note = views.change_finding(indicators.change_summary(change_of(f)), edition)
    assert note.text == (f"the {edition.budget_year} plan is higher than the "
                         f"{edition.current_year} plan in {int((diff > 0).sum())}, lower in "
                         f"{int((diff < 0).sum())} and unchanged in {int((diff == 0).sum())} "
                         f"of {len(diff)} subcategories.")
    assert note.text.startswith("the 2025 plan is higher than the 2024 plan in ")


@pytest.mark.parametrize("sp", ["sp3", "sp5", "sp6", "sp8", "sp9c1"])
def test_target_finding_counts_the_statements(tables, sp):
    """The verdicts, recomputed here with plain pandas from targets.csv."""
    t = tables["targets"]
    t = t[(t["subprogramme"] == sp) & (t["result"] > 0)]  # a highlight (0) has no target
    actual, target = t["actual"].astype("Float64"), t["target"].astype("Float64")
    verdicts = []
    for a, g, stated in zip(actual, target, t["status_stated"]):
        if pd.isna(stated):
            verdicts.append("no status")
        elif pd.isna(a) or pd.isna(g):
            verdicts.append("unverifiable")
        else:
            by_numbers = "exceeded" if a > g else "met" if a == g else "not_met"
            verdicts.append("supported" if by_numbers == stated else "contradicted")
    n = len(verdicts)
    phrases = {"supported": "supported by the numbers", "contradicted": "contradicted by them",
               "unverifiable": "unverifiable (a status without a number)",
               "no status": "with no status stated"}
    expected = (f"{n} statement{'s' if n != 1 else ''} of performance against a target: "
                + "; ".join(f"{verdicts.count(v)} {phrase}" for v, phrase in phrases.items()
                            if verdicts.count(v)) + ".")
    note = views.target_finding(frames(tables, sp).verdicts)
    assert note.text == expected


def test_target_finding_for_the_sp3_and_sp5_data(tables):
    sp3 = views.target_finding(frames(tables, "sp3").verdicts)
    assert sp3.text == ("3 statements of performance against a target: 2 supported by the "
                        "numbers; 1 with no status stated.")
    # sp5 states its numbers without a target
    sp5 = views.target_finding(frames(tables, "sp5").verdicts)
    assert sp5.text == ("2 statements of performance against a target: 2 unverifiable "
                        "(a status without a number).")
    # sp6: paragraph 16.85 says "exceeded" where the numbers say "met"
    sp6 = views.target_finding(frames(tables, "sp6").verdicts)
    assert sp6.text == ("4 statements of performance against a target: 1 supported by the "
                        "numbers; 1 contradicted by them; 2 unverifiable (a status without a "
                        "number).")


def test_target_finding_without_any_statement(tables):
    none = indicators.result_verdicts(indicators.target_attainment(tables["targets"].iloc[:0]))
    assert views.target_finding(none).text == (
        "the performance paragraphs state no number and no status.")
    one = indicators.result_verdicts(indicators.target_attainment(
        tables["targets"][tables["targets"]["paragraph"] == "16.139"]))
    assert views.target_finding(one).text == (
        "1 statement of performance against a target: 1 supported by the numbers.")


@pytest.mark.parametrize("sp", ["sp3", "sp5"])
def test_audit_finding_counts_the_chapters_findings(tables, sp):
    issues = tables["source_issues"]
    n = int((issues["subprogramme"] == sp).sum())
    assert n > 1
    note = views.audit_finding(frames(tables, sp).findings)
    assert note.text == f"{n} findings listed for this chapter (in the box below)."


def test_audit_finding_singular_and_none(tables):
    findings = frames(tables, "sp3").findings
    assert views.audit_finding(findings.iloc[:1]).text == (
        "1 finding listed for this chapter (in the box below).")
    assert views.audit_finding(findings.iloc[:0]).text == "no irregularity listed for this chapter."


# ---- render ---------------------------------------------------------------------------

def test_text_is_plain_in_repr_and_escaped_in_html():
    sentence = 'a <b> & "c" of \'d\''
    note = render.text(sentence)
    assert isinstance(note, render.Note)
    assert note.text == sentence
    assert repr(note) == sentence  # no quotes around it, as {glue:text} pastes it
    assert not repr(note).startswith(("'", '"'))
    assert note.html == "a &lt;b&gt; &amp; &quot;c&quot; of &#x27;d&#x27;"
    assert "<b>" not in note.html
    assert note.data is None


def test_text_is_what_ipython_shows_as_plain_text():
    from IPython.core.formatters import PlainTextFormatter
    note = render.text("5 of 6 <subcategories>")
    assert PlainTextFormatter()(note) == "5 of 6 <subcategories>"
    assert note._repr_html_() == "5 of 6 &lt;subcategories&gt;"


# ---- exceptions: the line items an evaluator asks about --------------------------------

SHORTFALL = "delivered below 90% of the 2023 plan"


def _exceptions(tables, sp):
    f = frames(tables, sp)
    return views.exceptions_table(item_delivery_of(f), item_change_of(f), f.edition)


@pytest.mark.parametrize("sp, source, numbers, gap", [
    # regional drug trafficking reports
    ("sp2", "Table 16.6, item 2", "0 of 5", "5 (100% of plan)"),
    # ad hoc expert groups: their documents, and their meetings
    ("sp9c1", "Table 16.22, item 8", "0 of 2", "2 (100% of plan)"),
    ("sp9c1", "Table 16.22, item 15", "0 of 4", "4 (100% of plan)"),
    # documentation for the Ad Hoc Committee
    ("sp1", "Table 16.4, item 2", "6 of 34", "28 (82% of plan)"),
])
def test_exceptions_list_the_material_shortfalls(tables, sp, source, numbers, gap):
    df = _exceptions(tables, sp)
    row = df[(df["exception"] == SHORTFALL) & (df["source"] == source)]
    assert len(row) == 1
    row = row.iloc[0]
    assert (row["numbers"], row["gap"]) == (numbers, gap)
    assert row["explanation"] == views.NO_EXPLANATION
    item_no = int(source.rsplit(" ", 1)[1])
    d = tables["deliverables"]
    item = d[(d["subprogramme"] == sp) & (d["item_no"] == item_no)].iloc[0]
    assert row["item"] == f"{item_no}. {item['item_en']}"
    assert row["subcategory"] == f"{item['category']}. {item['subcategory_en']}"


@pytest.mark.parametrize("sp", ["programme", "sp1", "sp2", "sp5", "sp9c1"])
def test_exceptions_are_every_shortfall_unplanned_new_and_dropped_item(tables, edition, sp):
    """Recomputed here with plain pandas from deliverables.csv."""
    d = tables["deliverables"]
    d = d[d["subprogramme"] == sp]
    plan, actual = d[edition.measure("prior_plan")], d[edition.measure("prior_actual")]
    current, budget = d[edition.measure("current_plan")], d[edition.measure("budget_plan")]
    sources = "Table " + d["table"] + ", item " + d["item_no"].astype(str)
    df = _exceptions(tables, sp)
    expected = {
        SHORTFALL: set(sources[(plan > 0) & (10 * actual < 9 * plan)]),
        "delivered in 2023 without a plan": set(sources[(plan == 0) & (actual > 0)]),
        "new in the 2025 plan": set(sources[(current == 0) & (budget > 0)]),
        "dropped from the 2025 plan": set(sources[(current > 0) & (budget == 0)]),
    }
    for kind, items in expected.items():
        listed = df[df["exception"] == kind]["source"]
        assert listed.is_unique and set(listed) == items, kind
    assert len(df) == sum(len(v) for v in expected.values())
    # shortfalls come first, the largest share of the plan undelivered first
    kinds = df["exception"].tolist()
    assert kinds == sorted(kinds, key=lambda k: k != SHORTFALL)
    shares = [int(g.split(" (")[1].split("%")[0])
              for g in df[df["exception"] == SHORTFALL]["gap"]]
    assert shares == sorted(shares, reverse=True)


def test_exceptions_rank_the_zero_deliveries_first(tables):
    df = _exceptions(tables, "sp9c1")
    short = df[df["exception"] == SHORTFALL]
    zero = [n.startswith("0 of ") for n in short["numbers"]]
    assert zero[:2] == [True, True] and not any(zero[2:])
    # the same share undelivered: the larger gap first
    assert short["source"].tolist()[:2] == ["Table 16.22, item 15", "Table 16.22, item 8"]


def test_folded_exceptions_say_how_many_of_each_kind(tables):
    df = _exceptions(tables, "sp9c1")
    line = views.exceptions_summary(df)
    assert line.startswith(f"Show the {len(df)} exceptions: ")
    for kind, n in df["exception"].value_counts().items():
        assert f"{kind} {n}" in line


def test_each_result_is_one_line_with_its_measure_inside(tables, edition):
    f = frames(tables, "sp3")
    html_ = views.result_blocks(f.results, tables, edition).html
    assert html_.count("<summary>") == len(f.results)
    for title in f.results["title_en"]:
        assert f": {render.escape(title)}</summary>" in html_


def test_exceptions_of_a_chapter_without_any(tables):
    df = _exceptions(tables, "sp5")
    assert df.empty
    assert list(df.columns) == ["exception", "subcategory", "item", "numbers", "gap",
                                "source", "line in data/raw", "explanation",
                                "marked in the text"]


def _timing(tables, sp):
    t = tables["deliverable_timing"]
    return t[t["subprogramme"] == sp]


def test_exceptions_say_what_the_text_marks_about_an_items_timing(tables):
    """The Crime Congress's preparatory meetings are new in the 2025 plan because the
    Congress is in 2026 (16.128): the exception says so, and an unmarked item says '—'."""
    f = frames(tables, "sp9c1")
    df = views.exceptions_table(item_delivery_of(f), item_change_of(f), f.edition,
                                _timing(tables, "sp9c1"))
    marks = dict(zip(df["source"] + " | " + df["exception"], df["marked in the text"]))
    assert marks["Table 16.22, item 16 | new in the 2025 plan"].startswith(
        "tied to one event: Paragraph 16.128")
    assert marks["Table 16.22, item 15 | " + SHORTFALL].startswith("ad hoc body: ")
    unmarked = set(_timing(tables, "sp9c1")["item_no"])
    others = df[~df["source"].str.rsplit(" ", n=1).str[1].astype(int).isin(unmarked)]
    assert len(others) > 0 and set(others["marked in the text"]) == {"—"}


def test_timing_table_lists_each_marked_item_with_its_four_measures(tables, edition):
    f = frames(tables, "sp4")
    df = views.timing_table(f.items, _timing(tables, "sp4"), edition)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["source"] == "Table 16.12, item 5"
    assert row["what the text marks"].startswith("cyclical: ") and "biennial" in row[
        "what the text marks"]
    item = f.items[f.items["item_no"] == 5].iloc[0]
    assert [row[edition.measure_labels[m]] for m in edition.measures] == [
        item[m] for m in edition.measures]
    empty = views.timing_table(frames(tables, "sp5").items, _timing(tables, "sp5"), edition)
    assert empty.empty
    assert render.table(empty, empty="none marked").text == "none marked"


def test_plan_vs_actual_withholds_the_percentage_from_a_small_base(tables, edition):
    actual = edition.measure("prior_actual")
    for sp in CHAPTER_IDS:
        f = frames(tables, sp)
        pva = plan_vs_actual_of(f)
        df = views.plan_vs_actual_table(pva, edition)
        for base, pct, note, change in zip(f.totals[actual], df["change %"], df["note"],
                                           df["change"]):
            if base >= indicators.MIN_PERCENT_BASE:
                assert pct == f"{change / base * 100:+.0f}%"
            else:
                assert pct == "—"
                if 0 < base and change != 0 and base + change != 0:
                    assert note == "small base"
    # sp4: 1 publication delivered in 2023, 3 planned for 2025: +2, not "+200%"
    sp4 = views.plan_vs_actual_table(plan_vs_actual_of(frames(tables, "sp4")), edition)
    row = sp4[sp4["subcategory"] == "B. Publications (number of publications)"].iloc[0]
    assert (row["2023 actual"], row["2025 planned"], row["change"]) == (1, 3, 2)
    assert (row["change %"], row["note"]) == ("—", "small base")


def test_register_has_a_row_for_a_result_whose_paragraph_states_nothing(tables):
    """Paragraph 16.58 (sp4, result 1) states no number and no status (SI-25)."""
    edition = edition_of(tables)
    att = indicators.target_attainment(tables["targets"])
    results = tables["results"][tables["results"]["subprogramme"] == "sp4"]
    verdicts = indicators.result_verdicts(att[att["subprogramme"] == "sp4"], results)
    register = views.results_register(verdicts, tables["figures"], edition, results)
    row = register[register["paragraph"] == "16.58"].iloc[0]
    assert (row["verdict"], row["measure"], row["status stated"]) == (
        "no status", "Table 16.10", "(none)")
    assert "states no number and no status" in row["indicator"]
    assert register["year"].dtype == "Int64"  # no "2023.0" beside the empty row
    assert len(register) == len(att[(att["subprogramme"] == "sp4") & (att["result"] > 0)]) + 1
    assert "1 with no status stated" in views.target_finding(verdicts).text


def test_each_exception_names_its_line_in_the_source(tables):
    """The line an exception cites prints that item (its number and Chinese label)."""
    from budgetbook import source
    lines = source.raw_lines()
    f = frames(tables, "sp2")
    plan, actual = f.edition.measure("prior_plan"), f.edition.measure("prior_actual")
    item_delivery = indicators.delivery_rate(f.items, plan=plan, actual=actual)
    item_change = indicators.plan_change(f.items, base=f.edition.measure("current_plan"),
                                         new=f.edition.measure("budget_plan"))
    df = views.exceptions_table(item_delivery, item_change, f.edition)
    assert not df.empty
    for _, row in df.iterrows():
        number = int(row["item"].split(".")[0])
        item = f.items[f.items["item_no"] == number]
        item = item[item["raw_line"] == row["line in data/raw"]].iloc[0]
        assert item["item_zh"] in lines[row["line in data/raw"] - 1], row["source"]


def test_glue_writes_what_myst_nb_reads():
    """render.glue emits the output MyST-NB's own reader takes a glued value from."""
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell
    from myst_nb.ext.glue import extract_glue_data_cell

    shell = InteractiveShell.instance()
    shown = []
    shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append((data, metadata))
    render.glue("finding", render.text("3 of 4 <met>"))
    (data, metadata), = shown
    cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data=data, metadata=metadata)])
    (key, output), = extract_glue_data_cell(cell)
    assert key == "finding" and output["data"]["text/plain"] == "3 of 4 <met>"
    assert cell.outputs == []  # stored for pasting, not shown where it was glued


# ---- the Chinese edition: every word in Chinese, every number as in English -----------
# (what a Chinese page may print in Latin letters: tests/chinese.py)


def chapter_views(tables, sp, with_charts=True) -> dict:
    """Every table, chart and sentence the chapter template (notebooks/_chapter_template.py)
    shows for ``sp``, computed step by step as the template computes it, in the language in
    use: name -> a Note, a DataFrame, a Chart or a string (the charts left out, which take
    most of the time, unless ``with_charts``)."""
    edition = edition_of(tables)
    label = views.subprogramme_label(tables, sp)
    issues = tables["source_issues"]
    findings = issues[issues["subprogramme"] == sp]
    out = {"heading": views.heading(tables, sp), "audit_finding": views.audit_finding(findings),
           "chapter_findings": views.chapter_findings(findings)}
    items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
    printed = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == sp]
    check = indicators.recomputed_totals(items, printed, edition.measures)
    out["subcategory_totals"] = views.deliverables_summary(check, edition)
    out["deliverables"] = views.deliverables_table(items, edition)
    out["line_items_page"] = render.table(out["deliverables"], group="subcategory",
                                          name=f"{sp}_line_items")
    out["totals_summary"] = views.totals_summary(check, issues, edition)
    out["totals_check"] = views.totals_check(check, edition)
    counted_items = indicators.without_duplicates(items, issues)
    totals = indicators.item_totals(counted_items, indicators.without_duplicates(
        printed, issues), edition.measures)
    if with_charts:
        out["measures_chart"] = views.measures_chart(totals, edition, label, sp)
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    current, budget = edition.measure("current_plan"), edition.measure("budget_plan")
    delivery = indicators.delivery_rate(totals, plan=plan, actual=actual)
    if with_charts:
        out["delivery_chart"] = views.delivery_chart(delivery, edition, label, sp)
    change = indicators.plan_change(totals, base=current, new=budget)
    out["change_finding"] = views.change_finding(indicators.change_summary(change), edition)
    if with_charts:
        out["change_chart"] = views.change_chart(change, edition, label, sp)
    out["plan_vs_actual"] = views.plan_vs_actual_table(
        indicators.plan_change(totals, base=actual, new=budget), edition)
    item_delivery = indicators.delivery_rate(counted_items, plan=plan, actual=actual)
    item_change = indicators.plan_change(counted_items, base=current, new=budget)
    material = indicators.shortfalls(item_delivery, plan=plan, actual=actual)
    out["delivery_finding"] = views.delivery_finding(
        indicators.delivery_summary(delivery), indicators.delivery_summary(item_delivery),
        len(material), edition)
    timing = tables["deliverable_timing"][tables["deliverable_timing"]["subprogramme"] == sp]
    out["exceptions"] = views.exceptions_table(item_delivery, item_change, edition, timing)
    out["exceptions_summary"] = views.exceptions_summary(out["exceptions"])
    # (an empty table shows the template's sentence instead, in the template's words)
    out["exceptions_page"] = render.table(out["exceptions"], group="exception",
                                          name=f"{sp}_exceptions", empty="（无）")
    out["timing_table"] = views.timing_table(items, timing, edition)
    narrative = tables["deliverables_narrative"]
    out["narrative_table"] = views.narrative_table(narrative[narrative["subprogramme"] == sp])
    results = tables["results"][tables["results"]["subprogramme"] == sp]
    out["result_blocks"] = views.result_blocks(results, tables, edition)
    attainment = indicators.target_attainment(tables["targets"])
    attainment = attainment[attainment["subprogramme"] == sp]
    verdicts = indicators.result_verdicts(attainment, results)
    out["target_finding"] = views.target_finding(verdicts)
    out["targets"] = views.results_register(verdicts, tables["figures"], edition, results)
    if with_charts:
        out["target_chart"] = views.target_chart(attainment, edition, label, sp)
    mandates = tables["mandates"][tables["mandates"]["subprogramme"] == sp]
    by_body = indicators.mandates_by_body(indicators.mandate_symbols(mandates),
                                          by=("body", "instrument"))
    everywhere = tables["mandates"][tables["mandates"]["subprogramme"] == "programme"]
    shared = (len(everywhere), len(indicators.mandate_symbols(everywhere)))
    out["mandates_summary"] = views.mandates_summary(by_body, len(mandates), shared)
    out["mandates_table"] = views.mandates_table(mandates)
    out["mandates_page"] = render.table(out["mandates_table"], group="issued by",
                                        name=f"{sp}_mandates", empty="（无）")
    return out


def reader_text(shown) -> str:
    """Everything a reader sees or hears of a view's output: a sentence's HTML and text; a
    table's page (headers, cells, download link); a chart's title, axis labels, tick
    labels, annotations, source line, alt text and the numbers behind it."""
    if isinstance(shown, str):
        return shown
    if isinstance(shown, pd.DataFrame):
        return visible(render.table(shown, name="frame", empty="（无）").html)
    if isinstance(shown, render.Note):
        return visible(shown.html) + "\n" + shown.text
    fig = shown.fig  # a charts.Chart
    texts = [shown.title, shown.alt_text, shown.source] + [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_yticklabels() + ax.texts]
    return "\n".join(texts) + "\n" + visible(render.table(shown.data, name="chart").html)


def _close(shown: dict):
    for value in shown.values():
        if hasattr(value, "close"):
            value.close()


@pytest.mark.parametrize("sp", CHAPTER_IDS)
def test_a_chinese_chapter_shows_no_english_word(tables, sp):
    with language.using("zh"):
        shown = chapter_views(tables, sp)
        left = {name: english_left(reader_text(value), tables)
                for name, value in shown.items()}
    _close(shown)
    assert not {name: words for name, words in left.items() if words}


def test_the_helper_finds_english_words_and_lets_the_allowed_ones_pass(tables):
    assert english_left("见 sp3_line_items.csv 和 A/79/6 (Sect. 16)/Part A，图 16.XIV；"
                        "Malongo 与 goIFAR", tables) == []
    assert english_left("2023 planned：实际 5 of 6", tables) == ["planned"]
    # the data held in English only pass (none of the views shows them yet) ...
    counts = tables["stated_numbers"]["counts_en"].iloc[0]
    assert english_left(f"说明：{counts}", tables) == []
    # ... but no longer the book's own notes, which the data now give in Chinese too
    issue = tables["source_issues"].iloc[0]
    assert english_left(f"说明：{issue['description_en']}", tables) != []
    assert english_left(f"说明：{issue['description_zh']}", tables) == []


def test_the_programme_wide_findings_in_chinese(tables):
    """The overview's sentences (and its audit box), written by views, in Chinese."""
    edition = edition_of(tables)
    items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    item_delivery = indicators.delivery_rate(items, plan=plan, actual=actual)
    counts = indicators.delivery_counts(item_delivery, by=["subprogramme"])
    item_change = indicators.plan_change(items, base=edition.measure("current_plan"),
                                         new=edition.measure("budget_plan"))
    verdicts = indicators.result_verdicts(indicators.target_attainment(tables["targets"]),
                                          tables["results"])
    with language.using("zh"):
        labels = views.chapter_labels(tables)
        issues = tables["source_issues"]
        shown = {
            "items": views.items_finding(counts, labels, edition),
            "plans": views.plans_finding(item_change, edition),
            "shortfalls": views.shortfalls_finding(
                indicators.shortfalls(item_delivery, plan=plan, actual=actual), counts, labels,
                edition),
            "targets": views.target_finding(verdicts),
            "missed": views.missed_targets_finding(verdicts, labels),
            "audit": views.chapter_findings(issues[issues["subprogramme"] == "programme"]),
            "edition": views.edition_line(edition)}
        left = {name: english_left(reader_text(value), tables)
                for name, value in shown.items()}
    assert not {name: words for name, words in left.items() if words}
    assert labels["programme"] == "方案总体" and labels["sp9c1"] == "次级方案 9 构成部分 1"
    # the reason the text gives for a missed target is the source's own sentence
    reason = tables["targets"]["reason_zh"].dropna().iloc[0].rstrip("。")
    assert f"案文称：“{reason}”" in shown["missed"].text


def test_the_sp3_sentences_in_chinese(tables):
    with language.using("zh"):
        shown = chapter_views(tables, "sp3", with_charts=False)
    assert shown["delivery_finding"].text == (
        "在 2023 年有计划的 6 个次类别中，5 个的交付不少于计划，1 个未达到计划。逐项产出：2023 "
        "年有计划的 10 项中，8 项全额交付；1 项的交付少于计划的 90%。")
    assert shown["change_finding"].text == (
        "在 6 个次类别中，2025 年计划高于 2024 年计划的有 1 个，低于的有 0 个，不变的有 5 个。")
    assert shown["target_finding"].text == (
        "共 3 项对照具体目标的业绩陈述：2 项得到数字印证；1 项未说明状况。")
    assert shown["mandates_summary"].text.startswith(
        "原文所列 58 个条目共含 64 项文书（一个条目可列出多项决议）。大会：3 项决议；")
    assert shown["heading"].text.splitlines()[1] == "次级方案 3：反腐败"
    assert shown["exceptions_summary"] == "显示 1 项例外情况：交付少于 2023 年计划的 90% 1"
    row = shown["exceptions"].iloc[0]
    assert (row["数字"], row["差距"], row["出处"]) == ("实际 6，计划 7", "1（计划的 14%）",
                                                     "表 16.8，第 1 项")
    # the source's words for the source's things: figures by the Chinese numerals
    assert "图 16.六（年度）：" in shown["result_blocks"].text
    assert "第 16.43 段" in shown["result_blocks"].text


def test_a_figure_value_keeps_its_digits_and_a_percentage_reads_as_the_source_prints_it(
        tables, edition):
    with language.using("zh"):
        followers = views.figure_values(tables, edition, "16.XVIII")
        register = views.results_register(frames(tables, "sp9c1").verdicts, tables["figures"],
                                           edition)
        assert render.NOT_STATED == "原文未说明"
    assert followers.attrs["title"].startswith("图 16.十八：")
    stated = followers[followers["年份"] == edition.performance_year]
    # the unit as paragraph 16.98 prints it after the number (unit_zh)
    assert stated["所述数值"].tolist() == ["845,258 名关注者"]
    assert stated["所述具体目标"].tolist() == ["731,000 名关注者"]
    row = register[register["段落"] == "16.124"].iloc[0]
    assert (row["实际"], row["具体目标"], row["差距（实际 − 具体目标）"]) == (
        "98%", "80%", "+18 个百分点")
    assert (row["所述状况"], row["判定"]) == ("超出", "得到印证")
    assert render.NOT_STATED == "not stated in the source"  # read when it is read


def test_the_names_other_modules_read_follow_the_language(tables):
    bodies = pd.Series(["GA", "COSP-UNCAC", "treaty"])
    assert bodies.map(views.BODY_NAMES).tolist() == [
        "General Assembly", "Conference of the States Parties to UNCAC",
        "Conventions and protocols"]
    with language.using("zh"):
        assert bodies.map(views.BODY_NAMES).tolist() == ["大会", "联合国反腐败公约缔约国会议",
                                                         "公约和议定书"]
        assert views.TIMING_NAMES["ad_hoc"] == "特设机构"
        assert views.NO_EXPLANATION == "原文未给出解释"
        assert views.gap_text(28, 0.82) == "28（计划的 82%）"
        assert views.item_source("16.4", 2) == "表 16.4，第 2 项"
    assert views.NO_EXPLANATION == "no explanation given in the source"
    assert set(views.BODY_NAMES) == set(views.BODY_NAMES._pairs)


def _numbers(value) -> list[str]:
    """The numbers written in ``value``, in order of their digits ('1,234', '16.8')."""
    return sorted(re.findall(r"\d+(?:[,.]\d+)*", str(value)))


# Text columns that carry numbers (counts, gaps, sources, years): the same digits in both
# languages, in whatever words.
NUMBER_TEXT = {"numbers", "gap", "source", "change %", "actual", "target", "symbol",
               "gap (actual − target)", "line in data/raw", "printed total", "value stated",
               "target stated", "cited in", "printed as —"}


def _same_numbers(en: pd.DataFrame, zh: pd.DataFrame, name: str):
    assert en.shape == zh.shape, name
    assert zh.attrs.get("columns", {}) == {
        e: z for e, z in zip(en.columns, zh.columns) if e in en.attrs.get("columns", {})}, name
    for (e, en_col), (z, zh_col) in zip(en.items(), zh.items()):
        if pd.api.types.is_numeric_dtype(en_col):
            assert en_col.equals(zh_col), (name, e, z)
        elif e in NUMBER_TEXT or e.endswith("(printed/recomputed)"):
            assert [_numbers(v) for v in en_col] == [_numbers(v) for v in zh_col], (name, e)


@pytest.mark.parametrize("sp", ["sp3", "sp9c1"])
def test_a_chapter_shows_the_same_numbers_in_both_languages(tables, sp):
    english = chapter_views(tables, sp)
    with language.using("zh"):
        chinese = chapter_views(tables, sp)
    for name, en in english.items():
        zh = chinese[name]
        if isinstance(en, pd.DataFrame):
            _same_numbers(en, zh, name)
        elif hasattr(en, "data") and isinstance(en.data, pd.DataFrame):  # a chart, a Note
            _same_numbers(en.data, zh.data, name)
    # the line items: the numbers are the same, only the labels are the source's own
    en, zh = english["deliverables"], chinese["deliverables"]
    assert list(zh.columns) == ["次类别", "逐项产出", "2023 年计划", "2023 年实际", "2024 年计划",
                                "2025 年计划", "原文印作 —"]
    assert (zh.iloc[:, 2:6].to_numpy() == en.iloc[:, 2:6].to_numpy()).all()
    items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
    assert zh["逐项产出"].tolist() == [f"{n}. {i}" for n, i in zip(items["item_no"],
                                                                    items["item_zh"])]
    _close(english)
    _close(chinese)


def test_the_saved_frames_have_the_same_shape_and_numbers_in_both_languages(tables, tmp_path):
    def saved(language_):
        with language.using(language_):
            shown = chapter_views(tables, "sp1", with_charts=False)
            frames_ = {"deliverables": shown["deliverables"],
                       "totals_check": shown["totals_check"],
                       "plan_vs_actual": shown["plan_vs_actual"],
                       "exceptions": shown["exceptions"], "targets": shown["targets"]}
            paths = render.save_outputs(tmp_path / language_, "sp1", frames_, [])
        return {p.name: pd.read_csv(p) for p in paths}
    english, chinese = saved("en"), saved("zh")
    assert set(english) == set(chinese) and len(english) == 5
    for name, en in english.items():
        zh = chinese[name]
        assert en.shape == zh.shape, name
        numeric = [i for i, c in enumerate(en.columns) if pd.api.types.is_numeric_dtype(en[c])]
        assert numeric == [i for i, c in enumerate(zh.columns)
                           if pd.api.types.is_numeric_dtype(zh[c])], name
        assert en.iloc[:, numeric].equals(zh.iloc[:, numeric].set_axis(
            en.columns[numeric], axis=1)), name
    assert "逐项产出" in chinese["sp1_deliverables.csv"].columns


# ---- the Chinese edition's own words for the data's English-only columns -------------

def test_the_chinese_register_prints_each_unit_as_its_paragraph_prints_it(tables, edition):
    """A number's unit in the Chinese edition is unit_zh, the words paragraph 16.85 prints
    after it; a gap is in that unit too, and a percentage in percentage points."""
    verdicts = frames(tables, "sp6").verdicts
    english = views.results_register(verdicts, tables["figures"], edition)
    with language.using("zh"):
        chinese = views.results_register(verdicts, tables["figures"], edition)
    rows = chinese[chinese["段落"] == "16.85"]
    assert rows[["实际", "具体目标", "差距（实际 − 具体目标）"]].to_numpy().tolist() == [
        ["17 个国家", "17 个国家", "+0 个国家"],
        ["10,500 次网络平台访问", "10,000 次网络平台访问", "+500 次网络平台访问"]]
    # the same numbers as the English register, cell by cell
    for en, zh in zip(english.to_numpy().ravel(), chinese.to_numpy().ravel()):
        assert re.findall(r"\d[\d,]*", str(en)) == re.findall(r"\d[\d,]*", str(zh))
    with language.using("zh"):
        percent = views.results_register(frames(tables, "sp5").verdicts, tables["figures"],
                                         edition)
    assert percent[percent["段落"] == "16.72"]["实际"].tolist() == ["73%"]


def test_every_chinese_register_shows_no_english_unit(tables, edition):
    units = set(tables["targets"]["unit"].dropna())
    for sp in CHAPTER_IDS:
        with language.using("zh"):
            register = views.results_register(frames(tables, sp).verdicts, tables["figures"],
                                              edition)
        shown = " ".join(register[["实际", "具体目标", "差距（实际 − 具体目标）"]]
                         .astype(str).to_numpy().ravel())
        assert not [u for u in units if re.search(rf"\d {re.escape(u)}\b", shown)], sp
        assert not english_left(shown, tables), sp


def test_the_chinese_missed_targets_sentence_and_chart_notes_use_the_chinese_unit(tables,
                                                                                  edition):
    verdicts = indicators.result_verdicts(indicators.target_attainment(tables["targets"]),
                                          tables["results"])
    english = views.missed_targets_finding(verdicts, views.chapter_labels(tables)).text
    with language.using("zh"):
        chinese = views.missed_targets_finding(verdicts, views.chapter_labels(tables)).text
        chart = views.target_chart(frames(tables, "sp7").attainment, edition, "次级方案 7", "sp7")
    assert "8,791 households against a target of 15,000" in english  # as it was
    assert "8,791 个家庭，具体目标为 15,000" in chinese
    assert "2 个国家，具体目标为 3" in chinese
    assert chart.data["说明"].tolist() == ["845,258 名关注者，具体目标 731,000 名关注者"]
    assert "845,258 名关注者，具体目标 731,000 名关注者" in chart.alt


def test_a_unit_without_chinese_falls_back_to_the_english_unit(tables, edition):
    """unit_zh blank (a paragraph that prints no unit word): the Chinese edition shows unit,
    as before; a frame without the column at all, likewise."""
    verdicts = frames(tables, "sp6").verdicts.copy()
    verdicts["unit_zh"] = pd.NA
    with language.using("zh"):
        register = views.results_register(verdicts, tables["figures"], edition)
        bare = views.results_register(verdicts.drop(columns="unit_zh"), tables["figures"],
                                      edition)
        assert language.in_language({"unit": "countries", "unit_zh": ""}, "unit") == "countries"
        assert language.in_language({"unit": "countries", "unit_zh": "个国家"}, "unit") == "个国家"
    assert register["实际"].tolist() == bare["实际"].tolist()
    assert "17 countries" in register["实际"].tolist()
    assert language.in_language({"unit": "countries", "unit_zh": "个国家"}, "unit") == "countries"


def test_the_chinese_chapter_box_and_timing_marks_are_the_books_chinese(tables, edition):
    findings = frames(tables, "sp6").findings
    english = views.chapter_findings(findings)
    with language.using("zh"):
        chinese = views.chapter_findings(findings)
        marks = views.timing_marks(tables["deliverable_timing"])
    assert 'lang="en"' not in chinese.html
    for r in findings.itertuples():
        assert render.escape(r.description_zh) in chinese.html
        assert f"{r.issue_id}（{r.location_zh}）：{r.description_zh}" in chinese.text
        assert f"{r.issue_id} ({r.location}): {r.description_en}" in english.text
    assert not english_left(visible(chinese.html), tables)
    timing = tables["deliverable_timing"].set_index(["table", "item_no"])
    for key, text in marks.items():
        note = timing.loc[key]
        assert f"：{note['note_zh']}（第 {note['raw_line']} 行）" in text
        assert not english_left(text, tables), text
