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
# `data/` and recomputed by the `budgetbook` package.

# %% tags=["parameters"]
data_dir = None  # data directory; None: $BUDGETBOOK_DATA_DIR, else the project's data/
output_dir = None  # set a directory to also write the derived CSVs and charts

# %% tags=["hide-input"]
from budgetbook import chapter, load_all

tables = load_all(data_dir)
sp = "programme"
chapter.edition_line(tables)

# %% tags=["remove-input"]
chapter.chapter_findings(tables, sp)

# %% [markdown]
# ## Deliverables shared across the programme

# %% tags=["hide-input"]
deliverables = chapter.deliverables_table(tables, sp)
chapter.table(deliverables)

# %% tags=["hide-input"]
chapter.totals_summary(tables, sp)

# %% tags=["hide-input"]
measures = chapter.measures_chart(tables, sp)
measures

# %% tags=["hide-input"]
chapter.table(chapter.narrative_table(tables, sp))

# %% [markdown]
# ## Deliverables by category in each subprogramme
#
# The budget year's plan of each subcategory, per subprogramme. Units differ between subcategories
# (documents, three-hour meetings, projects, days), so they are compared within a row, never
# added across rows. An empty cell means the subprogramme's table has no such subcategory.

# %% tags=["hide-input"]
by_category = chapter.deliverables_by_category(tables)
chapter.table(by_category)

# %% [markdown]
# ## Delivery rates side by side
#
# Summed over every quantified deliverable of a table; the Method chapter explains why this
# mixes units and how to read it.

# %% tags=["hide-input"]
delivery = chapter.overview_delivery_chart(tables)
delivery

# %% [markdown]
# ## Planned change from the current year to the budget year

# %% tags=["hide-input"]
change = chapter.overview_change_chart(tables)
change

# %% [markdown]
# ## Targets: attainment summary
#
# Counts of the numeric statements in the "programme performance and target" paragraphs, and how many of them the stated status word agrees with.

# %% tags=["hide-input"]
attainment = chapter.overview_attainment(tables)
chapter.table(attainment)

# %% [markdown]
# ## Legislative mandates by issuing body

# %% tags=["hide-input"]
mandates = chapter.overview_mandates(tables)
chapter.table(mandates)

# %% tags=["hide-input"]
mandates_chart = chapter.overview_mandates_chart(tables)
mandates_chart

# %% tags=["remove-input"]
chapter.commentary_note(tables, written_for="A/79/6 (Sect. 16)/Part A")

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
written = chapter.save_outputs(
    output_dir, sp,
    {"deliverables": deliverables, "by_category": by_category, "attainment": attainment,
      "mandates_by_body": mandates},
    [measures, delivery, change, mandates_chart],
)
