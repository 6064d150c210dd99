"""Unit tests of the views the chapters share (budgetbook/chapter.py)."""
import pandas as pd
import pytest

from budgetbook import chapter, load_all
from budgetbook.edition import edition_of
from conftest import CHAPTER_IDS


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(scope="module")
def edition(tables):
    return edition_of(tables)


def test_edition_line_names_the_document_and_its_years(tables, edition):
    note = chapter.edition_line(tables)
    assert note.text == (f"From {edition.symbol}: the proposed programme plan for "
                         f"{edition.budget_year} and the programme performance in "
                         f"{edition.performance_year}.")
    assert "A/79/6 (Sect. 16)/Part A" in note.text and "2025" in note.text
    assert "2023" in note.text


def test_heading_starts_with_the_edition_line(tables):
    note = chapter.heading(tables, "sp1")
    line = chapter.edition_line(tables)
    assert note.text.startswith(line.text + "\n")
    assert note.html.startswith(line.html)
    assert "Subprogramme 1: Countering transnational organized crime" in note.text


def test_commentary_note_warns_only_for_another_edition(tables, edition):
    assert chapter.commentary_note(tables, written_for=edition.symbol).text == ""
    assert chapter.commentary_note(tables, written_for=edition.symbol).html == ""
    note = chapter.commentary_note(tables, written_for="A/78/6 (Sect. 16)")
    assert "written for A/78/6 (Sect. 16)" in note.text and edition.symbol in note.text
    assert "warning" in note.html


def test_unknown_subprogramme_is_refused_with_the_valid_ids(tables):
    with pytest.raises(ValueError, match="unknown subprogramme 'sp10'; choose one of: programme"):
        chapter.check_subprogramme(tables, "sp10")


def test_every_chapter_has_a_notebook(tables):
    assert set(chapter.NOTEBOOKS) == set(tables["subprogrammes"]["id"])


def test_deliverables_table_shows_items_then_printed_and_recomputed_totals(tables, edition):
    df = chapter.deliverables_table(tables, "sp1")
    items = tables["deliverables"][tables["deliverables"]["subprogramme"] == "sp1"]
    totals = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == "sp1"]
    assert len(df) == len(items) + 2 * len(totals)
    labels = edition.measure_labels
    assert list(labels.values()) == ["2023 planned", "2023 actual", "2024 planned",
                                     "2025 planned"]
    assert [c for c in df.columns if c in labels.values()] == list(labels.values())
    prior_plan = edition.measure("prior_plan")
    printed = df[df["item"] == "Total (printed)"][labels[prior_plan]].tolist()
    assert printed == totals[prior_plan].tolist()
    # an item printed as "—" says so
    nil = df[df["printed as —"] != ""]
    assert not nil.empty and (nil[labels[edition.measure("budget_plan")]] == 0).any()


def test_figure_values_state_only_what_the_text_states(tables, edition):
    df = chapter.figure_values(tables, "16.XVIII")  # followers on social media, paragraph 16.98
    assert df["year"].tolist() == edition.years
    stated = df[df["year"] == edition.performance_year]
    assert stated["value stated"].tolist() == ["845,258 followers"]
    assert stated["target stated"].tolist() == ["731,000 followers"]
    others = df[df["year"] != edition.performance_year]
    assert set(others["value stated"]) == {chapter.NOT_STATED}


def test_figure_without_any_stated_value(tables):
    df = chapter.figure_values(tables, "16.XXV")
    assert set(df["value stated"]) == {chapter.NOT_STATED}


def test_targets_table_sets_the_stated_status_beside_the_numbers(tables):
    df = chapter.targets_table(tables, "sp6")
    row = df[df["paragraph"] == "16.85"].iloc[0]
    assert row["status stated"] == "exceeded"
    assert row["status by the numbers"] == "met"
    assert row["agree"] == "NO"


def test_targets_table_labels_its_columns_with_the_year(tables):
    df = chapter.targets_table(tables, "sp1")
    assert {"2023 actual", "2023 target"} <= set(df.columns)
    assert "year" not in df.columns  # every statement is of one year


def test_target_chart_only_where_numbers_exist(tables, edition):
    assert isinstance(chapter.target_chart(tables, "sp5"), chapter.Note)  # no numeric target
    chart = chapter.target_chart(tables, "sp8")
    assert f"1 of 2 numeric {edition.performance_year} targets missed" in chart.title
    assert "1 of 2 numeric 2023 targets missed" in chart.title
    chart.close()


def test_subprogramme_without_mandate_list(tables):
    note = chapter.mandates_summary(tables, "sp7")
    assert "lists no legislative mandates specific to this subprogramme" in note.text


