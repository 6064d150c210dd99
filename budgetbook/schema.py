"""The data contract, declared once, for any edition of the document.

Every CSV in ``data/`` has a Table Schema here, built for the edition the directory
describes in ``edition.csv`` (see :mod:`budgetbook.edition`): the measure columns and the
years a table may show follow from its budget year, the examples in the descriptions from
its section. The same declaration feeds the
loader (:mod:`budgetbook.loading`) and the Frictionless descriptor
``data/datapackage.json`` (written by ``python -m budgetbook datapackage``;
a test checks the committed file equals what this module produces).
"""
from __future__ import annotations

import json
import re

# The id of the programme as a whole (its shared deliverables and mandates); every other
# id in subprogrammes.csv is a chapter. Ids are validated by pattern and foreign key.
PROGRAMME_ID = "programme"
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MANDATE_BODIES = ["treaty", "GA", "ECOSOC", "SC", "CND", "CCPCJ", "COP-UNTOC",
                  "COSP-UNCAC", "INCB", "HRC", "other"]
# Patterns, not fixed lists, so a later edition (another year or section) prepared to
# the same contract validates unchanged.
PARAGRAPH_PATTERN = r"^[0-9]+\.[0-9]{1,3}$"
TABLE_PATTERN = r"^[0-9]+\.[0-9]{1,3}$"
# Figure numbers are Roman numerals 1 to 89, written the standard way (no IIII or VX).
FIGURE_PATTERN = r"^[0-9]+\.(?=[IVXL])(L?X{0,3}|XL)(IX|IV|V?I{0,3})$"
ISSUE_CATEGORIES = [
    "misprinted_header", "total_mismatch", "title_contradicts_paragraph", "duplicated_block",
    "status_against_numbers", "value_missing", "label_missing", "identical_titles",
    "inconsistent_wording", "merged_cells", "possible_misprint", "missing_category",
    "odd_numbering", "figure_values_not_stated", "status_without_target",
]
# What the text marks about a deliverable's timing (deliverable_timing.csv, column timing).
TIMING_KINDS = ["cyclical", "ad_hoc", "event_bound"]
# How a paragraph qualifies a number it states (stated_numbers.csv, column qualifier).
QUALIFIERS = ["exact", "more_than", "about", "at_least", "less_than", "up_to"]
# What a number in a paragraph is when it counts nothing (paragraph_numbers_not_counts.csv).
NOT_COUNT_KINDS = ["year", "date", "session", "symbol", "reference", "ordinal", "name",
                   "article", "other"]
# A number as a paragraph prints it: Arabic digits (the source's thousands space kept, as in
# '10 500') or a Chinese numeral ('两', '三十').
PRINTED_NUMBER_PATTERN = r"^([0-9]+( [0-9]{3})*(\.[0-9]+)?|[一二两三四五六七八九十]+)$"
MEASURE_PATTERN = r"^(Figure [0-9]+\.[IVXL]+|Table [0-9]+\.[0-9]+)$"

# Upper bounds. Every count in a budget document is small, and a bound keeps each value
# exact in the int64 and float64 columns the loader returns (so sums cannot overflow):
# a larger number is a typing slip, never data.
MAX_COUNT = 1_000_000  # any integer column: items, meetings, line numbers, ...
MAX_STATED_NUMBER = 1_000_000_000_000  # a number a paragraph states (people, US$, ...)
# Tables the book cannot do without: an empty one is an error, not an empty chapter.
REQUIRED_NONEMPTY = ["edition", "subprogrammes", "deliverables", "deliverable_totals", "results"]


# The Chinese of the contract's texts, for the Chinese edition's data dictionary. Each
# English description and title is declared with its Chinese beside it (the ``zh=``
# keyword of the field helpers, the ``title_zh`` and ``description_zh`` keys of a
# resource); the Chinese is kept under the key ZH_KEY of a field, which table_schema()
# leaves out, so the descriptor (datapackage.json) stays English. chinese_texts() collects
# it: the one place the Chinese edition reads it from.
ZH_KEY = "description_zh"
# The Chinese of the sentence _resource_description() adds for REQUIRED_NONEMPTY.
_NONEMPTY_EN = "Must hold at least one row: the book cannot do without it."
_NONEMPTY_ZH = "必须至少有一行：本书不能没有此表。"


def _with_zh(field: dict, zh) -> dict:
    if zh is not None:
        field[ZH_KEY] = zh
    return field


def _s(name, description, required=True, zh=None, **constraints):
    field = {"name": name, "type": "string", "description": description}
    cons = dict(constraints)
    if required:
        cons["required"] = True
    if cons:
        field["constraints"] = cons
    return _with_zh(field, zh)


def _i(name, description, required=True, minimum=None, maximum=MAX_COUNT, enum=None, zh=None):
    field = {"name": name, "type": "integer", "description": description}
    cons = {}
    if required:
        cons["required"] = True
    if minimum is not None:
        cons["minimum"] = minimum
    if maximum is not None and enum is None:
        cons["maximum"] = maximum
    if enum is not None:
        cons["enum"] = enum
    if cons:
        field["constraints"] = cons
    return _with_zh(field, zh)


