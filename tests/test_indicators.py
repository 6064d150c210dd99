"""Unit tests of the indicator arithmetic, with its edge cases."""
import pandas as pd
import pytest

from budgetbook import indicators as ind
from budgetbook.edition import Edition

# An edition with budget year 2025: its measures are plan_2023, actual_2023, plan_2024 and
# plan_2025 (the arithmetic takes them as arguments; nothing in it names a year).
EDITION = Edition(symbol="TEST/1", section="16", programme="13", budget_year=2025,
                  language="zh", source_file="raw/none.txt")
MEASURES = EDITION.measures
PRIOR_PLAN, PRIOR_ACTUAL, CURRENT_PLAN, BUDGET_PLAN = MEASURES


def _deliv(rows, measures=MEASURES):
    cols = ["table", "subprogramme", "category", "subcategory_zh", "subcategory_en", *measures]
    return pd.DataFrame(rows, columns=cols)


def test_edition_measures_follow_the_budget_year():
    assert MEASURES == ["plan_2023", "actual_2023", "plan_2024", "plan_2025"]
    assert [EDITION.measure(r) for r in ("prior_plan", "prior_actual", "current_plan",
                                         "budget_plan")] == MEASURES
    later = Edition(symbol="TEST/2", section="17", programme="14", budget_year=2026,
                    language="zh", source_file="raw/none.txt")
    assert later.measures == ["plan_2024", "actual_2024", "plan_2025", "plan_2026"]
    assert later.measure_labels["actual_2024"] == "2024 actual"
    assert (later.performance_year, later.current_year, later.years) == (
        2024, 2025, [2022, 2023, 2024, 2025, 2026])


def test_recomputed_totals_match_and_mismatch():
    items = _deliv([
        ["16.4", "sp1", "A", "文件", "Docs", 34, 21, 32, 32],
        ["16.4", "sp1", "A", "文件", "Docs", 34, 6, 10, 0],
        ["16.4", "sp1", "B", "项目", "Projects", 1, 1, 1, 1],
    ])
    totals = _deliv([
        ["16.4", "sp1", "A", "文件", "Docs", 68, 27, 42, 32],
        ["16.4", "sp1", "B", "项目", "Projects", 2, 1, 1, 1],
    ])
    rec = ind.recomputed_totals(items, totals, MEASURES)
    assert rec["matches"].tolist() == [True, False]
    assert rec.loc[1, f"difference_{PRIOR_PLAN}"] == 1
    mism = ind.total_mismatches(items, totals, MEASURES)
    assert mism[["subcategory_zh", "measure", "printed", "recomputed"]].values.tolist() == [
        ["项目", PRIOR_PLAN, 2, 1]]


def test_totals_follow_the_measures_given():
    """Another edition's columns (budget year 2026) add up the same way."""
    later = ["plan_2024", "actual_2024", "plan_2025", "plan_2026"]
    items = _deliv([["17.4", "sp1", "A", "文件", "Docs", 1, 2, 3, 4],
                    ["17.4", "sp1", "A", "文件", "Docs", 1, 2, 3, 4]], later)
    totals = _deliv([["17.4", "sp1", "A", "文件", "Docs", 2, 4, 6, 9]], later)
    mism = ind.total_mismatches(items, totals, later)
    assert mism[["measure", "printed", "recomputed"]].values.tolist() == [["plan_2026", 9, 8]]


def test_total_without_items_is_a_mismatch_not_a_crash():
    totals = _deliv([["16.1", "programme", "A", "x", "x", 3, 3, 3, 3]])
    rec = ind.recomputed_totals(_deliv([]), totals, MEASURES)
    assert rec.loc[0, f"recomputed_{PRIOR_PLAN}"] == 0 and not rec.loc[0, "matches"]


def test_delivery_rate_with_zero_plan():
    df = _deliv([
        ["t", "sp1", "A", "a", "a", 4, 5, 0, 0],   # over-delivered
        ["t", "sp1", "A", "b", "b", 0, 4, 0, 6],   # '—' planned, delivered anyway
        ["t", "sp1", "A", "c", "c", 0, 0, 0, 0],   # '—' everywhere
        ["t", "sp1", "A", "d", "d", 2, 0, 0, 0],   # planned, nothing delivered
    ])
    out = ind.delivery_rate(df, plan=PRIOR_PLAN, actual=PRIOR_ACTUAL)
    assert out.loc[0, "delivery_rate"] == pytest.approx(1.25)
    assert out["delivery_rate"].isna().tolist() == [False, True, True, False]
    assert out["delivery_note"].tolist() == ["", "unplanned", "nil", ""]
    assert out.loc[3, "delivery_rate"] == 0


