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
    summed = ind.subprogramme_totals(totals, later)
    assert summed[later].values.tolist() == [[2, 4, 6, 9]]


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


def _targets(rows):
    df = pd.DataFrame(rows, columns=["subprogramme", "actual", "target", "status_stated"])
    df["year"] = 2023
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
    summary = ind.attainment_summary(df).set_index("subprogramme")
    assert summary.loc["sp2", "status_disagrees"] == 1
    assert summary.loc["sp2", "with_target"] == 1
    assert summary.loc["sp1", "exceeded"] == 1 and summary.loc["sp1", "met"] == 1


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
                            "status_stated": ["exceeded", "exceeded", "not_met", "met"]})
    summary = ind.target_summary(ind.target_attainment(targets))
    assert summary == {"statements": 4, "with_target": 3, "met_or_exceeded": 2, "not_met": 1,
                       "status_disagrees": 1}