def _n(name, description, required=True, minimum=None, maximum=MAX_STATED_NUMBER, zh=None):
    field = {"name": name, "type": "number", "description": description}
    cons = {}
    if required:
        cons["required"] = True
    if minimum is not None:
        cons["minimum"] = minimum
    if maximum is not None:
        cons["maximum"] = maximum
    if cons:
        field["constraints"] = cons
    return _with_zh(field, zh)


def _translation(english: dict) -> dict:
    """The column of the book's own Chinese beside the English column ``english`` (a field):
    ``<name>_zh``, or ``description_zh`` beside ``description_en``. It is the book's text,
    not the source's, so its Chinese is the book's translation, which the Chinese edition
    shows in the English column's place. Required wherever the English is given: as the
    English column is required (every one translated so far), the translation is too, and
    the loader refuses a blank cell ("required value is missing", naming file, line and
    column)."""
    name = english["name"]
    zh = (name[:-3] if name.endswith("_en") else name) + "_zh"
    required = english.get("constraints", {}).get("required", False)
    if not required:  # a blank English cell would allow a blank translation: not expressible
        raise ValueError(f"{name}: a translation column needs a required English column")
    return _s(zh, f"The book's Chinese translation of {name}, for the Chinese edition "
                  f"(shown there in its place); required, non-blank, wherever {name} is "
                  f"non-blank (so always: {name} is required). Numbers, symbols and "
                  f"references as in {name}; words quoted from the source in the source's "
                  f"own Chinese",
              zh=f"本书对 {name} 的中文译文，供中文版使用（在中文版中显示于其位置）；凡 {name} "
                 f"非空之处均必填、不得为空（因此始终必填：{name} 为必填）。数字、文号和出处"
                 f"与 {name} 相同；引自原文的词语用原文本身的中文")


def _with_translation(english: dict) -> list[dict]:
    """The English column and, right after it, its Chinese (:func:`_translation`)."""
    return [english, _translation(english)]


def _sp(name="subprogramme", required=True):
    return _s(name, "Subprogramme or component id (see subprogrammes.csv)", required=required,
              pattern=ID_PATTERN, zh="次级方案或构成部分的 id（见 subprogrammes.csv）")


def _measures(edition):
    labels_zh = [f"{label[:4]} 年 {label[4:]}" for label in edition.measure_labels_zh]
    fields = [_i(m, f"{label} ({zh}); the source's '—' (nil) is 0", minimum=0,
                 zh=f"{zh}（原文表头所列之栏）；原文的“—”（无）记为 0")
              for (m, label), zh in zip(edition.measure_labels.items(), labels_zh)]
    one = "(" + "|".join(edition.measures) + ")"
    fields.append(_s("nil_in_source",
                     "Which of the four measures the source prints as '—' (nil), "
                     "separated by ';'; blank when none",
                     required=False, pattern=rf"^({one}(;{one})*)?$",
                     zh="四项计量中原文印作“—”（无）的各项，以“;”分隔；没有时为空"))
    return fields


def edition_fields():
    """The fields of edition.csv (the same for every edition)."""
    return [
        _s("symbol", "Document symbol as printed, e.g. the symbol on the cover",
           zh="所印的文件文号，例如封面上的文号"),
        _s("section", "Section number; it prefixes table, figure and paragraph numbers",
           pattern=r"^[0-9]+$", zh="款次；表、图和段落编号均以其为前缀"),
        _s("programme", "Programme number", pattern=r"^[0-9]+$", zh="方案编号"),
        _i("budget_year", "Y, the year of the proposed programme plan; the measure columns "
                          "are plan_{Y-2}, actual_{Y-2}, plan_{Y-1} and plan_{Y}", minimum=1,
           zh="Y，拟议方案计划的年份；各计量列为 plan_{Y-2}、actual_{Y-2}、plan_{Y-1} 和 "
              "plan_{Y}"),
        _s("language", "Language of the source text (ISO 639-1 code, e.g. zh)",
           pattern=r"^[a-z]{2}$", zh="原文的语文（ISO 639-1 代码，例如 zh）"),
        _s("source_file", "The source text, relative to the data directory (under raw/)",
           pattern=r"^raw/[^/]+$", zh="原文文本，相对于数据目录的路径（位于 raw/ 下）"),
    ]