def test_plan_change_absolute_percent_and_notes():
    df = _deliv([
        ["t", "sp1", "A", "a", "a", 0, 0, 42, 32],
        ["t", "sp1", "A", "b", "b", 0, 0, 0, 20],
        ["t", "sp1", "A", "c", "c", 0, 0, 10, 0],
        ["t", "sp1", "A", "d", "d", 0, 0, 0, 0],
    ])
    out = ind.plan_change(df, base=CURRENT_PLAN, new=BUDGET_PLAN)
    assert out["change"].tolist() == [-10, 20, -10, 0]
    assert out.loc[0, "change_pct"] == pytest.approx(-23.8095, rel=1e-4)
    assert out["change_pct"].isna().tolist() == [False, True, False, True]
    assert out["change_note"].tolist() == ["", "new", "discontinued", "nil"]


def test_budget_plan_against_prior_actual():
    df = _deliv([["t", "sp1", "A", "a", "a", 7, 13, 8, 15]])
    out = ind.plan_change(df, base=PRIOR_ACTUAL, new=BUDGET_PLAN)
    assert out.loc[0, "change"] == 2
    assert out.loc[0, "change_pct"] == pytest.approx(200 / 13)


def _targets(rows, units=None):
    df = pd.DataFrame(rows, columns=["subprogramme", "actual", "target", "status_stated"])
    df["year"] = 2023
    df["result"] = 1  # a planned result (a highlight, result 0, states no target)
    # a count unless told otherwise (the unit decides whether a ratio means anything)
    df["unit"] = pd.array(units or ["countries"] * len(df), dtype="string")
    df["target"] = df["target"].astype("Float64")
    df["actual"] = df["actual"].astype("Float64")
    df["status_stated"] = df["status_stated"].astype("string")
    return df


def test_target_attainment_status_and_agreement():
    df = _targets([
        ["sp1", 162, 140, "exceeded"],
        ["sp1", 12, 12, "met"],
        ["sp2", 9, 10, "exceeded"],      # text says exceeded, numbers say not met
        ["sp2", 5, None, "exceeded"],    # no target stated
        ["sp3", 5, None, None],
        ["sp3", 5, 0, None],             # a target of 0: no ratio
    ])
    out = ind.target_attainment(df)
    assert out.loc[0, "attainment"] == pytest.approx(162 / 140)
    assert out["attainment"].isna().tolist() == [False, False, False, True, True, True]
    assert out["status_computed"].tolist()[:3] == ["exceeded", "met", "not_met"]
    assert out["status_computed"].isna().tolist()[3:5] == [True, True]
    assert out.loc[5, "status_computed"] == "exceeded"
    agrees = out["status_agrees"]
    assert agrees[0] and agrees[1] and agrees[2] == False  # noqa: E712
    assert agrees.isna().tolist()[3:] == [True, True, True]
    summary = ind.target_summary(out[out["subprogramme"] == "sp2"])
    assert summary["status_disagrees"] == 1 and summary["with_target"] == 1
    summary = ind.target_summary(out[out["subprogramme"] == "sp1"])
    assert summary["met_or_exceeded"] == 2


def test_mandates_by_body():
    df = pd.DataFrame({"subprogramme": ["sp1", "sp1", "sp2"], "body": ["GA", "GA", "CND"]})
    out = ind.mandates_by_body(df)
    assert out.values.tolist() == [["sp1", "GA", 2], ["sp2", "CND", 1]]
    assert ind.mandates_by_body(df, by=("body",)).values.tolist() == [["GA", 2], ["CND", 1]]


def test_item_totals_are_the_sums_of_the_items_not_the_printed_totals():
    items = _deliv([
        ["16.4", "sp1", "B", "项目", "Projects", 1, 1, 1, 1],
        ["16.4", "sp1", "A", "文件", "Docs", 34, 21, 32, 32],
        ["16.4", "sp1", "A", "文件", "Docs", 34, 6, 10, 0],
    ])
    totals = _deliv([
        ["16.4", "sp1", "A", "文件", "Docs", 68, 27, 42, 32],
        ["16.4", "sp1", "B", "项目", "Projects", 2, 1, 1, 1],  # printed 2, items sum to 1
    ])
    out = ind.item_totals(items, totals, MEASURES)
    assert list(out.columns) == list(totals.columns)
    assert out["subcategory_en"].tolist() == ["Docs", "Projects"]  # the printed order
    assert out[MEASURES].values.tolist() == [[68, 27, 42, 32], [1, 1, 1, 1]]


