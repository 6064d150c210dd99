"""Recomputed subtotals equal the printed totals, for every subcategory and measure.

A real difference in the source is never adjusted away: it must be listed in
data/source_issues.csv (category total_mismatch), and a listed one must still differ.
"""
from budgetbook import indicators, load
from budgetbook.loading import read_edition


def test_every_printed_total_has_items():
    rec = indicators.recomputed_totals(load("deliverables"), load("deliverable_totals"),
                                       read_edition().measures)
    no_items = rec[(rec[[c for c in rec if c.startswith("recomputed_")]] == 0).all(axis=1)
                   & ~rec["matches"]]
    assert no_items.empty, no_items[["table", "subcategory_zh"]].values.tolist()


def test_every_item_belongs_to_a_printed_total():
    totals = load("deliverable_totals")
    keys = set(zip(totals["table"], totals["subcategory_zh"]))
    items = load("deliverables")
    orphans = {(t, s) for t, s in zip(items["table"], items["subcategory_zh"])} - keys
    assert not orphans, orphans


def test_recomputed_totals_equal_printed_totals():
    mismatches = indicators.total_mismatches(load("deliverables"), load("deliverable_totals"),
                                             read_edition().measures)
    found = {(r.table, r.subcategory_zh, r.measure) for r in mismatches.itertuples()}
    issues = load("source_issues")
    listed = {tuple(k.split("|")[1:]) for k in issues["check_key"].dropna()
              if k.startswith("total_mismatch|")}
    assert found == listed, {"not listed": found - listed, "no longer found": listed - found}
