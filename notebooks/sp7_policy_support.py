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
# # Subprogramme 7: Policy support
#
# What the proposed programme plan and the programme performance of this part of the
# programme say, recomputed from the shared data in `data/` (every value below is loaded from a CSV
# that cites its table or paragraph; nothing is typed in by hand).

# %% tags=["parameters"]
subprogramme = "sp7"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from budgetbook import chapter, load_all

tables = load_all(data_dir)
sp = chapter.check_subprogramme(tables, subprogramme, written_for="sp7")
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
# The 2023 highlight (paragraph 16.96, Table 16.15) claims that the subprogramme helped Kenya launch a voluntary pilot initiative under the review mechanism of the United Nations Convention against Transnational Organized Crime. Kenya set up a coordination mechanism with a national civil society coalition and invited non-governmental stakeholders to help complete its self-assessment questionnaire; the paragraph presents Kenya as the earliest African host of such a pilot and the earliest State party to involve non-governmental stakeholders in the review process. Table 16.15 traces the path from engagement in 2021 through pilots in Mexico and Pakistan in 2022.
#
# For 2025 the planned results build on outreach and partnerships. The public awareness result (paragraph 16.98, Figure 16.XVIII) reports that followers of UNODC social media exceeded the annual target; since followers accumulate, this suggests that "annual" means a year-end reading, not new followers. The result on victims of trafficking (paragraph 16.100, Figure 16.XIX) states the number of direct beneficiaries and calls the target "met" without printing it. The figure title speaks of legal and financial assistance, whereas the paragraph lists humanitarian, legal and psychological support and vocational training. The new youth result (paragraph 16.102, Table 16.16) builds on the Youth Empowerment Accelerator framework launched in 2022 and plans regional youth consultations in 2025 in support of the next Crime Congress.
#
# The lessons learned paragraph (paragraph 16.103) finds that tokenistic participation hinders meaningful youth engagement, which must cover the whole programme cycle; the Chinese text then speaks of promoting "last year" participation in intergovernmental forums, which this suggests is a slip for "youth". Table 16.17 shows fewer civil society partnership projects than planned in 2023, but more training days and publications; the text gives no reasons.

# %% tags=["remove-cell"]
# Analysts' runs (papermill, `python -m budgetbook run`) set output_dir to collect the outputs.
written = chapter.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "totals_check": chapter.totals_check(tables, sp),
     "plan_vs_actual": plan_vs_actual, "targets": targets},
    [measures, delivery, change, attainment],
)