def resources(edition) -> dict[str, dict]:
    """Every resource of the contract (name -> title, fields, keys), for one edition, each
    text with its Chinese (``title_zh``, ``description_zh``; see :data:`ZH_KEY`)."""
    sec, y = edition.section, edition.budget_year
    perf = edition.performance_year
    _TABLE = _s("table", f"Deliverables table number, e.g. {sec}.4", pattern=TABLE_PATTERN,
                zh=f"应交付产出表的编号，例如 {sec}.4")
    _SUBCAT = [
        _s("subcategory_zh", "Subcategory label, verbatim from the source",
           zh="次类别名称，逐字照录原文"),
        _s("subcategory_en", "Subcategory label in official English (glossary)",
           zh="次类别名称的正式英文（见术语表）"),
    ]

    res: dict[str, dict] = {
        "edition": {"title": "The edition of the document (one row)", "fields": edition_fields(),
                    "primaryKey": ["symbol"],
                    "title_zh": "文件的版本（一行）"},
        "subprogrammes": {
            "title": f"Subprogrammes and components of Programme {edition.programme}",
            "title_zh": f"方案 {edition.programme} 的次级方案和构成部分",
            "fields": [
                _s("id", f"Subprogramme id; '{PROGRAMME_ID}' is the programme as a whole",
                   pattern=ID_PATTERN,
                   zh=f"次级方案 id；“{PROGRAMME_ID}”指整个方案"),
                _i("number", "Subprogramme number (blank for the programme as a whole)",
                   required=False, minimum=1, zh="次级方案编号（整个方案为空）"),
                _i("component", "Component number within its subprogramme (blank where the "
                                "subprogramme has no components)", required=False, minimum=1,
                   zh="构成部分在其次级方案中的编号（次级方案没有构成部分时为空）"),
                _s("title_zh", "Title, verbatim from the source", zh="标题，逐字照录原文"),
                _s("title_en", "Title in official English (glossary)",
                   zh="标题的正式英文（见术语表）"),
                _s("objective_zh", "Objective, verbatim from the source (blank for the programme)",
                   required=False, zh="目标，逐字照录原文（整个方案为空）"),
                _s("objective_en", "Objective in English (faithful translation)", required=False,
                   zh="目标的英文（忠实译文）"),
                _s("objective_paragraph", f"Paragraph stating the objective, e.g. {sec}.14",
                   required=False, pattern=PARAGRAPH_PATTERN,
                   zh=f"陈述目标的段落，例如 {sec}.14"),
            ],
            "primaryKey": ["id"],
            "foreignKeys": [],
        },
        "deliverables": {
            "title": "Quantified deliverables: numbered line items of the deliverables tables",
            "title_zh": "量化应交付产出：应交付产出表中编号的逐项产出",
            "fields": [
                _TABLE, _sp(),
                _s("category", "Deliverable category letter", enum=["A", "B"],
                   zh="应交付产出类别字母"),
                *_SUBCAT,
                _i("item_no", "Item number as printed in the table", minimum=1,
                   zh="表中所印的逐项产出编号"),
                _i("raw_line", "Line of data/raw on which the item's row is printed (1-based): "
                               "its number, its label and its four measure cells", minimum=1,
                   zh="data/raw 中印有该项所在行的行号（从 1 起算）：其编号、名称和四个计量单元格"),
                _s("item_zh", "Item label, verbatim from the source", zh="逐项产出名称，逐字照录原文"),
                _s("item_en", "Item label in English (faithful translation)",
                   zh="逐项产出名称的英文（忠实译文）"),
                *_measures(edition),
            ],
            "primaryKey": ["table", "item_no"],
        },
        "deliverable_timing": {
            "title": "Line items the text marks as recurring, ad hoc or tied to one event",
            "title_zh": "案文标明为周期性、特设或与某一活动相关的逐项产出",
            "description": (
                "A deliverable line item whose own wording, or a paragraph, says it "
                "recurs on a cycle, serves an ad hoc body or prepares one dated event, so "
                "that a change between years may follow that cycle or event rather than a "
                "trend. Only what the text says: an item the text does not mark has no row."),
            "description_zh": (
                "某一应交付逐项产出，其本身的措辞或某一段落表明它按周期重复、服务于某一特设机构"
                "或为某一注明日期的活动作准备，因此年度之间的变化可能取决于该周期或活动，而非某种"
                "趋势。只记录案文所述：案文未作标明的逐项产出没有对应的行。"),
            "fields": [
                _TABLE,
                _i("item_no", "Item number as printed in the table (a row of "
                              "deliverables.csv)", minimum=1,
                   zh="表中所印的逐项产出编号（deliverables.csv 中的一行）"),
                _sp(),
                _s("timing", "What the text marks: 'cyclical' (it names a cycle, e.g. "
                             "两年期审查, biennial review); 'ad_hoc' (it serves a body the text "
                             "calls ad hoc, 特设: set up for one task); 'event_bound' (it "
                             "prepares or follows up one dated event the text names)",
                   enum=TIMING_KINDS,
                   zh="案文所标明的情况：“cyclical”（案文提及某一周期，例如两年期审查）；"
                      "“ad_hoc”（该项服务于案文称为特设的机构，即为某一任务而设）；"
                      "“event_bound”（该项为案文提及的某一注明日期的活动作准备或开展后续工作）"),
                _s("paragraph", f"Paragraph that says so, e.g. {sec}.128; blank when it is "
                                f"the item's own wording", required=False,
                   pattern=PARAGRAPH_PATTERN,
                   zh=f"作此表述的段落，例如 {sec}.128；由逐项产出本身的措辞表明时为空"),
                _i("raw_line", "Line of data/raw holding the words that say so (the item's "
                               "own line when paragraph is blank)", minimum=1,
                   zh="data/raw 中载有该表述词语的行号（paragraph 为空时即该项本身所在行）"),
                _s("evidence_zh", "Those words, verbatim: they stand exactly once on raw_line",
                   zh="上述词语，逐字照录：在 raw_line 所在行中恰好出现一次"),
                *_with_translation(_s("note_en", "What the text says, in short English",
                                      zh="案文所述内容的简短英文")),
            ],
            "primaryKey": ["table", "item_no"],
        },
        "deliverable_totals": {
            "title": "Subcategory totals as printed in the deliverables tables",
            "title_zh": "应交付产出表中所印的次类别合计",
            "fields": [_TABLE, _sp(), _s("category", "Deliverable category letter", enum=["A", "B"],
                                         zh="应交付产出类别字母"),
                       *_SUBCAT,
                       _i("raw_line", "Line of data/raw on which the subcategory's total row is "
                                      "printed (1-based): its label and its four measure cells",
                          minimum=1,
                          zh="data/raw 中印有该次类别合计行的行号（从 1 起算）：其名称和四个"
                             "计量单元格"),
                       *_measures(edition)],
            "primaryKey": ["table", "subcategory_zh"],
        },
        "deliverables_narrative": {
            "title": "Narrative deliverables (categories C, D and E)",
            "title_zh": "叙述性应交付产出（C、D 和 E 类）",
            "fields": [
                _TABLE, _sp(),
                _s("category", "Deliverable category letter", enum=["C", "D", "E"],
                   zh="应交付产出类别字母"),
                _s("subcategory_zh", "Subcategory label, verbatim; blank where the source prints "
                                     "no label before the text", required=False,
                   zh="次类别名称，逐字照录；原文在案文前未印名称时为空"),
                _s("subcategory_en", "Subcategory label in official English (glossary)",
                   required=False, zh="次类别名称的正式英文（见术语表）"),
                _s("text_zh", "Text, verbatim from the source", zh="案文，逐字照录原文"),
                _s("text_en", "Text in English (faithful translation)",
                   zh="案文的英文（忠实译文）"),
            ],
            "primaryKey": ["table", "category", "text_zh"],
        },
        "results": {
            "title": f"Result blocks: 0 = {perf} performance highlight, 1-3 = planned results "
                     f"for {y}",
            "title_zh": f"成果板块：0 = {perf} 年方案执行情况要点，1-3 = {y} 年计划成果",
            "fields": [
                _sp(),
                _i("result", f"0 = the {perf} highlight; 1-3 = planned result", minimum=0,
                   maximum=3, zh=f"0 = {perf} 年要点；1-3 = 计划成果"),
                _s("title_zh", "Title, verbatim from the source", zh="标题，逐字照录原文"),
                _s("title_en", "Title in English (faithful translation)",
                   zh="标题的英文（忠实译文）"),
                _s("first_paragraph", f"First paragraph of the block, e.g. {sec}.17",
                   pattern=PARAGRAPH_PATTERN, zh=f"该板块的第一段，例如 {sec}.17"),
                _s("performance_paragraph",
                   f"Paragraph reporting the {perf} performance against the target, under the "
                   f"block's 'programme performance in {perf} and target for {y}' heading "
                   f"({perf} 年方案执行情况和 {y} 年具体目标), e.g. {sec}.19; the paragraph the "
                   f"block's rows of targets.csv cite. Blank for the {perf} highlight (result 0) "
                   f"and for a result without that part (a result planned only for {y})",
                   required=False, pattern=PARAGRAPH_PATTERN,
                   zh=f"对照具体目标报告 {perf} 年方案执行情况的段落，位于该板块“{perf} 年方案"
                      f"执行情况和 {y} 年具体目标”标题之下，例如 {sec}.19；即该板块在 "
                      f"targets.csv 中各行所引的段落。{perf} 年要点（result 为 0）以及没有这一"
                      f"部分的成果（仅计划于 {y} 年的成果）为空"),
                _s("measure", f"Performance measure: 'Figure {sec}.I' or 'Table {sec}.2'",
                   pattern=MEASURE_PATTERN,
                   zh=f"业绩计量：“Figure {sec}.I”或“Table {sec}.2”"),
            ],
            "primaryKey": ["subprogramme", "result"],
        },
        "performance_measures": {
            "title": "Cells of the text performance-measure tables",
            "title_zh": "文字业绩计量表的单元格",
            "fields": [
                _s("table", f"Table number, e.g. {sec}.2", pattern=TABLE_PATTERN,
                   zh=f"表编号，例如 {sec}.2"),
                _sp(),
                _i("result", "Result block the table measures", minimum=0, maximum=3,
                   zh="该表所计量的成果板块"),
                _i("year", f"Column year, {y - 4} to {y}", minimum=y - 4, maximum=y,
                   zh=f"栏的年份，{y - 4} 至 {y} 年"),
                _s("status", "Column status as printed", enum=["actual", "planned"],
                   zh="所印的栏状态"),
                _i("row", "Row of the cell within its table (1 = first text line)", minimum=1,
                   zh="单元格在其表中的行次（1 = 第一个文字行）"),
                _s("text_zh", "Cell text, verbatim; blank where the source leaves the cell empty",
                   required=False, zh="单元格文字，逐字照录；原文单元格空白时为空"),
                _s("text_en", "Cell text in English (faithful translation)", required=False,
                   zh="单元格文字的英文（忠实译文）"),
            ],
            "primaryKey": ["table", "year", "row"],
        },
        "figures": {
            "title": "Figures (the source text carries titles, not bar values)",
            "title_zh": "图（原文文本载有图的标题，未载柱形数值）",
            "fields": [
                _s("figure", f"Figure id, e.g. {sec}.XIV", pattern=FIGURE_PATTERN,
                   zh=f"图的 id，例如 {sec}.XIV"),
                _i("number", f"Figure number as an integer ({sec}.XIV = 14)", minimum=1,
                   zh=f"以整数表示的图编号（{sec}.XIV = 14）"),
                _sp(),
                _i("result", "Result block the figure measures", minimum=0, maximum=3,
                   zh="该图所计量的成果板块"),
                _s("title_zh", "Title under the figure, verbatim (after '业绩计量：')",
                   zh="图下的标题，逐字照录（“业绩计量：”之后的文字）"),
                _s("title_en", "Title in English (faithful translation)",
                   zh="标题的英文（忠实译文）"),
                _s("basis", "What the title says of its basis: 'cumulative' (it says 累计 only), "
                            "'annual' (年度 only), 'cumulative_and_annual' (both, one measure "
                            "each); blank when it says neither",
                   required=False, enum=["cumulative", "annual", "cumulative_and_annual"],
                   zh="标题对其计算基础的表述：“cumulative”（仅称累计）、“annual”（仅称年度）、"
                      "“cumulative_and_annual”（两者皆称，各一项计量）；两者皆未提及时为空"),
                _s("cited_in", "Paragraph that refers to the figure", pattern=PARAGRAPH_PATTERN,
                   zh="提及该图的段落"),
            ],
            "primaryKey": ["figure"],
        },
        "targets": {
            "title": f"Numeric {perf} statements of the result blocks: the 'programme performance "
                     f"in {perf} and target for {y}' paragraphs, and a {perf} highlight paragraph "
                     f"where it states a value of its figure",
            "title_zh": f"成果板块中有关 {perf} 年的数字表述：“{perf} 年方案执行情况和 {y} 年具体"
                        f"目标”各段，以及陈述其图中某一数值的 {perf} 年要点段落",
            "fields": [
                _sp(),
                _i("result", f"Result block (0 = the {perf} highlight)", minimum=0, maximum=3,
                   zh=f"成果板块（0 = {perf} 年要点）"),
                _s("figure", "Figure of the paragraph's result block (blank if a table measures "
                             "the block)", required=False, pattern=FIGURE_PATTERN,
                   zh="该段落所属成果板块的图（该板块由表计量时为空）"),
                _s("paragraph", "Paragraph stating the number", pattern=PARAGRAPH_PATTERN,
                   zh="陈述该数字的段落"),
                _s("indicator_zh", "What is counted, verbatim phrase from the paragraph",
                   zh="所计数的事物，逐字照录段落中的词句"),
                _s("indicator_en", "What is counted, in English", zh="所计数的事物的英文"),
                _s("unit", "Unit of the number, e.g. countries, people, percent (blank when no number)",
                   required=False, zh="数字的单位，例如国家、人、百分比（没有数字时为空）"),
                _s("unit_zh", "The Chinese of unit as the paragraph prints it right after the "
                              "number, verbatim: its measure word and the noun it counts "
                              "(e.g. 个缔约国, 名关注者), '%' for percent; blank where unit is "
                              "blank, and where the paragraph prints no unit word after the "
                              "number (the Chinese edition then shows unit)", required=False,
                   zh="unit 的中文，照段落中紧随数字所印者逐字照录：量词及其所计数的名词"
                      "（例如个缔约国、名关注者），百分比为“%”；unit 为空时为空，段落在数字后"
                      "未印单位词时亦为空（中文版此时显示 unit）"),
                _i("year", f"Year the actual and the target are for ({perf} in this edition)",
                   minimum=y - 4, maximum=y,
                   zh=f"实际数和具体目标所属的年份（本版为 {perf} 年）"),
                _n("actual", "Actual as stated; blank when the text states only a status",
                   required=False, minimum=0, zh="所述的实际数；案文仅陈述状况时为空"),
                _n("target", "Target as stated; blank when the text states none",
                   required=False, minimum=0, zh="所述的具体目标；案文未陈述时为空"),
                _s("status_stated", "What the text says of the target; blank when it says nothing",
                   required=False, enum=["exceeded", "met", "not_met"],
                   zh="案文对具体目标的表述；未作表述时为空"),
                _s("reason_zh", "The reason the paragraph gives for the status, verbatim "
                                "(e.g. the sentence starting 由于, 'because'); blank when it "
                                "gives none", required=False,
                   zh="段落就该状况给出的原因，逐字照录（例如以“由于”开头的句子）；未给出时为空"),
                _s("reason_en", "That reason in English (faithful translation); blank when "
                                "the paragraph gives none", required=False,
                   zh="该原因的英文（忠实译文）；段落未给出原因时为空"),
            ],
            "primaryKey": ["paragraph", "indicator_zh"],
        },
        "mandates": {
            "title": "Legislative mandates listed",
            "title_zh": "所列立法授权",
            "fields": [
                _sp(),
                _s("body", "Issuing body (short code; 'treaty' for conventions and protocols)",
                   enum=MANDATE_BODIES,
                   zh="发布机构（简短代码；公约和议定书为“treaty”）"),
                _s("heading_zh", "List heading as printed, e.g. 大会决议",
                   zh="所印的清单标题，例如大会决议"),
                _i("list_no", "Position in that list (reading order)", minimum=1,
                   zh="在该清单中的位置（按阅读顺序）"),
                _s("symbol", "Symbol as printed (blank for conventions)", required=False,
                   zh="所印的文号（公约为空）"),
                _s("title_zh", "Title, verbatim (blank where the source prints none)", required=False,
                   zh="标题，逐字照录（原文未印标题时为空）"),
                _s("title_en", "Title in English (may be blank)", required=False,
                   zh="标题的英文（可为空）"),
                _s("footnote_zh", "Text of the footnote whose marker (¹ ² ...) the source prints "
                                  "in this mandate's symbol cell, verbatim without the marker; "
                                  "blank when there is none", required=False,
                   zh="原文在该授权的文号单元格中印有其标记（¹ ² ...）的脚注的文字，逐字照录，"
                      "不含标记；没有时为空"),
                _s("footnote_en", "That footnote in English (faithful translation); blank when "
                                  "there is none", required=False,
                   zh="该脚注的英文（忠实译文）；没有时为空"),
            ],
            "primaryKey": ["subprogramme", "heading_zh", "list_no"],
        },
        "stated_numbers": {
            "title": "Every count stated in a numbered paragraph, one row per number",
            "title_zh": "编号段落中陈述的每一个计数，每个数字一行",
            "description": (
                f"Every number that counts something in the numbered paragraphs of the source "
                f"(from {sec}.1 to the last: highlights, results, lessons learned, strategy "
                f"and the rest), in Arabic digits or in Chinese numerals. A number that counts "
                f"nothing (a year, a date, a session, a symbol, a reference, an ordinal, a "
                f"name) is in paragraph_numbers_not_counts.csv instead; together the two "
                f"account for every number printed in digits in those paragraphs, which a test "
                f"proves against data/raw. Not recorded: each paragraph's own number, list "
                f"labels such as (a) or (一), footnote lines and footnote markers."),
            "description_zh": (
                f"原文各编号段落（从 {sec}.1 到最后一段：要点、成果、经验教训、战略及其余部分）"
                f"中对某事物计数的每一个数字，无论以阿拉伯数字还是中文数字书写。不计数任何事物"
                f"的数字（年份、日期、届会、文号、参引、序数、名称）则收录于 "
                f"paragraph_numbers_not_counts.csv；两者合起来涵盖这些段落中以数字印出的每一个"
                f"数字，并由一项测试对照 data/raw 加以证明。不予记录：各段落本身的编号、(a) "
                f"或 (一) 之类的列项标号、脚注行和脚注标记。"),
            "fields": [
                _s("paragraph", f"Paragraph stating the number, e.g. {sec}.43",
                   pattern=PARAGRAPH_PATTERN, zh=f"陈述该数字的段落，例如 {sec}.43"),
                _i("raw_line", "Line of data/raw on which the number stands (1-based); a "
                               "paragraph that runs over several lines has a row per line",
                   minimum=1,
                   zh="data/raw 中该数字所在行的行号（从 1 起算）；跨越数行的段落每行一行"),
                _s("subprogramme", f"Subprogramme or component whose part of the document "
                                   f"holds the paragraph (from its objective paragraph to the "
                                   f"next one's); '{PROGRAMME_ID}' for the paragraphs before "
                                   f"the first subprogramme", pattern=ID_PATTERN,
                   zh=f"文件中载有该段落的部分所属的次级方案或构成部分（从其目标段落至下一个"
                      f"目标段落）；第一个次级方案之前的段落为“{PROGRAMME_ID}”"),
                _n("value", "The number's value, exactly as printed: '10 500' is 10500, "
                            "'两' is 2; never rounded, summed or converted", minimum=0,
                   zh="该数字的数值，与所印完全一致：“10 500”即 10500，“两”即 2；"
                      "从不四舍五入、加总或换算"),
                _s("printed", "The number as printed on the line: Arabic digits with the "
                              "source's thousands space ('10 500'), or a Chinese numeral "
                              "('两', '三')", pattern=PRINTED_NUMBER_PATTERN,
                   zh="该行所印的数字：保留原文千位空格的阿拉伯数字（“10 500”），或中文数字"
                      "（“两”、“三”）"),
                _s("qualifier", "How the text qualifies the number, by its own words: "
                                "'exact' (no qualifying word); 'more_than' (多 after the "
                                "number, '600 多名'; 以上 after it; 超过 or 逾 before it, "
                                "'超过 50 名'); 'about' (约, 大约 or 左右; also 近, 'nearly'); "
                                "'at_least' (至少, 不少于); 'less_than' (不到, 少于, 不足); "
                                "'up_to' (最多, 至多, 多达)", enum=QUALIFIERS,
                   zh="案文以其自身措辞对该数字所作的限定：“exact”（无限定词）；“more_than”"
                      "（数字后有“多”，如“600 多名”；数字后有“以上”；数字前有“超过”或“逾”，"
                      "如“超过 50 名”）；“about”（约、大约或左右；亦含近）；“at_least”（至少、"
                      "不少于）；“less_than”（不到、少于、不足）；“up_to”（最多、至多、多达）"),
                _s("unit", "What one unit of the number is, in English, plural (e.g. "
                           "countries, participants, officers, percent)",
                   zh="该数字一个单位所指的事物，用英文复数形式表示（例如国家、参与者、官员、"
                      "百分比）"),
                _s("counts_en", "What the number counts, in short English; a planned target "
                                "starts 'Planned target:'",
                   zh="该数字所计数的事物的简短英文；计划的具体目标以“Planned target:”开头"),
                _s("text_zh", "The verbatim Chinese snippet holding the number: it stands "
                              "exactly once on raw_line and holds the printed number exactly "
                              "once",
                   zh="载有该数字的逐字中文片段：在 raw_line 所在行中恰好出现一次，且所印数字在其中"
                      "恰好出现一次"),
                _i("year", f"Year the text ties the number to, in its own sentence or by the "
                           f"heading of its block (e.g. '{perf} 年方案执行情况', programme "
                           f"performance in {perf}); blank when it ties it to none",
                   required=False, minimum=y - 10, maximum=y,
                   zh=f"案文在该数字所在句中或以其板块标题（例如“{perf} 年方案执行情况”）将其"
                      f"关联的年份；未关联任何年份时为空"),
                _s("measures", f"The performance measure the number is a value of, when it "
                               f"counts the same thing as that figure (or one of its series) "
                               f"or text table: 'Figure {sec}.XXV' or 'Table {sec}.23'; blank "
                               f"otherwise", required=False, pattern=MEASURE_PATTERN,
                   zh=f"该数字作为其数值的业绩计量，即该数字所计数的事物与该图（或其某一数据系列）"
                      f"或文字表相同时：“Figure {sec}.XXV”或“Table {sec}.23”；否则为空"),
            ],
            "primaryKey": ["raw_line", "text_zh", "printed"],
        },
        "paragraph_numbers_not_counts": {
            "title": "Numbers in the numbered paragraphs that count nothing",
            "title_zh": "编号段落中不计数任何事物的数字",
            "description": (
                "Every number printed in a numbered paragraph that is not a count (see "
                "stated_numbers.csv for the counts): years, dates, session numbers, "
                "resolution and decision symbols, references to tables, figures, "
                "subprogrammes and goals, ordinals, numbers inside a name, and 一 where it "
                "is the indefinite article. One row per expression: a symbol such as "
                "'46/185 C' or a list of goals such as '3、4、5、10 和 16' is one row."),
            "description_zh": (
                "编号段落中所印的每一个不是计数的数字（计数见 stated_numbers.csv）：年份、日期、"
                "届会编号、决议和决定文号、对表、图、次级方案和目标的参引、序数、名称中的数字，"
                "以及用作不定冠词的“一”。每个表述一行：“46/185 C”之类的文号或“3、4、5、10 和 "
                "16”之类的目标列举为一行。"),
            "fields": [
                _s("paragraph", f"Paragraph holding the number, e.g. {sec}.3",
                   pattern=PARAGRAPH_PATTERN, zh=f"载有该数字的段落，例如 {sec}.3"),
                _i("raw_line", "Line of data/raw on which it stands (1-based)", minimum=1,
                   zh="data/raw 中其所在行的行号（从 1 起算）"),
                _s("subprogramme", f"Subprogramme or component whose part of the document "
                                   f"holds the paragraph; '{PROGRAMME_ID}' before the first",
                   pattern=ID_PATTERN,
                   zh=f"文件中载有该段落的部分所属的次级方案或构成部分；第一个之前为"
                      f"“{PROGRAMME_ID}”"),
                _s("printed", f"The expression as printed, e.g. '{y - 4}-{y}', '45/179', "
                              f"'{perf} 年 3 月', '第六十六届', '{sec}.一' (of '见图 {sec}.一')",
                   zh=f"所印的表述，例如“{y - 4}-{y}”、“45/179”、“{perf} 年 3 月”、"
                      f"“第六十六届”、“{sec}.一”（出自“见图 {sec}.一”）"),
                _s("kind", "'year' (a year or a span of years); 'date' (a month with its "
                           "year); 'session' (the number of a session or congress, 第…届); "
                           "'symbol' (a resolution or decision symbol); 'reference' (the "
                           "number of a table, figure, subprogramme, component or Sustainable "
                           "Development Goal); 'ordinal' (第三版, 第一个, 连续第二年); 'name' "
                           "(part of a name or title: the year in the name of an agenda or a "
                           "convention, or 三 in 三方合作, triangular cooperation); "
                           "'article' (一 used as the indefinite article, 'a', 'an': it "
                           "introduces a thing, it does not count it); 'other' (a period or a "
                           "frequency, e.g. 两年期, biennial)", enum=NOT_COUNT_KINDS,
                   zh="“year”（年份或年份区间）；“date”（月份及其年份）；“session”（届会或大会的"
                      "届次，第…届）；“symbol”（决议或决定文号）；“reference”（表、图、次级方案、"
                      "构成部分或可持续发展目标的编号）；“ordinal”（第三版、第一个、连续第二年）；"
                      "“name”（名称或标题的一部分：议程或公约名称中的年份，或三方合作中的三）；"
                      "“article”（用作不定冠词的一：引出某一事物，而不是对其计数）；“other”"
                      "（期间或频次，例如两年期）"),
                _s("text_zh", "The verbatim Chinese snippet holding it: it stands exactly once "
                              "on raw_line and holds the printed expression exactly once",
                   zh="载有该数字的逐字中文片段：在 raw_line 所在行中恰好出现一次，且所印表述在其中"
                      "恰好出现一次"),
                _s("note_en", "What the number is, in short English",
                   zh="该数字为何物的简短英文"),
            ],
            "primaryKey": ["raw_line", "text_zh", "printed"],
        },
        "source_issues": {
            "title": "Irregularities found in the source document (the source audit)",
            "title_zh": "原文文件中发现的不规范之处（原文审核）",
            "fields": [
                _s("issue_id", "Stable id, e.g. SI-01", pattern=r"^SI-[0-9]{2,3}$",
                   zh="固定 id，例如 SI-01"),
                _s("category", "Kind of irregularity", enum=ISSUE_CATEGORIES,
                   zh="不规范之处的种类"),
                _s("subprogramme", "Subprogramme concerned (blank if document-wide)",
                   required=False, pattern=ID_PATTERN,
                   zh="所涉次级方案（涉及整份文件时为空）"),
                *_with_translation(_s("location", f"Table, figure or paragraph, e.g. "
                                                  f"'Table {sec}.4' or 'paragraph {sec}.85'",
                                      zh=f"表、图或段落，例如“表 {sec}.4”或“第 {sec}.85 段”")),
                _i("raw_line", "First line of the passage in data/raw (1-based)", minimum=1,
                   zh="该段文字在 data/raw 中的第一行（从 1 起算）"),
                _s("source_wording_zh", "The source's wording, verbatim",
                   zh="原文的措辞，逐字照录"),
                *_with_translation(_s("description_en", "What is irregular, in English",
                                      zh="不规范之处的英文说明")),
                *_with_translation(_s("book_action", "What the book does about it",
                                      zh="本书对此的处理")),
                _s("found_by", "computed = a check in budgetbook.audit finds it; "
                               "reading = found by reading", enum=["computed", "reading"],
                   zh="computed = 由 budgetbook.audit 中的一项核查发现；reading = 经阅读发现"),
                _s("check_key", "Key the computed check reports (blank when found by reading)",
                   required=False, zh="计算核查所报告的键（经阅读发现时为空）"),
            ],
            "primaryKey": ["issue_id"],
        },
    }

    for _name, _res in res.items():
        if _name in ("edition", "subprogrammes"):
            _res["foreignKeys"] = []
            continue
        _res["foreignKeys"] = [{
            "fields": "subprogramme",
            "reference": {"resource": "subprogrammes", "fields": "id"},
        }]
    return res


