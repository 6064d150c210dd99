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
# # Subprogramme 6: Research, trend analysis and forensics
#
# Recomputed from the shared data in `data/`: every value is loaded from a CSV that cites its
# table or paragraph, nothing is typed in by hand. Open the code cells to see each step.

# %% [markdown]
# ## At a glance
#
# - **[Delivery](#delivery-and-the-change-in-plans)** in {glue:text}`performance_year`:
#   {glue:text}`delivery_finding` Each item is listed under
#   [Exceptions](#exceptions-shortfalls-unplanned-deliveries-new-and-dropped-items).
# - **[Plans](#delivery-and-the-change-in-plans)**, {glue:text}`current_year` to
#   {glue:text}`budget_year`: {glue:text}`change_finding`
# - **[Targets](#targets-the-results-register)**: {glue:text}`target_finding`
# - **<a href="#chapter-source-audit">Source audit</a>**: {glue:text}`audit_finding`
# - **[Mandates](#legislative-mandates)**: {glue:text}`mandates_finding`

# %% tags=["parameters", "hide-input"]
subprogramme = "sp6"
language = "en"  # the language of every label, table, chart and sentence: "en" or "zh"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts
shortfall_threshold = None  # below this share of its plan, an item falls short; None: the book's
min_percent_base = None  # the smallest base a change is a percentage of; None: the book's

# %% tags=["hide-input"]
from budgetbook import claims, commentary, indicators, load_all, render, views
from budgetbook.render import glue  # MyST-NB's glue, without loading Sphinx
from budgetbook.edition import edition_of
from budgetbook.loading import chapter_tables
from budgetbook.language import t, use as use_language

use_language(language)  # "zh": labels from the *_zh columns (the source's own words)
claims.begin()  # the page's ledger: every number its sentences state, by name (claims.csv)

# The thresholds this page uses: the parameters, or the book's (the page states each).
shortfall_threshold = indicators.threshold(shortfall_threshold, indicators.MATERIAL_DELIVERY,
                                           "shortfall_threshold", 0, 1)
min_percent_base = indicators.threshold(min_percent_base, indicators.MIN_PERCENT_BASE,
                                        "min_percent_base", 1, 10**9)
tables = load_all(data_dir)  # every CSV of data/, validated: {"deliverables": DataFrame, ...}
edition = edition_of(tables)  # the document, and its years (performance, current, budget)
sp = views.check_subprogramme(tables, subprogramme, written_for="sp6")
# This chapter's rows and the programme-wide ones, never another chapter's: the build
# re-executes the chapter when, and only when, these rows, the package or its code change.
tables = chapter_tables(tables, sp)
label = views.subprogramme_label(tables, sp)
glue("performance_year", edition.performance_year, display=False)
glue("current_year", edition.current_year, display=False)
glue("budget_year", edition.budget_year, display=False)
views.heading(tables, sp)

# %% tags=["remove-input"]
findings = tables["source_issues"][tables["source_issues"]["subprogramme"] == sp]
glue("audit_finding", views.audit_finding(findings, scope=sp), display=False)
views.chapter_findings(findings, scope=sp)

# %% [markdown]
# ## Deliverables
#
# One line per subcategory of the deliverables table: its totals recomputed from the
# numbered items, and the printed total only where it differs. The items follow (open the
# list). "—" in the source means nil and is counted as zero.

# %% tags=["hide-input"]
# This subprogramme's rows: its line items, and the totals the source prints per subcategory.
items = tables["deliverables"][tables["deliverables"]["subprogramme"] == sp]
printed = tables["deliverable_totals"][tables["deliverable_totals"]["subprogramme"] == sp]

# Each subcategory's total recomputed from its items, beside the printed total, per measure
# (the plan and actual of the performance year, the plans of the current and budget years).
check = indicators.recomputed_totals(items, printed, edition.measures)
render.table(views.deliverables_summary(check, edition), name=f"{sp}_subcategory_totals")

# %% tags=["hide-input"]
deliverables = views.deliverables_table(items, edition)
render.table(deliverables, group="subcategory", name=f"{sp}_line_items",
             collapse=views.show_count("line_items", len(items), scope=sp))

