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
# # 次级方案 6：研究、趋势分析和法证
#
# 根据 `data/` 中的共享数据重新计算：每个数值都从注明其出处表格或段落的 CSV 文件载入，没有任何数值是手工输入的。打开代码单元格即可查看每一步。

# %% [markdown]
# ## 要点一览
#
# - **[交付](#交付和计划变化)**（{glue:text}`performance_year` 年）：{glue:text}`delivery_finding`每一项均列于[例外情况](#例外情况短缺计划外交付新增和取消的逐项产出)之下。
# - **[计划](#交付和计划变化)**，{glue:text}`current_year` 年至 {glue:text}`budget_year` 年：{glue:text}`change_finding`
# - **[具体目标](#具体目标成果登记册)**：{glue:text}`target_finding`
# - **<a href="#chapter-source-audit">原文审核</a>**：{glue:text}`audit_finding`
# - **[立法授权](#立法授权)**：{glue:text}`mandates_finding`

# %% tags=["parameters", "hide-input"]
subprogramme = "sp6"
language = "zh"  # the language of every label, table, chart and sentence: "en" or "zh"
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
# ## 应交付产出
#
# 应交付产出表的每个次类别占一行：其合计数根据编号逐项产出重新计算，原文所列合计数仅在与之不同时列出。逐项产出列于其后（展开列表即可查看）。原文中的“—”表示无，计为零。

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
# 次类别的**重新计算合计数**（按每项计量）= 其各逐项产出数值之和。下文各项指标使用重新计算的合计数；原文所列合计数与之不同的，即构成一项发现（列于原文审核，否则需核查数据）。原文审核显示与另一区块逐值重复的区块，不计入下文任何计数和图表。

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
# ### 交付和计划变化
#
# 次类别的**交付率** = 实际 ÷ 计划，两者均为 {glue:text}`performance_year` 年数据。计划为无但有交付的次类别标为“计划外”；既无计划也无交付的次类别没有交付率。

# %% tags=["hide-input"]
plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
delivery = indicators.delivery_rate(totals, plan=plan, actual=actual)
delivery_chart = views.delivery_chart(delivery, edition, label, sp)
delivery_chart

# %% [markdown]
# 次类别的**计划变化** = {glue:text}`budget_year` 年计划 − {glue:text}`current_year` 年计划，以该次类别自身的单位计（文件、会议……）。

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
# 按次类别将 {glue:text}`budget_year` 年计划与 {glue:text}`performance_year` 年实际交付量相对照：**变化** = 计划 − 实际；**变化 %** = 变化 ÷ 实际，以百分比表示，仅在实际数至少为 {glue:text}`min_base` 时计算（基数较小时注明“基数小”；从无到有时注明“新增”）。

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
# ### 例外情况：短缺、计划外交付、新增和取消的逐项产出
#
# 次类别合计数会使各逐项产出相互抵消，因此每个逐项产出都以其自身单位单独核查。**重大短缺**是指交付量不足其 {glue:text}`performance_year` 年计划 {glue:text}`material_share` 的逐项产出；重大短缺按计划中未交付部分所占比例排序（**差距** = 计划 − 实际）。其后列出无计划而交付的逐项产出，以及 {glue:text}`budget_year` 年计划中新增或取消的逐项产出。

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
# 案文本身标明为**周期性**、服务于**特设机构**或**与单一事件挂钩**的逐项产出（取自 `deliverable_timing.csv`）：这些产出在年度之间的变化取决于周期或事件，因此本书不将其解读为趋势。只标注案文明确说明的情况。

# %% tags=["hide-input"]
timing_table = views.timing_table(items, timing, edition)
render.table(timing_table, name=f"{sp}_marked_timing",
             collapse=views.show_count("items_marked_timing", len(timing_table), scope=sp),
             empty=t("The text marks no line item of this chapter in these ways.",
                     "案文未以上述方式标注本章任何逐项产出。"))

# %% [markdown]
# ### 叙述性应交付产出（C 至 E 类）

# %% tags=["hide-input"]
narrative = tables["deliverables_narrative"]
narrative_table = views.narrative_table(narrative[narrative["subprogramme"] == sp])
render.table(narrative_table, name=f"{sp}_narrative_deliverables",
             collapse=views.show_count("narrative_deliverables", len(narrative_table), scope=sp),
             empty=t("The source lists no narrative deliverables for this subprogramme.",
                     "原文未列出本次级方案的叙述性应交付产出。"))

# %% [markdown]
# ## 方案执行情况要点和成果
#
# {glue:text}`performance_year` 年的执行情况要点和每项计划成果，连同其业绩计量：或为按年度阅读的文字表，或为一幅图，原文仅在某一段落给出其数值时才说明这些数值。

# %% tags=["hide-input"]
results = tables["results"][tables["results"]["subprogramme"] == sp]
views.result_blocks(results, tables, edition)

# %% [markdown]
# ## 具体目标：成果登记册
#
# 每一项关于成果对照其具体目标的执行情况的陈述，连同对案文所述状况的**判定**：*得到印证*（数字表明如此）、*相矛盾*（数字表明另一种状况）、*无法核实*（说明了状况，但没有数值具体目标或实际数）、*未说明状况*。**差距** = 实际 − 具体目标，百分比以百分点计；**实现程度** = 实际 ÷ 具体目标，仅适用于计数（百分比除以百分比没有意义）。

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
# ## 立法授权
#
# 按文书计数：原文一个条目列出若干项决议的，每项决议分别计数（下表按原文保留该条目）。文书种类以原文清单标题所称为准；清单标题为“决议和决定”的，计数亦如此。授权的数目并不衡量其重要性。

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
# ## 评述
#
# 2023 年执行情况要点（第 16.83 段）称非洲的毒品数据报告有所改进：面对面讲习班培训了西非和南部非洲的官员通过年度报告调查表和缉毒个案工具报告数据；该段称，该区域更多会员国向毒品和犯罪问题办公室授权的数据收集工作提交了报告，延续了上一年的增长。图 16.十四统计每年报告数据的非洲国家数目，但未印出其数值。
#
# 2025 年计划成果将本次级方案的证据工作扩展到偷运移民、毒品处置和实验室质量方面。关于偷运移民问题观察站，第 16.85 段称覆盖国家数目和平台访问量均“超出了”计划目标；然而就国家数目而言，所述实际数等于计划目标，因此准确的措辞应为“达到”。图 16.十五还将累计计数（国家）与年度计数（访问量）混在一起。处置成果（第 16.87 段，图 16.十六）说明了制定国家机构间处置计划的国家数目和接受培训的国家专家人数，并称“实现了计划目标”，但没有印出数值计划目标；图 16.十六将其各项计量合并在一个共同的“年度”标签之下。新成果（第 16.89 段，图 16.十七）统计持续参加毒品和犯罪问题办公室能力测试的法医实验室数目。
#
# 经验教训段落（第 16.90 段）认为，应鼓励实验室持续参与能力测试（该段将持续参与界定为连续完成规定轮数的测试），因为这有助于确保测试程序的准确性和可靠性，并有助于培养持续改进的文化；本次级方案将监测测试结果，为其实验室和科学服务提供信息。评价人员还应注意，表 16.14 没有信息传播方面的应交付产出，并且印出的一项关于数据库和统计数据的叙述性应交付产出没有次类别标签。表 16.14 中所有量化的应交付产出在 2023 年均按计划交付。

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