def test_delivery_summary_counts_each_case_once():
    df = pd.DataFrame({"p": [10, 10, 0, 0, 4], "a": [10, 7, 3, 0, 5]})
    summary = ind.delivery_summary(ind.delivery_rate(df, plan="p", actual="a"))
    assert summary == {"rows": 5, "planned": 3, "short": 1, "in_full": 2, "unplanned": 1}


def test_change_summary_counts_by_sign():
    df = pd.DataFrame({"b": [1, 5, 0, 2], "n": [3, 2, 0, 2]})
    assert ind.change_summary(ind.plan_change(df, base="b", new="n")) == {
        "rows": 4, "higher": 1, "lower": 1, "unchanged": 2}


def test_target_summary_counts_only_statements_with_a_target():
    targets = pd.DataFrame({"actual": [12, 10, 5, 7], "target": [10, 10, 8, None],
                            "status_stated": ["exceeded", "exceeded", "not_met", "met"],
                            "unit": ["countries"] * 4})
    summary = ind.target_summary(ind.target_attainment(targets))
    assert summary == {"statements": 4, "with_target": 3, "met_or_exceeded": 2, "not_met": 1,
                       "status_disagrees": 1}


# ---- indicators an evaluator can defend ------------------------------------------------

def test_min_percent_base_and_material_delivery_are_the_documented_thresholds():
    assert ind.MIN_PERCENT_BASE == 10
    assert ind.MATERIAL_DELIVERY == 0.9


def test_plan_change_withholds_the_percentage_from_a_small_base():
    df = pd.DataFrame({"b": [1, 10, 9, 5, 3, 0, 0, 12],
                       "n": [3, 12, 12, 5, 0, 4, 0, 9]})
    out = ind.plan_change(df, base="b", new="n")
    # 1 -> 3 is "+200%" on a base of one: no percentage, the absolute change and a note
    assert pd.isna(out.loc[0, "change_pct"])
    assert out.loc[0, "change"] == 2 and out.loc[0, "change_note"] == "small base"
    # 10 -> 12: a base at the minimum gives its percentage
    assert out.loc[1, "change_pct"] == pytest.approx(20.0)
    assert out.loc[1, "change_note"] == ""
    # just below the minimum: withheld
    assert pd.isna(out.loc[2, "change_pct"]) and out.loc[2, "change_note"] == "small base"
    # unchanged on a small base: no percentage, and nothing to explain
    assert pd.isna(out.loc[3, "change_pct"]) and out.loc[3, "change_note"] == ""
    # new, nil and discontinued still win over "small base"
    assert out["change_note"].tolist()[4:7] == ["discontinued", "new", "nil"]
    assert out["change_pct"].isna().tolist() == [True, False, True, True, True, True, True,
                                                 False]
    assert out.loc[7, "change_pct"] == pytest.approx(-25.0)
    assert out["change"].tolist() == [2, 2, 3, 0, -3, 4, 0, -3]


def test_attainment_is_not_a_ratio_of_percentages():
    df = _targets([
        ["sp9c1", 98, 80, "exceeded"],   # 98 % against 80 %: not "122 %"
        ["sp9c1", 70, 85, "exceeded"],   # a percentage below its target
        ["sp1", 162, 140, "exceeded"],   # a count: the ratio stands
        ["sp8", 38, None, None],         # a percentage without a target
    ], units=["percent", "percent", "States parties", "percent"])
    out = ind.target_attainment(df)
    assert out["attainment"].isna().tolist() == [True, True, False, True]
    assert out.loc[2, "attainment"] == pytest.approx(162 / 140)
    # the status by the numbers is computed for percentages all the same
    assert out["status_computed"].tolist()[:3] == ["exceeded", "not_met", "exceeded"]
    assert pd.isna(out.loc[3, "status_computed"])
    assert out["status_agrees"].tolist()[:3] == [True, False, True]
    assert ind.target_summary(out) == {"statements": 4, "with_target": 3,
                                       "met_or_exceeded": 2, "not_met": 1,
                                       "status_disagrees": 1}


