"""Unit tests of the indicator arithmetic, with its edge cases."""
import pandas as pd
import pytest

from budgetbook import indicators as ind


def _deliv(rows):
    cols = ["table", "subprogramme", "category", "subcategory_zh", "subcategory_en",
            "plan_2023", "actual_2023", "plan_2024", "plan_2025"]
    return pd.DataFrame(rows, columns=cols)


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
    rec = ind.recomputed_totals(items, totals)
    assert rec["matches"].tolist() == [True, False]
    assert rec.loc[1, "difference_plan_2023"] == 1
    mism = ind.total_mismatches(items, totals)
    assert mism[["subcategory_zh", "measure", "printed", "recomputed"]].values.tolist() == [
        ["项目", "plan_2023", 2, 1]]


def test_total_without_items_is_a_mismatch_not_a_crash():
    totals = _deliv([["16.1", "programme", "A", "x", "x", 3, 3, 3, 3]])
    rec = ind.recomputed_totals(_deliv([]), totals)
    assert rec.loc[0, "recomputed_plan_2023"] == 0 and not rec.loc[0, "matches"]


def test_delivery_rate_with_zero_plan():
    df = _deliv([
        ["t", "sp1", "A", "a", "a", 4, 5, 0, 0],   # over-delivered
        ["t", "sp1", "A", "b", "b", 0, 4, 0, 6],   # '—' planned, delivered anyway
        ["t", "sp1", "A", "c", "c", 0, 0, 0, 0],   # '—' everywhere
        ["t", "sp1", "A", "d", "d", 2, 0, 0, 0],   # planned, nothing delivered
    ])
    out = ind.delivery_rate(df)
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
    out = ind.plan_change(df)
    assert out["change"].tolist() == [-10, 20, -10, 0]
    assert out.loc[0, "change_pct"] == pytest.approx(-23.8095, rel=1e-4)
    assert out["change_pct"].isna().tolist() == [False, True, False, True]
    assert out["change_note"].tolist() == ["", "new", "discontinued", "nil"]


def test_plan_2025_against_actual_2023():
    df = _deliv([["t", "sp1", "A", "a", "a", 7, 13, 8, 15]])
    out = ind.plan_2025_vs_actual_2023(df)
    assert out.loc[0, "change"] == 2
    assert out.loc[0, "change_pct"] == pytest.approx(200 / 13)


def _targets(rows):
    df = pd.DataFrame(rows, columns=["subprogramme", "actual_2023", "target_2023", "status_stated"])
    df["target_2023"] = df["target_2023"].astype("Float64")
    df["actual_2023"] = df["actual_2023"].astype("Float64")
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
