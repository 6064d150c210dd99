# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Programme overview
#
# The subprogrammes compared side by side, and the deliverables they share. Every value is
# loaded from `data/` and recomputed in the code cells below (open them to see each step).

# %% [markdown]
# ## At a glance
#
# - **[Delivery](#delivery-unit-by-unit)** in {glue:text}`performance_year`:
#   {glue:text}`items_finding`
# - **[Shortfalls](#material-shortfalls-across-the-programme)**: {glue:text}`shortfalls_finding`
# - **[Plans](#plans-unit-by-unit)**, {glue:text}`current_year` to {glue:text}`budget_year`:
#   {glue:text}`plans_finding`
# - **[Targets](#targets-verdicts-on-the-stated-status)**: {glue:text}`verdicts_finding`
# - **Missed targets**: {glue:text}`missed_finding`
#
# Units differ between subcategories (documents, three-hour meetings, projects, days), so
# the programme is compared in counts of line items and unit by unit, never in sums across
# units. The duplicated block the source audit identifies is left out of every count.

# %% tags=["parameters", "hide-input"]
language = "en"  # the language of every label, table, chart and sentence: "en" or "zh"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts
shortfall_threshold = None  # below this share of its plan, an item falls short; None: the book's

# %% tags=["hide-input"]
from budgetbook import claims, commentary, indicators, load_all, overview, render, views
from budgetbook.render import glue  # MyST-NB's glue, without loading Sphinx
from budgetbook.edition import edition_of
from budgetbook.language import t, use as use_language

use_language(language)  # "zh": labels from the *_zh columns (the source's own words)
claims.begin()  # the page's ledger: every number its sentences state, by name (claims.csv)
# The threshold this page uses: the parameter, or the book's (the page states it).
shortfall_threshold = indicators.threshold(shortfall_threshold, indicators.MATERIAL_DELIVERY,
                                           "shortfall_threshold", 0, 1)
tables = load_all(data_dir)  # every CSV of data/, validated: {"deliverables": DataFrame, ...}
edition = edition_of(tables)  # the document, and its years (performance, current, budget)
sp = "programme"  # the rows that belong to no single subprogramme
labels = views.chapter_labels(tables)  # subprogramme id -> "Subprogramme 3", ...
views.edition_line(edition)

# %% tags=["remove-input"]
views.chapter_findings(tables["source_issues"][tables["source_issues"]["subprogramme"] == sp],
                       scope=sp)

# %% [markdown]
# ## Delivery, unit by unit
#
# A line item is **delivered in full** when its {glue:text}`performance_year` actual is at
# least its plan. The share of planned items delivered in full is a count of items, so it
# can be compared across subprogrammes whatever the items count.

# %% tags=["hide-input"]
plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
glue("performance_year", edition.performance_year, display=False)
# Every line item, without the block the source audit shows to repeat another.
all_items = indicators.without_duplicates(tables["deliverables"], tables["source_issues"])
item_delivery = indicators.delivery_rate(all_items, plan=plan, actual=actual)
item_counts = indicators.delivery_counts(item_delivery, by=["subprogramme"])
glue("items_finding", views.items_finding(item_counts, labels, edition, scope="all"),
     display=False)
items_chart = overview.share_chart(
    item_counts, edition, labels, ", ".join(dict.fromkeys(tables["deliverable_totals"]["table"])))
items_chart

# %% [markdown]
# Each kind of subcategory, in its own unit: actual of plan in {glue:text}`performance_year`.
# An empty cell means the subprogramme's table has no such subcategory.

# %% tags=["hide-input"]
totals = indicators.item_totals(all_items, indicators.without_duplicates(
    tables["deliverable_totals"], tables["source_issues"]), edition.measures)
delivery_by_kind = overview.by_kind(
    totals,
    t("", "实际 ") + totals[actual].astype(str) + t(" of ", "，计划 ") + totals[plan].astype(str),
    labels)
render.table(delivery_by_kind, name=f"delivery_by_kind_{edition.performance_year}")

# %% [markdown]
# ## Plans, unit by unit
#
# Each kind of subcategory, in its own unit: the {glue:text}`current_year` plan → the
# {glue:text}`budget_year` plan.

