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
# # Subprogramme 2: A comprehensive and balanced approach to counter the world drug problem
#
# What the proposed programme plan and the programme performance of this part of the
# programme say, recomputed from the shared data in `data/` (every value below is loaded from a CSV
# that cites its table or paragraph; nothing is typed in by hand).

# %% tags=["parameters"]
subprogramme = "sp2"
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from budgetbook import chapter, load_all

tables = load_all(data_dir)
sp = chapter.check_subprogramme(tables, subprogramme, written_for="sp2")
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
# The 2023 highlight (paragraph 16.30) describes support to Latin American Member States: family-based prevention, better quality of drug treatment (including for adolescents and people on the move), prevention of mother-to-child HIV transmission in prisons, alternative development opportunities in the Plurinational State of Bolivia, Colombia, Peru and, newly, Guerrero in Mexico, and policy dialogue on environmentally sound livelihoods. Its measure, Figure 16.III, counts people benefiting each year, but the text states no value for it.
#
# For 2025 the results extend this work to other regions. The alternative development result (paragraph 16.32, Table 16.5) is declared "met" without any number: the evidence is narrative (a practical guide on alternative development and the environment, coffee exports through Malongo, a tea agreement with Ethiquable), and the 2025 plan is for communities to address economic, environmental and social sustainability together. The South-East Asia result (paragraph 16.34, Figure 16.IV) states the number of strengthened interventions and calls the target "met", but no numeric target is printed. The lessons learned paragraph (paragraph 16.37) finds that interventions work better when partnerships are embedded in national health, drug control and development systems; the subprogramme will build multisectoral partnerships across government sectors and with communities, researchers, academia and the private sector.
#
# Evaluators should be careful with the new result in paragraph 16.36: its printed title repeats the South-East Asia title of the preceding result word for word, while its text and Figure 16.V concern sub-Saharan Africa. In Table 16.6, regional drug trafficking trend reports were planned for 2023 but show nil delivered and nil planned for 2025, and field projects drop in the 2025 plan; a footnote refers supply reduction projects to Table 16.4, but the text gives no reason for either change.

# %% tags=["remove-cell"]
# Analysts' runs (papermill, `python -m budgetbook run`) set output_dir to collect the outputs.
written = chapter.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "totals_check": chapter.totals_check(tables, sp),
     "plan_vs_actual": plan_vs_actual, "targets": targets},
    [measures, delivery, change, attainment],
)