# %% [markdown]
# **Recomputed total** of a subcategory, per measure = the sum of its items' values. The
# indicators below use the recomputed totals; a printed total that differs from them is a
# finding (it is listed in the source audit, or else the data need checking). A block the
# source audit shows to repeat another, value for value, is left out of every count and
# chart below.

# %% tags=["hide-input"]
views.totals_summary(check, tables["source_issues"], edition, scope=sp)

# %% tags=["hide-input"]
# The items and printed totals that are counted: without a block that repeats another.
counted_items = indicators.without_duplicates(items, tables["source_issues"])
counted_printed = indicators.without_duplicates(printed, tables["source_issues"])
totals = indicators.item_totals(counted_items, counted_printed, edition.measures)

# %% tags=["hide-input"]
measures = views.measures_chart(totals, edition, label, sp)
render.folded(measures, t("Show the four measures of each subcategory as a chart",
                          "以图显示每个次类别的四项计量"))

# %% [markdown]
# ### Delivery and the change in plans
#
# **Delivery rate** of a subcategory = actual ÷ plan, both for {glue:text}`performance_year`.
# A subcategory planned at nil but delivered is marked "unplanned"; one with neither has no rate.

# %% tags=["hide-input"]
plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
delivery = indicators.delivery_rate(totals, plan=plan, actual=actual)
delivery_chart = views.delivery_chart(delivery, edition, label, sp)
delivery_chart

# %% [markdown]
# **Change in plans** of a subcategory = the {glue:text}`budget_year` plan − the
# {glue:text}`current_year` plan, in the subcategory's own unit (documents, meetings, ...).

# %% tags=["hide-input"]
current_plan, budget_plan = edition.measure("current_plan"), edition.measure("budget_plan")
change = indicators.plan_change(totals, base=current_plan, new=budget_plan,
                                min_base=min_percent_base)
glue("change_finding",
     views.change_finding(indicators.change_summary(change), edition, scope=sp), display=False)
change_chart = views.change_chart(change, edition, label, sp)
render.folded(change_chart, t("Show the change in each subcategory as a chart",
                              "以图显示每个次类别的变化"))

# %% [markdown]
# The {glue:text}`budget_year` plan set against what was actually delivered in
# {glue:text}`performance_year`, per subcategory: **change** = plan − actual, and
# **change %** = change ÷ actual, as a percentage, only from an actual of at least
# {glue:text}`min_base` (a smaller base says "small base"; from nil, "new").

# %% tags=["hide-input"]
plan_vs_actual = indicators.plan_change(totals, base=actual, new=budget_plan,
                                        min_base=min_percent_base)
glue("min_base", min_percent_base, display=False)
plan_vs_actual_table = views.plan_vs_actual_table(plan_vs_actual, edition)
render.table(plan_vs_actual_table,
             name=f"{sp}_plan_{edition.budget_year}_vs_actual_{edition.performance_year}",
             collapse=t(f"Show the {edition.budget_year} plan against the "
                        f"{edition.performance_year} actual, per subcategory",
                        f"显示各次类别 {edition.budget_year} 年计划与 "
                        f"{edition.performance_year} 年实际的对比"))

# %% [markdown]
# ### Exceptions: shortfalls, unplanned deliveries, new and dropped items
#
# Subcategory totals let items offset each other, so each line item is checked on its own,
# in its own unit. A **material shortfall** is an item that delivered less than
# {glue:text}`material_share` of its {glue:text}`performance_year` plan; they are ranked by
# the share of the plan not delivered (**gap** = plan − actual). Items delivered without a
# plan, and items new to or dropped from the {glue:text}`budget_year` plan, follow.

# %% tags=["hide-input"]
item_delivery = indicators.delivery_rate(counted_items, plan=plan, actual=actual)
item_change = indicators.plan_change(counted_items, base=current_plan, new=budget_plan,
                                     min_base=min_percent_base)
material = indicators.shortfalls(item_delivery, plan=plan, actual=actual,
                                 threshold=shortfall_threshold)
