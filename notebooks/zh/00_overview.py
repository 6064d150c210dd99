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
# # 方案概览
#
# 各次级方案的并列比较，以及它们共有的应交付产出。每个数值都从 `data/` 载入，并在下方代码单元格中重新计算（打开代码单元格即可查看每一步）。

# %% [markdown]
# ## 要点一览
#
# - **[交付](#交付情况按单位逐一列示)**（{glue:text}`performance_year` 年）：{glue:text}`items_finding`
# - **[短缺](#整个方案的重大短缺)**：{glue:text}`shortfalls_finding`
# - **[计划](#计划按单位逐一列示)**，{glue:text}`current_year` 年至 {glue:text}`budget_year` 年：{glue:text}`plans_finding`
# - **[具体目标](#具体目标对所述状况的判定)**：{glue:text}`verdicts_finding`
# - **未达到的具体目标**：{glue:text}`missed_finding`
#
# 各次类别的单位各不相同（文件、三小时会议、项目、天数），因此对整个方案的比较以逐项产出的个数计、按单位逐一进行，从不跨单位求和。原文审核查明的重复区块不计入任何计数。

# %% tags=["parameters", "hide-input"]
language = "zh"  # the language of every label, table, chart and sentence: "en" or "zh"
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
# ## 交付情况：按单位逐一列示
#
# 逐项产出的 {glue:text}`performance_year` 年实际数至少等于其计划数的，即为**全额交付**。全额交付的计划逐项产出所占比例是按产出个数计算的，因此无论各逐项产出计量的是什么，都可以在各次级方案之间进行比较。

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
# 每一种次类别以其自身单位列示：{glue:text}`performance_year` 年实际数 / 计划数。空白单元格表示该次级方案的表中没有这种次类别。

# %% tags=["hide-input"]
totals = indicators.item_totals(all_items, indicators.without_duplicates(
    tables["deliverable_totals"], tables["source_issues"]), edition.measures)
delivery_by_kind = overview.by_kind(
    totals,
    t("", "实际 ") + totals[actual].astype(str) + t(" of ", "，计划 ") + totals[plan].astype(str),
    labels)
render.table(delivery_by_kind, name=f"delivery_by_kind_{edition.performance_year}")

# %% [markdown]
# ## 计划：按单位逐一列示
#
# 每一种次类别以其自身单位列示：{glue:text}`current_year` 年计划 → {glue:text}`budget_year` 年计划。

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
# ## 整个方案的重大短缺
#
# 交付量不足其计划 {glue:text}`material_share` 的每一个逐项产出，按未交付部分占计划的比例从大到小排列；各以其自身单位计。

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
# ## 具体目标：对所述状况的判定
#
# 按次级方案列出对照具体目标的执行情况陈述，以及对每项陈述所述状况的判定（见各章的成果登记册）：*得到印证*、*相矛盾*、*无法核实*（说明了状况，但没有数字）、*未说明状况*。

# %% tags=["hide-input"]
verdicts = indicators.result_verdicts(indicators.target_attainment(tables["targets"]),
                                      tables["results"])
glue("verdicts_finding", views.target_finding(verdicts, scope="all"), display=False)
glue("missed_finding", views.missed_targets_finding(verdicts, labels, scope="all"),
     display=False)
attainment = overview.verdict_table(verdicts, labels)
render.table(attainment, name=f"target_verdicts_{edition.performance_year}")

# %% [markdown]
# ## 按发布机构分列的立法授权
#
# 按文书计数：原文一个条目列出若干项决议的，每项决议分别计数。全方案清单适用于每个次级方案；每个次级方案一栏只计其本身的清单。下图将各清单相加，同一文书无论被多少个清单引用都只计一次：{glue:text}`shared_instruments_finding`授权的数目并不衡量其重要性。

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
# ## 方案总体的立法授权
#
# 适用于每个次级方案的清单，每个条目按原文列示，按发布机构分组（展开列表即可查看）；各章列出其本身的清单。

# %% tags=["hide-input"]
programme_wide = tables["mandates"][tables["mandates"]["subprogramme"] == sp]
overview.programme_mandates(views.mandates_table(programme_wide), programme_wide)

# %% [markdown]
# ## 整个方案共有的应交付产出
#
# 不属于任何单一次级方案的逐项产出（表 {glue:text}`programme_table`）：每个次类别占一行，其合计数根据逐项产出重新计算，原文所列合计数仅在与之不同时列出；逐项产出列于其后（展开列表即可查看）。

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
# ## 评述
#
# 表 16.1 所列的共有应交付产出包括大会第五委员会、行政和预算问题咨询委员会以及方案和协调委员会的会议，以及关于性别平等和独立评价职能的外地项目。2023 年培训天数超过计划，原因是交付了计划中印为无的“为国家对口单位提供性别平等培训”和“关于评价相关专题的会外活动和会议”。评价也超过计划；与性别平等有关的专题材料则低于计划。案文未解释这些差异。
#
# 2023 年完成的评价工作（第 16.11 段）包括就从腐败到核恐怖主义和司法系统等专题进行的深入评价、项目评价，以及对东非和墨西哥工作的综合。第 16.12 段所述的后续行动包括：支持国家主导的评价、在肯尼亚促进法律权益的方案、修订后的反恐方案、为东非新区域框架提供信息，以及利用“联合评价”项目对工作人员进行培训。根据第 16.13 段，2025 年计划在战略、方案和专题各级开展评价，主题尚待确定。
#
# 各章结构相同：2023 年执行情况要点、附有 2023 年执行情况的延续成果，以及附有经验教训段落的一项新成果。所述状况大多为“超出”或“达到”。仅有替代发展受益家庭（第 16.113 段）和工业摸底（第 16.139 段）两项未达到计划目标；案文对每一项未达标的情况均作了解释。若干称“达到”的陈述没有印出数值计划目标，预防恐怖主义的一项成果未说明状况（第 16.58 段），第 16.85 段在实际数等于计划目标的情况下称“超出”。业绩计量从计数到叙述性表格不等，各委员会秘书处的业绩计量则为满意度调查。
#
# 注意：原文只印出图的标题，未印出条形数值。只有段落中说明的数值可以核对。其他年份的数值和 2025 年具体目标无法从案文中读出。

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
