"""The ledger of claims (budgetbook.claims): what a page records, and the contradictions a
ledger of several pages shows."""
import pandas as pd
import pytest

from budgetbook import claims, indicators, language, load_all, views
from budgetbook.edition import edition_of


@pytest.fixture
def page():
    claims.begin()
    yield
    claims.end()


def test_a_claim_is_recorded_only_on_a_page_and_returns_its_value(page):
    assert claims.claim("sp3.items_with_plan", 10, "line items of sp3 with a plan") == 10
    claims.end()
    # outside a page (a test, an analyst's session) a view states its numbers, no ledger
    assert claims.claim("sp3.items_with_plan", 11, "line items of sp3 with a plan") == 11
    assert claims.recorded().empty


def test_a_page_that_states_one_name_with_two_values_fails_at_once(page):
    claims.claim("sp3.items_with_plan", 10, "line items of sp3 with a plan")
    claims.claim("sp3.items_with_plan", 10, "line items of sp3 with a plan")  # the same: fine
    with pytest.raises(ValueError, match="stated twice on this page with two values: 10 and 9"):
        claims.claim("sp3.items_with_plan", 9, "line items of sp3 with a plan")
    with pytest.raises(ValueError, match="counts two populations"):
        claims.claim("sp3.items_with_plan", 10, "every line item of sp3")


def test_the_ledger_block_carries_the_claims_invisibly(page):
    claims.claim("sp3.items_with_plan", 10, "line items of sp3 </script> with a plan")
    claims.claim("sp3.items_in_full", 8, "line items of sp3 delivered in full")
    block = claims.ledger_block()
    assert block.html.startswith('<script type="application/json" class="budgetbook-claims">')
    assert block.html.count("</script>") == 1  # a population cannot end the script early
    assert claims.read_block(block.html) == claims.recorded().to_dict("records")
    assert block.text == "2 claims\nsp3.items_with_plan = 10\nsp3.items_in_full = 8"


def _ledger(rows):
    return pd.DataFrame(rows, columns=claims.COLUMNS)


def test_problems_name_a_claim_with_two_values_and_the_pages():
    ledger = _ledger([
        ("sp3.items_with_plan", 10, "line items of sp3 with a plan", "notebooks/sp3.html", "en"),
        ("sp3.items_with_plan", 11, "line items of sp3 with a plan", "notebooks/00.html", "en"),
        ("sp3.items_in_full", 8, "line items of sp3 delivered in full", "notebooks/sp3.html",
         "en")])
    assert claims.problems(ledger) == [
        "claim 'sp3.items_with_plan' has two values: 10 on notebooks/sp3.html (en); "
        "11 on notebooks/00.html (en)"]
    assert claims.problems(ledger.iloc[[0, 2]]) == []
    assert claims.problems(_ledger([])) == []


def test_problems_name_one_population_counted_two_ways():
    """Two names, one population, two values: the pages count the same thing differently."""
    ledger = _ledger([
        ("all.items_with_plan", 108, "line items of the programme with a plan", "a.html", "en"),
        ("overview.planned_items", 109, "line items of the programme with a plan", "b.html",
         "en")])
    found = claims.problems(ledger)
    assert found == ["two claims count 'line items of the programme with a plan' differently: "
                     "all.items_with_plan = 108 on a.html; overview.planned_items = 109 on "
                     "b.html"]
    # different populations may differ, as long as each says which it counts
    other = ledger.assign(population=["line items with a plan", "line items planned in "
                                                                "either year"])
    assert claims.problems(other) == []


def test_a_chapters_counts_are_the_overviews_for_the_same_names(page):
    """The chapter's delivery line and the overview's chart state sp3's line items under one
    name each: the same population, the same value."""
    tables = load_all()
    edition = edition_of(tables)
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
    delivery = indicators.delivery_rate(items, plan=plan, actual=actual)
    sp3 = delivery[delivery["subprogramme"] == "sp3"]
    with language.using("en"):
        views.delivery_finding(indicators.delivery_summary(sp3), indicators.delivery_summary(sp3),
                               len(indicators.shortfalls(sp3, plan, actual)), edition,
                               scope="sp3")
        chapter = claims.recorded().set_index("name")
        claims.begin()
        from budgetbook import overview
        counts = indicators.delivery_counts(delivery, by=["subprogramme"])
        overview.share_chart(counts, edition, views.chapter_labels(tables), "16.1").close()
        programme = claims.recorded().set_index("name")
    for name in ("sp3.items_with_plan", "sp3.items_in_full"):
        assert chapter.loc[name, "value"] == programme.loc[name, "value"]
        assert chapter.loc[name, "population"] == programme.loc[name, "population"]
    assert chapter.loc["sp3.items_with_plan", "value"] == int((sp3[plan] > 0).sum())
