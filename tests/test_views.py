"""Unit tests of the chapter views (budgetbook/views.py) and the pages they share with the
reference chapters (budgetbook/render.py, pages.py, commentary.py).

Each test computes the frames a chapter notebook computes (notebooks/_chapter_template.py)
and hands them to the view, as the notebook does.
"""
from types import SimpleNamespace

import pandas as pd
import pytest

from budgetbook import commentary, indicators, load_all, pages, render, views
from budgetbook.edition import edition_of
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
        mandates=mandates,
        findings=tables["source_issues"][tables["source_issues"]["subprogramme"] == sp],
        results=tables["results"][tables["results"]["subprogramme"] == sp])


def delivery_of(f):
    return indicators.delivery_rate(f.totals, plan=f.edition.measure("prior_plan"),
                                    actual=f.edition.measure("prior_actual"))


def change_of(f):
    return indicators.plan_change(f.totals, base=f.edition.measure("current_plan"),
                                  new=f.edition.measure("budget_plan"))


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

def test_deliverables_table_shows_items_then_printed_and_recomputed_totals(tables, edition):
    f = frames(tables, "sp1")
    df = views.deliverables_table(f.items, f.check, edition)
    assert len(df) == len(f.items) + 2 * len(f.printed)
    labels = edition.measure_labels
    assert list(labels.values()) == ["2023 planned", "2023 actual", "2024 planned",
                                     "2025 planned"]
    assert [c for c in df.columns if c in labels.values()] == list(labels.values())
    prior_plan = edition.measure("prior_plan")
    printed = df[df["item"] == "Total (printed)"][labels[prior_plan]].tolist()
    assert printed == f.printed[prior_plan].tolist()
    # an item printed as "—" says so
    nil = df[df["printed as —"] != ""]
    assert not nil.empty and (nil[labels[edition.measure("budget_plan")]] == 0).any()


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
    row_before = before[before["label"] == label].iloc[0]
    row_after = after[after["label"] == label].iloc[0]
    assert row_after["delivery_rate_pct"] > row_before["delivery_rate_pct"]
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

def test_targets_table_sets_the_stated_status_beside_the_numbers(tables, edition):
    df = views.targets_table(frames(tables, "sp6").attainment, edition)
    row = df[df["paragraph"] == "16.85"].iloc[0]
    assert row["status stated"] == "exceeded"
    assert row["status by the numbers"] == "met"
    assert row["agree"] == "NO"


def test_targets_table_labels_its_columns_with_the_year(tables, edition):
    df = views.targets_table(frames(tables, "sp1").attainment, edition)
    assert {"2023 actual", "2023 target"} <= set(df.columns)
    assert "year" not in df.columns  # every statement is of one year


def test_target_chart_only_where_numbers_exist(tables, edition):
    f5 = frames(tables, "sp5")
    # no numeric target
    assert isinstance(views.target_chart(f5.attainment, edition, f5.label, "sp5"), render.Note)
    f8 = frames(tables, "sp8")
    chart = views.target_chart(f8.attainment, edition, f8.label, "sp8")
    assert f"1 of 2 numeric {edition.performance_year} targets missed" in chart.title
    assert "1 of 2 numeric 2023 targets missed" in chart.title
    chart.close()


# ---- mandates ---------------------------------------------------------------------

def test_subprogramme_without_mandate_list(tables):
    f = frames(tables, "sp7")
    note = views.mandates_summary(indicators.mandates_by_body(f.mandates, by=("body",)))
    assert "lists no legislative mandates specific to this subprogramme" in note.text


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


def test_audit_page_links_each_finding_to_its_chapter(tables):
    note = pages.audit_by_category(tables)
    assert note.html.count("<li>") == len(tables["source_issues"])
    assert 'href="../notebooks/sp6_research_trends_forensics.html"' in note.html


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

@pytest.mark.parametrize("sp", ["sp3", "sp5"])
def test_delivery_finding_counts_the_subcategories(tables, edition, sp):
    sums = item_sums(tables, sp, edition)
    plan, actual = sums[edition.measure("prior_plan")], sums[edition.measure("prior_actual")]
    planned = int((plan > 0).sum())
    in_full = int(((plan > 0) & (actual >= plan)).sum())
    short = int(((plan > 0) & (actual < plan)).sum())
    unplanned = int(((plan == 0) & (actual > 0)).sum())
    assert planned > 0
    f = frames(tables, sp)
    note = views.delivery_finding(indicators.delivery_summary(delivery_of(f)), edition)
    expected = (f"{in_full} of {planned} subcategories with a plan delivered at least the "
                f"plan; {short} fell short"
                + (f"; {unplanned} delivered without a plan" if unplanned else "") + ".")
    assert note.text == expected
    assert isinstance(note, render.Note) and repr(note) == expected