glue("material_share", render.text(f"{shortfall_threshold:.0%}"), display=False)
glue("delivery_finding",
     views.delivery_finding(indicators.delivery_summary(delivery),
                            indicators.delivery_summary(item_delivery), len(material), edition,
                            scope=sp, threshold=shortfall_threshold),
     display=False)
timing = tables["deliverable_timing"][tables["deliverable_timing"]["subprogramme"] == sp]
exceptions = views.exceptions_table(item_delivery, item_change, edition, timing, scope=sp,
                                    threshold=shortfall_threshold)
render.table(exceptions, group="exception", name=f"{sp}_exceptions",
             collapse=views.exceptions_summary(exceptions),
             empty=t("No line item fell short, was delivered without a plan, or is new or dropped.",
                     "没有逐项产出未达计划、无计划而交付、新增或取消。"))

# %% [markdown]
# Items the text itself marks as **cyclical**, serving an **ad hoc body**, or **tied to one
# event** (from `deliverable_timing.csv`): a change between years in these follows the
# cycle or the event, so the book does not read it as a trend. Only what the text says is
# marked.

# %% tags=["hide-input"]
timing_table = views.timing_table(items, timing, edition)
render.table(timing_table, name=f"{sp}_marked_timing",
             collapse=views.show_count("items_marked_timing", len(timing_table), scope=sp),
             empty=t("The text marks no line item of this chapter in these ways.",
                     "案文未以上述方式标注本章任何逐项产出。"))

# %% [markdown]
# ### Narrative deliverables (categories C to E)

# %% tags=["hide-input"]
narrative = tables["deliverables_narrative"]
narrative_table = views.narrative_table(narrative[narrative["subprogramme"] == sp])
render.table(narrative_table, name=f"{sp}_narrative_deliverables",
             collapse=views.show_count("narrative_deliverables", len(narrative_table), scope=sp),
             empty=t("The source lists no narrative deliverables for this subprogramme.",
                     "原文未列出本次级方案的叙述性应交付产出。"))

# %% [markdown]
# ## Performance highlight and results
#
# The highlight of {glue:text}`performance_year` and each planned result, with its
# performance measure: a text table read by year, or a figure whose values the source
# states only where a paragraph gives them.

# %% tags=["hide-input"]
results = tables["results"][tables["results"]["subprogramme"] == sp]
views.result_blocks(results, tables, edition)

# %% [markdown]
# ## Targets: the results register
#
# Every statement of a result's performance against its target, with a **verdict** on the
# status the text states: *supported* (the numbers imply it), *contradicted* (they imply
# another), *unverifiable* (a status without a numeric target or actual), *no status*.
# **Gap** = actual − target, in percentage points for percentages; **attainment** =
# actual ÷ target, for counts only (a percentage divided by a percentage means nothing).

# %% tags=["hide-input"]
attainment = indicators.target_attainment(tables["targets"])
attainment = attainment[attainment["subprogramme"] == sp]
# One verdict per statement; a result whose paragraph states nothing gets "no status".
verdicts = indicators.result_verdicts(attainment, results)
glue("target_finding", views.target_finding(verdicts, scope=sp), display=False)
targets = views.results_register(verdicts, tables["figures"], edition, results)
render.table(targets, name=f"{sp}_results_register_{edition.performance_year}",
             anchor=views.RESULTS_REGISTER_ANCHOR)

# %% tags=["hide-input"]
attainment_chart = views.target_chart(attainment, edition, label, sp)
render.folded(attainment_chart, t("Show each target's attainment as a chart",
                                  "以图显示每项具体目标的实现程度"))

# %% [markdown]
# ## Legislative mandates
#
# Counted by instrument: a printed entry that lists several resolutions counts each of them
# (the entry is kept as printed in the table below). The kind of instrument is the one the
# source's list heading names; where a list holds "resolutions and decisions", so does the
# count. A count of mandates is not a measure of importance.