RESOURCE_NAMES = ["edition", "subprogrammes", "deliverables", "deliverable_timing",
                  "deliverable_totals",
                  "deliverables_narrative", "results", "performance_measures", "figures",
                  "targets", "mandates", "stated_numbers", "paragraph_numbers_not_counts",
                  "source_issues"]


def table_schema(resource: dict) -> dict:
    """The Frictionless Table Schema of one resource (an entry of :func:`resources`)."""
    fields = [{k: v for k, v in f.items() if k != ZH_KEY} for f in resource["fields"]]
    schema = {"fields": fields, "primaryKey": resource["primaryKey"],
              "missingValues": [""]}
    if resource.get("foreignKeys"):
        schema["foreignKeys"] = resource["foreignKeys"]
    return schema


def _resource_description(name: str, resource: dict) -> dict:
    parts = [resource["description"]] if resource.get("description") else []
    if name in REQUIRED_NONEMPTY:
        parts.append(_NONEMPTY_EN)
    return {"description": " ".join(parts)} if parts else {}


def chinese_texts(edition) -> dict[str, dict]:
    """The Chinese of every resource's title and description and of every field's
    description, for one edition: name -> {"title": ..., "description": ... (absent when
    the English has none), "fields": {field name: Chinese}}. The one source of the Chinese
    data dictionary; the descriptor itself (:func:`datapackage`) stays English."""
    texts = {}
    for name, res in resources(edition).items():
        entry = {"title": res["title_zh"],
                 "fields": {f["name"]: f[ZH_KEY] for f in res["fields"]}}
        parts = [res["description_zh"]] if res.get("description") else []
        if name in REQUIRED_NONEMPTY:
            parts.append(_NONEMPTY_ZH)
        if parts:
            entry["description"] = "".join(parts)
        texts[name] = entry
    return texts


def datapackage(edition) -> dict:
    """The Frictionless Data Package descriptor of a data directory of this edition."""
    y, perf = edition.budget_year, edition.performance_year
    name = re.sub(r"[^a-z0-9]+", "-", f"{edition.symbol} {y}".lower()).strip("-")
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"{edition.symbol}: proposed programme plan for {y} and programme "
                 f"performance in {perf}, as data",
        "description": "Curated by hand from the source text; every row cites its table, "
                       "figure or paragraph, and tests trace each number to the source.",
        "sources": [{"title": f"{edition.symbol} ({edition.language}), plain text",
                     "path": edition.source_file}],
        "licenses": [{"name": "other-pd", "title": "UN document text; curation CC-BY-4.0"}],
        "resources": [
            {"name": name, "path": f"{name}.csv", "title": res["title"],
             **_resource_description(name, res),
             "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(res)}
            for name, res in resources(edition).items()
        ],
    }


def datapackage_json(edition) -> str:
    """The descriptor as the text committed in the data directory's datapackage.json."""
    return json.dumps(datapackage(edition), ensure_ascii=False, indent=2) + "\n"
