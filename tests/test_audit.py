"""The source audit: every computed finding is listed in data/source_issues.csv, every
listed computed finding is still found, and every finding quotes its line of data/raw."""
import pandas as pd

from budgetbook import audit, load, load_all, source
from budgetbook.loading import read_edition


def test_computed_findings_and_the_list_agree():
    found = set(audit.computed_findings(load_all())["check_key"])
    issues = load("source_issues")
    listed = set(issues.loc[issues["found_by"] == "computed", "check_key"])
    assert found == listed, {"found but not listed": found - listed,
                             "listed but no longer found": listed - found}


def test_reading_findings_carry_no_check_key():
    issues = load("source_issues")
    reading = issues[issues["found_by"] == "reading"]
    assert reading["check_key"].isna().all()


def test_each_finding_quotes_its_line_of_the_source():
    lines = source.raw_lines()
    for r in load("source_issues").itertuples():
        assert r.source_wording_zh in lines[r.raw_line - 1], (r.issue_id, r.raw_line)


def test_a_new_mismatch_is_caught(data_copy):
    """A total that no longer adds up is found by the check (and so fails the list test)."""
    plan = read_edition(data_copy).measure("budget_plan")
    path = data_copy / "deliverable_totals.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, plan] = str(int(df.loc[0, plan]) + 1)
    df.to_csv(path, index=False, lineterminator="\n")
    found = audit.computed_findings(load_all(data_copy))
    assert audit.total_mismatch_key(df.loc[0, "table"], df.loc[0, "subcategory_zh"],
                                    plan) in set(found["check_key"])


def test_status_check_finds_a_changed_status(data_copy):
    path = data_copy / "targets.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    i = df.index[df["paragraph"] == "16.19"][0]
    df.loc[i, "status_stated"] = "not_met"
    df.to_csv(path, index=False, lineterminator="\n")
    keys = set(audit.computed_findings(load_all(data_copy))["check_key"])
    assert f"status_against_numbers|16.19|{df.loc[i, 'indicator_zh']}" in keys