# %% tags=["hide-input"]
current_plan, budget_plan = edition.measure("current_plan"), edition.measure("budget_plan")
glue("current_year", edition.current_year, display=False)
glue("budget_year", edition.budget_year, display=False)
item_change = indicators.plan_change(all_items, base=current_plan, new=budget_plan)
glue("plans_finding", views.plans_finding(item_change, edition, scope="all"), display=False)
plans_by_kind = overview.by_kind(
    totals, totals[current_plan].astype(str) + " → " + totals[budget_plan].astype(str), labels)
render.table(plans_by_kind,
             name=f"plans_by_kind_{edition.current_year}_to_{edition.budget_year}")

# %% [markdown]
# ## Material shortfalls across the programme
#
# Every line item that delivered less than {glue:text}`material_share` of its plan, largest
# share of the plan first; each in its own unit.

# %% tags=["hide-input"]
shortfalls = indicators.shortfalls(item_delivery, plan=plan, actual=actual,
                                   threshold=shortfall_threshold)
glue("material_share", render.text(f"{shortfall_threshold:.0%}"), display=False)
glue("shortfalls_finding",
     views.shortfalls_finding(shortfalls, item_counts, labels, edition, scope="all",
                              threshold=shortfall_threshold),
     display=False)
shortfalls_table = overview.shortfalls_table(shortfalls, edition, labels,
                                             tables["deliverable_timing"])
render.table(shortfalls_table, name=f"material_shortfalls_{edition.performance_year}")

# %% [markdown]
# ## Targets: verdicts on the stated status
#
# Per subprogramme, the statements of performance against a target and the verdict on the
# status each states (see the results register of each chapter): *supported*,
# *contradicted*, *unverifiable* (a status without a number), *no status*.

# %% tags=["hide-input"]
verdicts = indicators.result_verdicts(indicators.target_attainment(tables["targets"]),
                                      tables["results"])
glue("verdicts_finding", views.target_finding(verdicts, scope="all"), display=False)
glue("missed_finding", views.missed_targets_finding(verdicts, labels, scope="all"),
     display=False)
attainment = overview.verdict_table(verdicts, labels)
render.table(attainment, name=f"target_verdicts_{edition.performance_year}")

# %% [markdown]
# ## Legislative mandates by issuing body
#
# Counted by instrument: a printed entry that lists several resolutions counts each of them.
# The programme-wide list applies to every subprogramme; each subprogramme's column counts
# only its own list. The chart adds the lists, counting each distinct instrument once however
# many lists cite it: {glue:text}`shared_instruments_finding` A count of mandates is not a
# measure of importance.

# %% tags=["hide-input"]
# One row per instrument: an entry listing several resolutions counts each of them.
instruments = indicators.mandate_symbols(tables["mandates"])
mandates = overview.mandates_table(indicators.mandates_by_body(instruments), labels)
render.table(mandates, name="mandates_by_issuing_body")

# %% tags=["hide-input"]
# Each instrument once, however many lists (subprogrammes) cite it.
distinct = indicators.distinct_instruments(instruments)
glue("shared_instruments_finding", overview.shared_instruments_finding(distinct),
     display=False)
mandates_chart = overview.mandates_chart(distinct, edition, entries=len(tables["mandates"]))
mandates_chart

# %% [markdown]
# ## The programme-wide mandates
#
# The list that applies to every subprogramme, each entry as printed, by issuing body (open
# the list); each chapter lists its own.

# %% tags=["hide-input"]
programme_wide = tables["mandates"][tables["mandates"]["subprogramme"] == sp]
overview.programme_mandates(views.mandates_table(programme_wide), programme_wide)

# %% [markdown]
# ## Deliverables shared across the programme
#
# The line items no single subprogramme owns (Table {glue:text}`programme_table`): one line per
# subcategory with its totals recomputed from the items, the printed total only where it
# differs; the items follow (open the list).

# %% tags=["hide-input"]
# The programme-wide rows: line items, and the totals the source prints per subcategory.
items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
printed = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == sp]
check = indicators.recomputed_totals(items, printed, edition.measures)
glue("programme_table", render.text(", ".join(dict.fromkeys(items["table"]))), display=False)
render.table(views.deliverables_summary(check, edition), name=f"{sp}_subcategory_totals")