def test_result_verdicts_and_their_gap():
    df = _targets([
        ["sp1", 162, 140, "exceeded"],   # the numbers imply the stated status
        ["sp6", 17, 17, "exceeded"],     # equal to target: "met", not "exceeded"
        ["sp8", 8791, 15000, "not_met"],  # a miss, stated as one
        ["sp5", 73, None, "met"],        # a status without a numeric target
        ["sp2", None, None, "met"],      # a status without any number
        ["sp3", 187, None, None],        # a number without a status
        ["sp9c1", 98, 80, "exceeded"],   # percentages: the gap in percentage points
        ["sp9c1", 97, 85, None],         # numbers, but no status stated
    ], units=["States parties", "countries", "households", "percent", "countries",
              "members", "percent", "percent"])
    highlight = _targets([["sp3", 21, None, None]]).assign(result=0)
    out = ind.result_verdicts(ind.target_attainment(pd.concat([df, highlight],
                                                              ignore_index=True)))
    assert len(out) == len(df)  # the highlight's value is not a statement against a target
    assert out["verdict"].tolist() == ["supported", "contradicted", "supported",
                                       "unverifiable", "unverifiable", "no status",
                                       "supported", "no status"]
    assert out.loc[0, "gap"] == 22 and out.loc[1, "gap"] == 0
    assert out.loc[2, "gap"] == -6209 and out.loc[6, "gap"] == 18
    assert out["gap"].isna().tolist() == [False, False, False, True, True, True, False, False]
    # the verdict adds columns; it changes none of the attainment's
    att = ind.target_attainment(df)
    assert out[att.columns].equals(att)


def _items(rows):
    return pd.DataFrame(rows, columns=["subprogramme", "table", "item_no", "p", "a"])


def test_delivery_counts_count_rows_not_units():
    items = _items([
        ["sp1", "t1", 1, 34, 6],     # short
        ["sp1", "t1", 2, 2, 2],      # in full
        ["sp1", "t1", 3, 0, 5],      # unplanned: not planned, not in full
        ["sp2", "t2", 1, 1000, 1200],  # in full: one item, however many units
        ["sp2", "t2", 2, 0, 0],      # nil: counted nowhere
        ["sp3", "t3", 1, 0, 0],      # nothing planned at all
    ])
    delivery = ind.delivery_rate(items, plan="p", actual="a")
    out = ind.delivery_counts(delivery, by=["subprogramme"])
    assert out["subprogramme"].tolist() == ["sp1", "sp2", "sp3"]  # order of appearance
    assert out[["planned", "in_full", "short", "unplanned"]].values.tolist() == [
        [2, 1, 1, 1], [1, 1, 0, 0], [0, 0, 0, 0]]
    assert out.loc[0, "in_full_share"] == pytest.approx(0.5)
    assert out.loc[1, "in_full_share"] == pytest.approx(1.0)
    assert pd.isna(out.loc[2, "in_full_share"])
    # the counts agree with delivery_summary, group by group
    for sp, row in out.set_index("subprogramme").iterrows():
        summary = ind.delivery_summary(delivery[delivery["subprogramme"] == sp])
        assert {k: int(row[k]) for k in ("planned", "in_full", "short", "unplanned")} == {
            k: summary[k] for k in ("planned", "in_full", "short", "unplanned")}
    by_two = ind.delivery_counts(delivery, by=["subprogramme", "table"])
    assert list(by_two.columns[:2]) == ["subprogramme", "table"] and len(by_two) == 3


def test_shortfalls_threshold_and_ranking():
    items = _items([
        ["sp1", "t", 1, 10, 9],     # exactly 90 %: not material
        ["sp1", "t", 2, 100, 89],   # 89 %: material
        ["sp1", "t", 3, 34, 6],     # 6 of 34
        ["sp2", "t", 4, 2, 0],      # 0 of 2
        ["sp2", "t", 5, 4, 0],      # 0 of 4: same share, larger gap, ranked first
        ["sp2", "t", 6, 0, 3],      # unplanned: not a shortfall
        ["sp2", "t", 7, 0, 0],      # nil: not a shortfall
        ["sp3", "t", 8, 5, 7],      # over-delivered
        ["sp3", "t", 9, 20, 18],    # 90 % again, on another plan
        ["sp3", "t", 10, 1000, 899],  # 89.9 %: material
    ])
    delivery = ind.delivery_rate(items, plan="p", actual="a")
    out = ind.shortfalls(delivery, plan="p", actual="a")
    assert out["item_no"].tolist() == [5, 4, 3, 2, 10]
    assert out["gap"].tolist() == [4, 2, 28, 11, 101]
    assert [round(float(s), 4) for s in out["gap_share"]] == [1.0, 1.0, round(28 / 34, 4),
                                                              0.11, 0.101]
    assert 1 not in out["item_no"].tolist() and 9 not in out["item_no"].tolist()
    # the rows keep their columns (and index), so a view can label them
    assert list(out.columns[:len(items.columns)]) == list(items.columns)
    assert set(out.index) <= set(items.index)
    assert ind.shortfalls(delivery.iloc[:0], plan="p", actual="a").empty