# %% tags=["hide-input"]
mandates = tables["mandates"][tables["mandates"]["subprogramme"] == sp]
# One row per instrument: an entry listing several resolutions counts each of them.
instruments = indicators.mandate_symbols(mandates)
by_body = indicators.mandates_by_body(instruments, by=("body", "instrument"))
programme_wide = tables["mandates"][tables["mandates"]["subprogramme"] == "programme"]
shared = (len(programme_wide), len(indicators.mandate_symbols(programme_wide)))
mandates_summary = views.mandates_summary(by_body, len(mandates), shared, scope=sp)
glue("mandates_finding", mandates_summary, display=False)
mandates_summary

# %% tags=["hide-input"]
mandates_table = views.mandates_table(mandates)
render.table(mandates_table, group="issued by", name=f"{sp}_mandates",
             collapse=views.show_count("mandate_entries", len(mandates_table), scope=sp),
             empty=t("The source lists no mandates specific to this subprogramme.",
                     "原文未列出本次级方案特有的立法授权。"))

# %% tags=["remove-input"]
commentary.notice(tables, sp, written_for="A/79/6 (Sect. 16)/Part A",
                  written_on={
                      "deliverable_timing.csv": "e4935226fc1d",
                      "deliverable_totals.csv": "df03a48123f3",
                      "deliverables.csv": "71ab9612657d",
                      "deliverables_narrative.csv": "666104710b6c",
                      "edition.csv": "f84559a86d42",
                      "figures.csv": "ac4f577ab49b",
                      "mandates.csv": "4ba87228c139",
                      "paragraph_numbers_not_counts.csv": "338b8fe64613",
                      "performance_measures.csv": "4808655ab69b",
                      "results.csv": "79f80134fb3c",
                      "source_issues.csv": "813aa5352df1",
                      "stated_numbers.csv": "3d8418a717b7",
                      "subprogrammes.csv": "21d12da92a30",
                      "targets.csv": "24e86a26f05e",
                  })

# %% [markdown]
# ## Commentary
#
# The 2023 highlight (paragraph 16.83) claims better drug data reporting from Africa: in-person workshops trained officials from West and Southern Africa to report through the annual report questionnaire and the individual drug seizure tool, and, the paragraph says, more Member States of the region reported to UNODC-mandated data collection, continuing the previous year's gain. Figure 16.XIV counts African countries reporting each year, but its values are not printed.
#
# The planned results for 2025 extend the subprogramme's evidence work to migrant smuggling, drug disposal and laboratory quality. For the Observatory on Smuggling of Migrants, paragraph 16.85 says the targets for countries covered and for platform visits were "exceeded"; for countries, however, the stated actual equals the target, so "met" would be the accurate word. Figure 16.XV also mixes a cumulative count (countries) with an annual count (visits). The disposal result (paragraph 16.87, Figure 16.XVI) states the number of countries with national inter-agency disposal plans and of national experts trained and calls the target "met", but prints no numeric target; Figure 16.XVI combines its measures under a shared "annual" label. The new result (paragraph 16.89, Figure 16.XVII) counts forensic laboratories participating continuously in UNODC proficiency tests.
#
# The lessons learned paragraph (paragraph 16.90) finds that laboratories should be encouraged to participate continuously, defined there as completing a set number of consecutive rounds, because this helps ensure accurate and reliable testing procedures and fosters a culture of continuous improvement; the subprogramme will monitor test results to shape its laboratory and scientific services. Evaluators should also note that Table 16.14 has no communication deliverables and prints a narrative deliverable on databases and statistics without its subcategory label. All quantified deliverables in Table 16.14 were delivered as planned in 2023.

# %% tags=["remove-cell"]
# Analysts' runs (papermill, `python -m budgetbook run`) set output_dir to collect the outputs.
written = render.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "totals_check": views.totals_check(check, edition),
     "plan_vs_actual": plan_vs_actual_table, "exceptions": exceptions, "targets": targets},
    [measures, delivery_chart, change_chart, attainment_chart],
)

# %% tags=["remove-input"]
# The page's claims, for the build's ledger (claims.csv); a reader sees nothing here.
claims.ledger_block()
