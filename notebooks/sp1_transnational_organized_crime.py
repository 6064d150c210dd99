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
# # Subprogramme 1: Countering transnational organized crime
#
# What the proposed programme plan and the programme performance of this part of the
# programme say, recomputed from the shared data in `data/` (every value below is loaded from a CSV
# that cites its table or paragraph; nothing is typed in by hand).

# %% tags=["parameters"]
subprogramme = "sp1"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from budgetbook import chapter, load_all

tables = load_all(data_dir)
sp = chapter.check_subprogramme(tables, subprogramme, written_for="sp1")
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
# The 2023 highlight (paragraph 16.17, Table 16.2) claims that the subprogramme strengthened the capacity of the Royal Malaysia Police to identify, trace and analyse crime supported by virtual assets, and consolidated a cryptocurrency analysis laboratory able to work independently and support other countries in the region. Table 16.2, a narrative measure, moves from training in 2021 through equipment in 2022 to independently prepared criminal analysis reports in 2023.
#
# The planned results for 2025 carry forward review and cooperation work. According to paragraph 16.19, the participation of States parties in the review mechanism and the capacity for legislative and strategic frameworks each exceeded its 2023 target (Figure 16.I); paragraph 16.21 reports that South-South cooperation along trafficking and smuggling routes also exceeded its target (Figure 16.II). The new result on firearms registration (paragraph 16.23, Table 16.3) starts from customized goIFAR action plans in Honduras and Senegal in 2023 and plans adoption by further countries by 2025. The lessons learned paragraph (paragraph 16.24) finds that record-keeping systems must be customizable for each country and consistent with national legislation, yet standardized enough for exchange between States; the software will be tailored further after pilots in selected countries.
#
# Evaluators should note that Figure 16.I merges distinct indicators into a cumulative measure and prints no bar values, so only the 2023 values stated in paragraph 16.19 can be checked. The header of Table 16.4 repeats the label of the 2024 plan for its last column, which the table title shows to be the 2025 plan. The same table shows parliamentary documentation delivered well below plan in 2023, and nil in the 2025 plan for the Ad Hoc Committee on the criminal use of information and communications technologies; the text explains neither.

# %% tags=["remove-cell"]
# Analysts' runs (papermill, `python -m budgetbook run`) set output_dir to collect the outputs.
written = chapter.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "totals_check": chapter.totals_check(tables, sp),
     "plan_vs_actual": plan_vs_actual, "targets": targets},
    [measures, delivery, change, attainment],
)