def _issues(rows):
    return pd.DataFrame(rows, columns=["issue_id", "category", "check_key"])


def test_without_duplicates_drops_only_the_repeating_block():
    issues = _issues([
        ["SI-1", "duplicated_block", "duplicated_block|9.25|first block|second block"],
        ["SI-2", "total_mismatch", "total_mismatch|9.4|first block|plan_2023"],
        ["SI-3", "duplicated_block", None],          # no key: nothing to drop
        ["SI-4", "typo", "duplicated_block|9.4|x|other block"],  # not this category
    ])
    assert ind.duplicated_subcategories(issues) == {("9.25", "second block")}
    frame = pd.DataFrame({
        "table": ["9.25", "9.25", "9.25", "9.4", "9.4"],
        "subcategory_zh": ["first block", "second block", "third", "second block",
                           "other block"],
        "item_no": [1, 2, 3, 4, 5]})
    kept = ind.without_duplicates(frame, issues)
    # the first block stays; the same name in another table stays
    assert kept["item_no"].tolist() == [1, 3, 4, 5]
    assert ind.without_duplicates(frame, issues.iloc[:0]).equals(frame)


def test_entry_symbols_and_ranked_by_share():
    assert ind.entry_symbols("49/168; 52/92") == ["49/168", "52/92"]
    assert ind.entry_symbols(None) == [None]
    counts = pd.DataFrame({"subprogramme": ["a", "b", "c", "d"], "planned": [10, 4, 8, 0],
                           "in_full": [5, 2, 8, 0]})
    counts["in_full_share"] = (counts["in_full"] / counts["planned"]).where(counts["planned"] > 0)
    assert ind.ranked_by_share(counts)["subprogramme"].tolist() == ["a", "b", "c"]
    assert ind.ranked_by_share(counts, lowest_first=False)["subprogramme"].tolist()[0] == "c"


def test_the_thresholds_are_arguments_defaulting_to_the_books():
    """A student's 80 % shortfall or a smaller base for percentages: an argument of the
    function that uses it, the book's constant when not given."""
    items = _items([["sp1", "t", 1, 10, 9], ["sp1", "t", 2, 10, 8], ["sp1", "t", 3, 10, 7]])
    delivery = ind.delivery_rate(items, plan="p", actual="a")
    book = ind.shortfalls(delivery, plan="p", actual="a")
    assert list(book["item_no"]) == [3, 2] and ind.MATERIAL_DELIVERY == 0.9
    assert list(ind.shortfalls(delivery, plan="p", actual="a", threshold=0.8)["item_no"]) == [3]
    df = pd.DataFrame({"b": [5], "n": [10]})
    assert pd.isna(ind.plan_change(df, base="b", new="n")["change_pct"].iloc[0])
    assert ind.plan_change(df, base="b", new="n", min_base=5)["change_pct"].iloc[0] == 100


def test_a_threshold_parameter_is_checked_with_a_clear_error():
    assert ind.threshold(None, 0.9, "shortfall_threshold", 0, 1) == 0.9
    assert ind.threshold("0.8", 0.9, "shortfall_threshold", 0, 1) == 0.8
    assert ind.threshold(5.0, 10, "min_percent_base", 1, 10**9) == 5
    assert isinstance(ind.threshold(5.0, 10, "min_percent_base", 1, 10**9), int)
    with pytest.raises(ValueError, match=r"parameter shortfall_threshold=8 is outside 0 to 1; "
                                         r"the book's is 0.9"):
        ind.threshold(8, 0.9, "shortfall_threshold", 0, 1)
    with pytest.raises(ValueError, match="give a number from 0 to 1, or None for the book's 0.9"):
        ind.threshold("most", 0.9, "shortfall_threshold", 0, 1)