# %% tags=["hide-input"]
deliverables = views.deliverables_table(items, edition)
render.table(deliverables, group="subcategory", name=f"{sp}_line_items",
             collapse=views.show_count("line_items", len(items), scope=sp))

# %% tags=["hide-input"]
views.totals_summary(check, tables["source_issues"], edition, scope=sp)

# %% tags=["hide-input"]
measures = views.measures_chart(indicators.item_totals(items, printed, edition.measures),
                                edition, views.subprogramme_label(tables, sp), sp)
measures

# %% tags=["hide-input"]
narrative = tables["deliverables_narrative"]
narrative_table = views.narrative_table(narrative[narrative["subprogramme"] == sp])
render.table(narrative_table, name=f"{sp}_narrative_deliverables",
             collapse=views.show_count("narrative_deliverables", len(narrative_table), scope=sp))

# %% tags=["remove-input"]
commentary.notice(tables, sp, written_for="A/79/6 (Sect. 16)/Part A",
                  written_on={
                      "deliverable_timing.csv": "d2fd17ae2670",
                      "deliverable_totals.csv": "2e651a4fd38b",
                      "deliverables.csv": "f781b9447c30",
                      "deliverables_narrative.csv": "a15365454352",
                      "edition.csv": "f84559a86d42",
                      "figures.csv": "8f714e055a70",
                      "mandates.csv": "0392778ca0dc",
                      "paragraph_numbers_not_counts.csv": "23bcae7926a8",
                      "performance_measures.csv": "f3f922b5096a",
                      "results.csv": "0cf45e63410b",
                      "source_issues.csv": "edee79973e3b",
                      "stated_numbers.csv": "0a56d6784c6e",
                      "subprogrammes.csv": "12feba0e1461",
                      "targets.csv": "db0576892645",
                  })

# %% [markdown]
# ## Commentary
#
# The cross-cutting deliverables of Table 16.1 cover meetings of the General Assembly's Administrative and Budgetary Committee, the Advisory Committee on Administrative and Budgetary Questions and the Committee for Programme and Coordination, and field projects for gender equality and the independent evaluation function. Training days exceeded plan in 2023 because gender equality training for national counterparts and evaluation side events, printed as nil in the plan, were delivered. Evaluations also exceeded plan; gender equality materials fell short. The text does not explain these variances.
#
# Evaluation work completed in 2023 (paragraph 16.11) comprises in-depth evaluations on topics from corruption to nuclear terrorism and justice systems, project evaluations, and syntheses of work in Eastern Africa and Mexico. The follow-up in paragraph 16.12 includes support to country-led evaluations, a legal empowerment programme in Kenya, a revised counter-terrorism programme, input to a new Eastern Africa framework and staff training through Unite Evaluations. Under paragraph 16.13, evaluations for 2025 are planned at strategic, programme and thematic levels, their topics still to be set.
#
# The chapters share a structure: a 2023 highlight, results carried forward with 2023 performance, and a new result with a lessons learned paragraph. Most stated statuses are "exceeded" or "met". Targets were missed only for alternative development households (paragraph 16.113) and industry mapping (paragraph 16.139); the text explains each shortfall. Several "met" claims print no numeric target, a terrorism prevention result states no status (paragraph 16.58), and paragraph 16.85 says "exceeded" where actual equals target. Measures range from counts to narrative tables and, for the commissions' secretariat, satisfaction surveys.
#
# Caution: the source prints figure titles, not bar values. Only values stated in the paragraphs can be checked. Other years and 2025 targets cannot be read from the text.

# %% tags=["remove-cell"]
written = render.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "delivery_by_kind": delivery_by_kind,
     "plans_by_kind": plans_by_kind, "shortfalls": shortfalls_table, "verdicts": attainment,
     "mandates_by_body": mandates},
    [measures, items_chart, mandates_chart],
)

# %% tags=["remove-input"]
# The page's claims, for the build's ledger (claims.csv); a reader sees nothing here.
claims.ledger_block()