def test_delivery_finding_for_the_sp3_data(tables, edition):
    f = frames(tables, "sp3")
    note = views.delivery_finding(indicators.delivery_summary(delivery_of(f)), edition)
    assert note.text == ("5 of 6 subcategories with a plan delivered at least the plan; "
                         "1 fell short.")


def test_delivery_finding_without_a_planned_subcategory(edition):
    totals = pd.DataFrame({"plan": [0, 0, 0], "actual": [0, 2, 3]})
    delivery = indicators.delivery_rate(totals, plan="plan", actual="actual")
    note = views.delivery_finding(indicators.delivery_summary(delivery), edition)
    assert note.text == (f"no subcategory has a {edition.performance_year} plan above nil; "
                         f"2 delivered without a plan.")
    nothing = indicators.delivery_rate(totals.assign(actual=0), plan="plan", actual="actual")
    assert views.delivery_finding(indicators.delivery_summary(nothing), edition).text == (
        f"no subcategory has a {edition.performance_year} plan above nil.")


def test_delivery_finding_names_unplanned_delivery(edition):
    totals = pd.DataFrame({"plan": [4, 4, 0], "actual": [4, 3, 1]})
    delivery = indicators.delivery_rate(totals, plan="plan", actual="actual")
    note = views.delivery_finding(indicators.delivery_summary(delivery), edition)
    assert note.text == ("1 of 2 subcategories with a plan delivered at least the plan; "
                         "1 fell short; 1 delivered without a plan.")


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


@pytest.mark.parametrize("sp", ["sp3", "sp5", "sp6", "sp8"])
def test_target_finding_counts_the_statements(tables, sp):
    t = tables["targets"]
    t = t[t["subprogramme"] == sp]
    actual, target = t["actual"].astype("Float64"), t["target"].astype("Float64")
    has = target.notna()
    with_target = int(has.sum())
    met = int((has & (actual >= target)).fillna(False).sum())
    not_met = int((has & (actual < target)).fillna(False).sum())
    computed = pd.Series(pd.NA, index=t.index, dtype="object")
    computed[has & (actual > target)] = "exceeded"
    computed[has & (actual == target)] = "met"
    computed[has & (actual < target)] = "not_met"
    stated = t["status_stated"]
    disagrees = int((computed.notna() & stated.notna()
                     & (computed.astype(str) != stated.astype(str))).sum())
    note = views.target_finding(indicators.target_summary(frames(tables, sp).attainment))
    if with_target == 0:
        expected = (f"none of the {len(t)} numeric statements prints a target, so attainment "
                    f"cannot be computed.")
    else:
        expected = (f"{with_target} of the {len(t)} numeric statements print a target: "
                    f"{met} met or exceeded, {not_met} not met"
                    + (f"; the stated status word disagrees with the numbers in {disagrees}"
                       if disagrees else "") + ".")
    assert note.text == expected


def test_target_finding_for_the_sp3_and_sp5_data(tables):
    sp3 = views.target_finding(indicators.target_summary(frames(tables, "sp3").attainment))
    assert sp3.text == "2 of the 4 numeric statements print a target: 2 met or exceeded, 0 not met."
    # sp5 states its numbers without a target
    sp5 = views.target_finding(indicators.target_summary(frames(tables, "sp5").attainment))
    assert sp5.text == ("none of the 2 numeric statements prints a target, so attainment "
                        "cannot be computed.")
    # sp6: paragraph 16.85 says "exceeded" where the numbers say "met"
    sp6 = views.target_finding(indicators.target_summary(frames(tables, "sp6").attainment))
    assert "the stated status word disagrees with the numbers in 1." in sp6.text


def test_target_finding_without_any_statement(tables):
    none = indicators.target_attainment(tables["targets"].iloc[:0])
    assert views.target_finding(indicators.target_summary(none)).text == (
        "the target paragraphs state no number.")


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
