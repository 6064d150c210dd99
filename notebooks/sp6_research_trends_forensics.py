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
# What the proposed programme plan and the programme performance of this part of the
# programme say, recomputed from the shared data in `data/` (every value below is loaded from a CSV
# that cites its table or paragraph; nothing is typed in by hand).

# %% tags=["parameters"]
subprogramme = "sp6"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from budgetbook import chapter, load_all

tables = load_all(data_dir)
sp = chapter.check_subprogramme(tables, subprogramme, written_for="sp6")
chapter.heading(tables, sp)

# %% tags=["remove-input"]
chapter.chapter_findings(tables, sp)

# %% [markdown]
# ## Deliverables
#
# Each numbered item of the deliverables table, with the subcategory total as printed and
# as recomputed from the items. "—" in the source means nil and is counted as zero.

# %% tags=["hide-input"]
deliverables = chapter.deliverables_table(tables, sp)
chapter.table(deliverables)

# %% tags=["hide-input"]
chapter.totals_summary(tables, sp)

# %% tags=["hide-input"]
measures = chapter.measures_chart(tables, sp)
measures

# %% [markdown]
# ### Delivery and the change in plans
#
# The delivery rate is the performance year's actual divided by its plan (see the Method
# chapter);
# a subcategory planned at nil but delivered is marked "unplanned".

# %% tags=["hide-input"]
delivery = chapter.delivery_chart(tables, sp)
delivery

# %% tags=["hide-input"]
change = chapter.change_chart(tables, sp)
change

# %% [markdown]
# The budget year's plan set against what was actually delivered in the performance year,
# per subcategory:

# %% tags=["hide-input"]
plan_vs_actual = chapter.plan_vs_actual_table(tables, sp)
chapter.table(plan_vs_actual)

# %% [markdown]
# ### Narrative deliverables (categories C to E)

# %% tags=["hide-input"]
chapter.table(chapter.narrative_table(tables, sp))

# %% [markdown]
# ## Performance highlight

# %% tags=["hide-input"]
chapter.result_block(tables, sp, 0)

# %% [markdown]
# ## Result 1

# %% tags=["hide-input"]
chapter.result_block(tables, sp, 1)

# %% [markdown]
# ## Result 2

# %% tags=["hide-input"]
chapter.result_block(tables, sp, 2)

# %% [markdown]
# ## Result 3

# %% tags=["hide-input"]
chapter.result_block(tables, sp, 3)

# %% [markdown]
# ## Targets: stated status against the numbers
#
# Every numeric statement of the "programme performance and target" paragraphs: attainment is the actual divided by the target; the status "by the numbers"
# is what the two numbers imply, set beside the word the text uses.

# %% tags=["hide-input"]
targets = chapter.targets_table(tables, sp)
chapter.table(targets)

# %% tags=["hide-input"]
attainment = chapter.target_chart(tables, sp)
attainment

# %% [markdown]
# ## Legislative mandates

# %% tags=["hide-input"]
chapter.mandates_summary(tables, sp)

# %% tags=["hide-input"]
chapter.table(chapter.mandates_table(tables, sp))

# %% tags=["remove-input"]
chapter.commentary_note(tables, written_for="A/79/6 (Sect. 16)/Part A")

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
written = chapter.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "totals_check": chapter.totals_check(tables, sp),
     "plan_vs_actual": plan_vs_actual, "targets": targets},
    [measures, delivery, change, attainment],
)