def test_each_chapter_box_lists_its_own_findings(tables):
    issues = tables["source_issues"]
    for sp in CHAPTER_IDS:
        note = chapter.chapter_findings(tables, sp)
        for issue_id in issues[issues["subprogramme"] == sp]["issue_id"]:
            assert issue_id in note.text
        for issue_id in issues[issues["subprogramme"] != sp]["issue_id"]:
            assert f"{issue_id} (" not in note.text


def test_audit_page_links_each_finding_to_its_chapter(tables):
    note = chapter.audit_by_category(tables)
    assert note.html.count("<li>") == len(tables["source_issues"])
    assert 'href="../notebooks/sp6_research_trends_forensics.html"' in note.html


def test_plan_vs_actual_table(tables, edition):
    df = chapter.plan_vs_actual_table(tables, "sp9c1")
    t = tables["deliverable_totals"]
    t = t[t["subprogramme"] == "sp9c1"]
    plan, actual = edition.measure("budget_plan"), edition.measure("prior_actual")
    assert (df["change"] == (t[plan] - t[actual]).values).all()
    assert list(df.columns[1:3]) == ["2023 actual", "2025 planned"]


def test_data_dictionary_is_generated_from_the_descriptor(tmp_path):
    descriptor = {"resources": [{"path": "x.csv", "title": "X <table>", "schema": {
        "primaryKey": ["id"], "fields": [{"name": "id", "type": "string", "description": "Id",
                                          "constraints": {"required": True, "enum": ["a"]}}]}}]}
    (tmp_path / "x.csv").write_text("id\na\n")
    note = chapter.data_dictionary(descriptor, tmp_path)
    assert "1 rows" in note.html and "one of: a" in note.html and "X &lt;table&gt;" in note.html


def test_result_block_combines_title_measure_and_values(tables):
    note = chapter.result_block(tables, "sp7", 1)
    assert "Result 1:" in note.text and "Figure 16.XVIII" in note.text
    assert "845,258 followers" in note.text and chapter.NOT_STATED in note.text
    assert list(note.data.columns) == ["year", "series", "value stated", "target stated",
                                       "cited in"]


def test_a_chapter_refuses_to_show_another_subprogramme(tables):
    with pytest.raises(ValueError, match=r"written for sp3.*run notebooks/sp5_justice\.ipynb"):
        chapter.check_subprogramme(tables, "sp5", written_for="sp3")
    assert chapter.check_subprogramme(tables, "sp3", written_for="sp3") == "sp3"


def _with_sp3_item_changed(tables):
    changed = dict(tables)
    d = tables["deliverables"].copy()
    row = d.index[(d["subprogramme"] == "sp3")][0]
    d.loc[row, edition_of(tables).measure("prior_actual")] += 1
    changed["deliverables"] = d
    return changed, d.loc[row]


def test_totals_summary_blames_the_data_when_the_audit_lists_no_mismatch(tables):
    changed, _ = _with_sp3_item_changed(tables)
    text = chapter.totals_summary(changed, "sp3").text
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
    text = chapter.totals_summary(changed, "sp3").text
    assert "the source audit lists each" in text


def test_mandates_table_carries_the_source_footnotes(tables):
    m = tables["mandates"]
    footnoted = m[m["footnote_en"].notna()]
    table = chapter.mandates_table(tables, "sp5")
    shown = table[table["footnote in the source"] != ""]
    assert sorted(shown["symbol"]) == sorted(footnoted[footnoted["subprogramme"] == "sp5"]["symbol"])
    assert "footnote in the source" not in chapter.mandates_table(tables, "sp1").columns


def test_indicators_follow_a_corrected_item_not_the_printed_total(tables):
    """An analyst corrects one item: the chapter's rate, change and tables move with it,
    while the printed total stays as printed (and the totals check says NO)."""
    ed = edition_of(tables)
    changed, item = _with_sp3_item_changed(tables)
    actual = ed.measure("prior_actual")
    before = chapter.delivery_chart(tables, "sp3").data
    after = chapter.delivery_chart(changed, "sp3").data
    label = f"{item['category']}. {item['subcategory_en']}"
    row_before = before[before["label"] == label].iloc[0]
    row_after = after[after["label"] == label].iloc[0]
    assert row_after["delivery_rate_pct"] > row_before["delivery_rate_pct"]
    table = chapter.plan_vs_actual_table(changed, "sp3")
    old = chapter.plan_vs_actual_table(tables, "sp3")
    assert (table[ed.measure_labels[actual]] - old[ed.measure_labels[actual]]).sum() == 1
    assert "NO" in set(chapter.totals_check(changed, "sp3")["all four match"])
