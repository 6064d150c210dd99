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
# The programme as a whole: the deliverables it shares across subprogrammes, and the
# subprogramme chapters compared side by side. Every value is loaded from
# `data/` and recomputed in the code cells below (open them to see each step).

# %% tags=["parameters"]
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from myst_nb import glue

from budgetbook import commentary, indicators, load_all, overview, render, views
from budgetbook.edition import edition_of

tables = load_all(data_dir)  # every CSV of data/, validated: {"deliverables": DataFrame, ...}
edition = edition_of(tables)  # the document, and its years (performance, current, budget)
sp = "programme"  # the rows that belong to no single subprogramme
labels = views.chapter_labels(tables)  # subprogramme id -> "Subprogramme 3", ...
glue("subprogramme_count", len(labels) - 1, display=False)
views.edition_line(edition)

# %% tags=["remove-input"]
views.chapter_findings(tables["source_issues"][tables["source_issues"]["subprogramme"] == sp])

# %% [markdown]
# ## Deliverables shared across the programme

# %% tags=["hide-input"]
# The programme-wide rows: line items, and the totals the source prints per subcategory.
items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
printed = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == sp]
check = indicators.recomputed_totals(items, printed, edition.measures)
deliverables = views.deliverables_table(items, check, edition)
render.table(deliverables)

# %% tags=["hide-input"]
views.totals_summary(check, tables["source_issues"], edition)

# %% tags=["hide-input"]
measures = views.measures_chart(indicators.item_totals(items, printed, edition.measures),
                                edition, views.subprogramme_label(tables, sp), sp)
measures

# %% tags=["hide-input"]
narrative = tables["deliverables_narrative"]
render.table(views.narrative_table(narrative[narrative["subprogramme"] == sp]))

# %% [markdown]
# ## Deliverables by category in each subprogramme
#
# The budget year's plan of each subcategory, in each of the {glue:text}`subprogramme_count`
# subprogramme chapters and programme-wide. Units differ between subcategories
# (documents, three-hour meetings, projects, days), so they are compared within a row, never
# added across rows. An empty cell means the subprogramme's table has no such subcategory.

# %% tags=["hide-input"]
# Every subcategory's totals recomputed from its items, for all subprogrammes at once.
totals = indicators.item_totals(tables["deliverables"], tables["deliverable_totals"],
                                edition.measures)
by_category = overview.deliverables_by_category(totals, edition, labels)
render.table(by_category)

# %% [markdown]
# ## Delivery rates side by side
#
# **Delivery rate** of a subprogramme = the sum of its subcategories' actuals ÷ the sum of
# their plans, in {glue:text}`performance_year`. Summed over every quantified deliverable
# of a table; the Method chapter explains why this mixes units and how to read it.

# %% tags=["hide-input"]
by_subprogramme = indicators.subprogramme_totals(totals, edition.measures, by=("subprogramme",))
plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
glue("performance_year", edition.performance_year, display=False)
delivery = indicators.delivery_rate(by_subprogramme, plan=plan, actual=actual)
delivery_chart = overview.delivery_chart(
    delivery, edition, labels, ", ".join(dict.fromkeys(tables["deliverable_totals"]["table"])))
delivery_chart

# %% [markdown]
# ## Planned change from the current year to the budget year
#
# **Change %** of a subprogramme = (its {glue:text}`budget_year` plan − its
# {glue:text}`current_year` plan) ÷ its {glue:text}`current_year` plan, as a percentage.

# %% tags=["hide-input"]
current_plan, budget_plan = edition.measure("current_plan"), edition.measure("budget_plan")
glue("current_year", edition.current_year, display=False)
glue("budget_year", edition.budget_year, display=False)
change = indicators.plan_change(by_subprogramme, base=current_plan, new=budget_plan)
change_chart = overview.change_chart(change, edition, labels)
change_chart

# %% [markdown]
# ## Targets: attainment summary
#
# Counts of the numeric statements in the "programme performance and target" paragraphs, and
# how many of them the stated status word agrees with (**attainment** = actual ÷ target).

# %% tags=["hide-input"]
attainment = overview.attainment_table(indicators.attainment_summary(tables["targets"]), labels)
render.table(attainment)

# %% [markdown]
# ## Legislative mandates by issuing body

# %% tags=["hide-input"]
mandates = overview.mandates_table(indicators.mandates_by_body(tables["mandates"]), labels)
render.table(mandates)

# %% tags=["hide-input"]
mandates_chart = overview.mandates_chart(
    indicators.mandates_by_body(tables["mandates"], by=("body",)), edition)
mandates_chart

# %% tags=["remove-input"]
commentary.notice(tables, sp, written_for="A/79/6 (Sect. 16)/Part A",
                  written_on={
                      "deliverable_totals.csv": "34c861409878",
                      "deliverables.csv": "802c5e405aa5",
                      "deliverables_narrative.csv": "a15365454352",
                      "edition.csv": "f84559a86d42",
                      "figures.csv": "8f714e055a70",
                      "mandates.csv": "0392778ca0dc",
                      "performance_measures.csv": "f3f922b5096a",
                      "results.csv": "b89f4e424695",
                      "source_issues.csv": "5af0d3a38e08",
                      "subprogrammes.csv": "12feba0e1461",
                      "targets.csv": "04655c600441",
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
    {"deliverables": deliverables, "by_category": by_category, "attainment": attainment,
     "mandates_by_body": mandates},
    [measures, delivery_chart, change_chart, mandates_chart],
)
