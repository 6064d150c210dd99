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
# # Subprogramme 9, component 2: Provision of secretariat services and substantive support to the International Narcotics Control Board
#
# What the proposed programme plan and the programme performance of this part of the
# programme say, recomputed from the shared data in `data/` (every value below is loaded from a CSV
# that cites its table or paragraph; nothing is typed in by hand).

# %% tags=["parameters"]
subprogramme = "sp9c2"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from budgetbook import chapter, load_all

tables = load_all(data_dir)
sp = chapter.check_subprogramme(tables, subprogramme, written_for="sp9c2")
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
# The 2023 highlight (paragraph 16.135) claims that the International Narcotics Control Board learning programme raised Member States' capacity to ensure adequate access to internationally controlled substances and to report under the treaties: e-modules were used by a stated number of countries and territories, and officials from Latin America and the Caribbean, Eastern Europe and Central Asia were trained. Figure 16.XXV is cumulative and prints no values.
#
# The planned results for 2025 turn to industry and private sector cooperation. The result on non-scheduled chemicals (paragraph 16.137, Table 16.23) is called "met" without a numeric target; the paragraph speaks of substances assessed for scheduling, Table 16.23 of chemicals. The industry mapping result (paragraph 16.139, Figure 16.XXVI) did not meet its 2023 target; the document explains that specialized experts for mapping were hard to obtain. This suggests a risk for the 2025 plan in Table 16.23, under which Member States engage the wider industry sectors identified through mapping. The new result on new psychoactive substances and non-medical synthetic opioids (paragraph 16.141, Table 16.24) relies on the Global Rapid Interdiction of Dangerous Substances (GRIDS) Programme and plans increased seizures in 2025.
#
# The lessons learned paragraph (paragraph 16.142) stresses operational responses that identify best practices against trafficking of these substances and related chemicals without hampering legitimate trade; the component will help governments and private sector partners generate information and intelligence on emerging trends. Evaluators should be careful with Table 16.25: substantive services and conference and secretariat services for meetings list the same bodies with identical values, so adding them would count the same meetings again. A 2022 cell of Table 16.23 also says the Board gave guidance to its own decision makers, which suggests a translation slip.

# %% tags=["remove-cell"]
# Analysts' runs (papermill, `python -m budgetbook run`) set output_dir to collect the outputs.
written = chapter.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "totals_check": chapter.totals_check(tables, sp),
     "plan_vs_actual": plan_vs_actual, "targets": targets},
    [measures, delivery, change, attainment],
)
