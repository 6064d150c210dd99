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


def _s(name, description, required=True, **constraints):
    field = {"name": name, "type": "string", "description": description}
    cons = dict(constraints)
    if required:
        cons["required"] = True
    if cons:
        field["constraints"] = cons
    return field


def _i(name, description, required=True, minimum=None, maximum=MAX_COUNT, enum=None):
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
    return field


def _n(name, description, required=True, minimum=None, maximum=MAX_STATED_NUMBER):
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
    return field


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
                  f"own Chinese")


def _with_translation(english: dict) -> list[dict]:
    """The English column and, right after it, its Chinese (:func:`_translation`)."""
    return [english, _translation(english)]


def _sp(name="subprogramme", required=True):
    return _s(name, "Subprogramme or component id (see subprogrammes.csv)", required=required,
              pattern=ID_PATTERN)


def _measures(edition):
    labels_zh = [f"{label[:4]} 年 {label[4:]}" for label in edition.measure_labels_zh]
    fields = [_i(m, f"{label} ({zh}); the source's '—' (nil) is 0", minimum=0)
              for (m, label), zh in zip(edition.measure_labels.items(), labels_zh)]
    one = "(" + "|".join(edition.measures) + ")"
    fields.append(_s("nil_in_source",
                     "Which of the four measures the source prints as '—' (nil), "
                     "separated by ';'; blank when none",
                     required=False, pattern=rf"^({one}(;{one})*)?$"))
    return fields


def edition_fields():
    """The fields of edition.csv (the same for every edition)."""
    return [
        _s("symbol", "Document symbol as printed, e.g. the symbol on the cover"),
        _s("section", "Section number; it prefixes table, figure and paragraph numbers",
           pattern=r"^[0-9]+$"),
        _s("programme", "Programme number", pattern=r"^[0-9]+$"),
        _i("budget_year", "Y, the year of the proposed programme plan; the measure columns "
                          "are plan_{Y-2}, actual_{Y-2}, plan_{Y-1} and plan_{Y}", minimum=1),
        _s("language", "Language of the source text (ISO 639-1 code, e.g. zh)",
           pattern=r"^[a-z]{2}$"),
        _s("source_file", "The source text, relative to the data directory (under raw/)",
           pattern=r"^raw/[^/]+$"),
    ]


def resources(edition) -> dict[str, dict]:
    """Every resource of the contract (name -> title, fields, keys), for one edition."""
    sec, y = edition.section, edition.budget_year
    perf = edition.performance_year
    _TABLE = _s("table", f"Deliverables table number, e.g. {sec}.4", pattern=TABLE_PATTERN)
    _SUBCAT = [
        _s("subcategory_zh", "Subcategory label, verbatim from the source"),
        _s("subcategory_en", "Subcategory label in official English (glossary)"),
    ]

    res: dict[str, dict] = {
        "edition": {"title": "The edition of the document (one row)", "fields": edition_fields(),
                    "primaryKey": ["symbol"]},
        "subprogrammes": {
            "title": f"Subprogrammes and components of Programme {edition.programme}",
            "fields": [
                _s("id", f"Subprogramme id; '{PROGRAMME_ID}' is the programme as a whole",
                   pattern=ID_PATTERN),
                _i("number", "Subprogramme number (blank for the programme as a whole)",
                   required=False, minimum=1),
                _i("component", "Component number within its subprogramme (blank where the "
                                "subprogramme has no components)", required=False, minimum=1),
                _s("title_zh", "Title, verbatim from the source"),
                _s("title_en", "Title in official English (glossary)"),
                _s("objective_zh", "Objective, verbatim from the source (blank for the programme)",
                   required=False),
                _s("objective_en", "Objective in English (faithful translation)", required=False),
                _s("objective_paragraph", f"Paragraph stating the objective, e.g. {sec}.14",
                   required=False, pattern=PARAGRAPH_PATTERN),
            ],
            "primaryKey": ["id"],
            "foreignKeys": [],
        },
        "deliverables": {
            "title": "Quantified deliverables: numbered line items of the deliverables tables",
            "fields": [
                _TABLE, _sp(),
                _s("category", "Deliverable category letter", enum=["A", "B"]),
                *_SUBCAT,
                _i("item_no", "Item number as printed in the table", minimum=1),
                _i("raw_line", "Line of data/raw on which the item's row is printed (1-based): "
                               "its number, its label and its four measure cells", minimum=1),
                _s("item_zh", "Item label, verbatim from the source"),
                _s("item_en", "Item label in English (faithful translation)"),
                *_measures(edition),
            ],
            "primaryKey": ["table", "item_no"],
        },
        "deliverable_timing": {
            "title": "Line items the text marks as recurring, ad hoc or tied to one event",
            "description": (
                "A deliverable line item whose own wording, or a paragraph, says it "
                "recurs on a cycle, serves an ad hoc body or prepares one dated event, so "
                "that a change between years may follow that cycle or event rather than a "
                "trend. Only what the text says: an item the text does not mark has no row."),
            "fields": [
                _TABLE,
                _i("item_no", "Item number as printed in the table (a row of "
                              "deliverables.csv)", minimum=1),
                _sp(),
                _s("timing", "What the text marks: 'cyclical' (it names a cycle, e.g. "
                             "两年期审查, biennial review); 'ad_hoc' (it serves a body the text "
                             "calls ad hoc, 特设: set up for one task); 'event_bound' (it "
                             "prepares or follows up one dated event the text names)",
                   enum=TIMING_KINDS),
                _s("paragraph", f"Paragraph that says so, e.g. {sec}.128; blank when it is "
                                f"the item's own wording", required=False,
                   pattern=PARAGRAPH_PATTERN),
                _i("raw_line", "Line of data/raw holding the words that say so (the item's "
                               "own line when paragraph is blank)", minimum=1),
                _s("evidence_zh", "Those words, verbatim: they stand exactly once on raw_line"),
                *_with_translation(_s("note_en", "What the text says, in short English")),
            ],
            "primaryKey": ["table", "item_no"],
        },
        "deliverable_totals": {
            "title": "Subcategory totals as printed in the deliverables tables",
            "fields": [_TABLE, _sp(), _s("category", "Deliverable category letter", enum=["A", "B"]),
                       *_SUBCAT,
                       _i("raw_line", "Line of data/raw on which the subcategory's total row is "
                                      "printed (1-based): its label and its four measure cells",
                          minimum=1),
                       *_measures(edition)],
            "primaryKey": ["table", "subcategory_zh"],
        },
        "deliverables_narrative": {
            "title": "Narrative deliverables (categories C, D and E)",
            "fields": [
                _TABLE, _sp(),
                _s("category", "Deliverable category letter", enum=["C", "D", "E"]),
                _s("subcategory_zh", "Subcategory label, verbatim; blank where the source prints "
                                     "no label before the text", required=False),
                _s("subcategory_en", "Subcategory label in official English (glossary)",
                   required=False),
                _s("text_zh", "Text, verbatim from the source"),
                _s("text_en", "Text in English (faithful translation)"),
            ],
            "primaryKey": ["table", "category", "text_zh"],
        },
        "results": {
            "title": f"Result blocks: 0 = {perf} performance highlight, 1-3 = planned results "
                     f"for {y}",
            "fields": [
                _sp(),
                _i("result", f"0 = the {perf} highlight; 1-3 = planned result", minimum=0,
                   maximum=3),
                _s("title_zh", "Title, verbatim from the source"),
                _s("title_en", "Title in English (faithful translation)"),
                _s("first_paragraph", f"First paragraph of the block, e.g. {sec}.17",
                   pattern=PARAGRAPH_PATTERN),
                _s("performance_paragraph",
                   f"Paragraph reporting the {perf} performance against the target, under the "
                   f"block's 'programme performance in {perf} and target for {y}' heading "
                   f"({perf} 年方案执行情况和 {y} 年具体目标), e.g. {sec}.19; the paragraph the "
                   f"block's rows of targets.csv cite. Blank for the {perf} highlight (result 0) "
                   f"and for a result without that part (a result planned only for {y})",
                   required=False, pattern=PARAGRAPH_PATTERN),
                _s("measure", f"Performance measure: 'Figure {sec}.I' or 'Table {sec}.2'",
                   pattern=MEASURE_PATTERN),
            ],
            "primaryKey": ["subprogramme", "result"],
        },
        "performance_measures": {
            "title": "Cells of the text performance-measure tables",
            "fields": [
                _s("table", f"Table number, e.g. {sec}.2", pattern=TABLE_PATTERN),
                _sp(),
                _i("result", "Result block the table measures", minimum=0, maximum=3),
                _i("year", f"Column year, {y - 4} to {y}", minimum=y - 4, maximum=y),
                _s("status", "Column status as printed", enum=["actual", "planned"]),
                _i("row", "Row of the cell within its table (1 = first text line)", minimum=1),
                _s("text_zh", "Cell text, verbatim; blank where the source leaves the cell empty",
                   required=False),
                _s("text_en", "Cell text in English (faithful translation)", required=False),
            ],
            "primaryKey": ["table", "year", "row"],
        },
        "figures": {
            "title": "Figures (the source text carries titles, not bar values)",
            "fields": [
                _s("figure", f"Figure id, e.g. {sec}.XIV", pattern=FIGURE_PATTERN),
                _i("number", f"Figure number as an integer ({sec}.XIV = 14)", minimum=1),
                _sp(),
                _i("result", "Result block the figure measures", minimum=0, maximum=3),
                _s("title_zh", "Title under the figure, verbatim (after '业绩计量：')"),
                _s("title_en", "Title in English (faithful translation)"),
                _s("basis", "What the title says of its basis: 'cumulative' (it says 累计 only), "
                            "'annual' (年度 only), 'cumulative_and_annual' (both, one measure "
                            "each); blank when it says neither",
                   required=False, enum=["cumulative", "annual", "cumulative_and_annual"]),
                _s("cited_in", "Paragraph that refers to the figure", pattern=PARAGRAPH_PATTERN),
            ],
            "primaryKey": ["figure"],
        },
        "targets": {
            "title": f"Numeric {perf} statements of the result blocks: the 'programme performance "
                     f"in {perf} and target for {y}' paragraphs, and a {perf} highlight paragraph "
                     f"where it states a value of its figure",
            "fields": [
                _sp(),
                _i("result", f"Result block (0 = the {perf} highlight)", minimum=0, maximum=3),
                _s("figure", "Figure of the paragraph's result block (blank if a table measures "
                             "the block)", required=False, pattern=FIGURE_PATTERN),
                _s("paragraph", "Paragraph stating the number", pattern=PARAGRAPH_PATTERN),
                _s("indicator_zh", "What is counted, verbatim phrase from the paragraph"),
                _s("indicator_en", "What is counted, in English"),
                _s("unit", "Unit of the number, e.g. countries, people, percent (blank when no number)",
                   required=False),
                _s("unit_zh", "The Chinese of unit as the paragraph prints it right after the "
                              "number, verbatim: its measure word and the noun it counts "
                              "(e.g. 个缔约国, 名关注者), '%' for percent; blank where unit is "
                              "blank, and where the paragraph prints no unit word after the "
                              "number (the Chinese edition then shows unit)", required=False),
                _i("year", f"Year the actual and the target are for ({perf} in this edition)",
                   minimum=y - 4, maximum=y),
                _n("actual", "Actual as stated; blank when the text states only a status",
                   required=False, minimum=0),
                _n("target", "Target as stated; blank when the text states none",
                   required=False, minimum=0),
                _s("status_stated", "What the text says of the target; blank when it says nothing",
                   required=False, enum=["exceeded", "met", "not_met"]),
                _s("reason_zh", "The reason the paragraph gives for the status, verbatim "
                                "(e.g. the sentence starting 由于, 'because'); blank when it "
                                "gives none", required=False),
                _s("reason_en", "That reason in English (faithful translation); blank when "
                                "the paragraph gives none", required=False),
            ],
            "primaryKey": ["paragraph", "indicator_zh"],
        },
        "mandates": {
            "title": "Legislative mandates listed",
            "fields": [
                _sp(),
                _s("body", "Issuing body (short code; 'treaty' for conventions and protocols)",
                   enum=MANDATE_BODIES),
                _s("heading_zh", "List heading as printed, e.g. 大会决议"),
                _i("list_no", "Position in that list (reading order)", minimum=1),
                _s("symbol", "Symbol as printed (blank for conventions)", required=False),
                _s("title_zh", "Title, verbatim (blank where the source prints none)", required=False),
                _s("title_en", "Title in English (may be blank)", required=False),
                _s("footnote_zh", "Text of the footnote whose marker (¹ ² ...) the source prints "
                                  "in this mandate's symbol cell, verbatim without the marker; "
                                  "blank when there is none", required=False),
                _s("footnote_en", "That footnote in English (faithful translation); blank when "
                                  "there is none", required=False),
            ],
            "primaryKey": ["subprogramme", "heading_zh", "list_no"],
        },
        "stated_numbers": {
            "title": "Every count stated in a numbered paragraph, one row per number",
            "description": (
                f"Every number that counts something in the numbered paragraphs of the source "
                f"(from {sec}.1 to the last: highlights, results, lessons learned, strategy "
                f"and the rest), in Arabic digits or in Chinese numerals. A number that counts "
                f"nothing (a year, a date, a session, a symbol, a reference, an ordinal, a "
                f"name) is in paragraph_numbers_not_counts.csv instead; together the two "
                f"account for every number printed in digits in those paragraphs, which a test "
                f"proves against data/raw. Not recorded: each paragraph's own number, list "
                f"labels such as (a) or (一), footnote lines and footnote markers."),
            "fields": [
                _s("paragraph", f"Paragraph stating the number, e.g. {sec}.43",
                   pattern=PARAGRAPH_PATTERN),
                _i("raw_line", "Line of data/raw on which the number stands (1-based); a "
                               "paragraph that runs over several lines has a row per line",
                   minimum=1),
                _s("subprogramme", f"Subprogramme or component whose part of the document "
                                   f"holds the paragraph (from its objective paragraph to the "
                                   f"next one's); '{PROGRAMME_ID}' for the paragraphs before "
                                   f"the first subprogramme", pattern=ID_PATTERN),
                _n("value", "The number's value, exactly as printed: '10 500' is 10500, "
                            "'两' is 2; never rounded, summed or converted", minimum=0),
                _s("printed", "The number as printed on the line: Arabic digits with the "
                              "source's thousands space ('10 500'), or a Chinese numeral "
                              "('两', '三')", pattern=PRINTED_NUMBER_PATTERN),
                _s("qualifier", "How the text qualifies the number, by its own words: "
                                "'exact' (no qualifying word); 'more_than' (多 after the "
                                "number, '600 多名'; 以上 after it; 超过 or 逾 before it, "
                                "'超过 50 名'); 'about' (约, 大约 or 左右; also 近, 'nearly'); "
                                "'at_least' (至少, 不少于); 'less_than' (不到, 少于, 不足); "
                                "'up_to' (最多, 至多, 多达)", enum=QUALIFIERS),
                _s("unit", "What one unit of the number is, in English, plural (e.g. "
                           "countries, participants, officers, percent)"),
                _s("counts_en", "What the number counts, in short English; a planned target "
                                "starts 'Planned target:'"),
                _s("text_zh", "The verbatim Chinese snippet holding the number: it stands "
                              "exactly once on raw_line and holds the printed number exactly "
                              "once"),
                _i("year", f"Year the text ties the number to, in its own sentence or by the "
                           f"heading of its block (e.g. '{perf} 年方案执行情况', programme "
                           f"performance in {perf}); blank when it ties it to none",
                   required=False, minimum=y - 10, maximum=y),
                _s("measures", f"The performance measure the number is a value of, when it "
                               f"counts the same thing as that figure (or one of its series) "
                               f"or text table: 'Figure {sec}.XXV' or 'Table {sec}.23'; blank "
                               f"otherwise", required=False, pattern=MEASURE_PATTERN),
            ],
            "primaryKey": ["raw_line", "text_zh", "printed"],
        },
        "paragraph_numbers_not_counts": {
            "title": "Numbers in the numbered paragraphs that count nothing",
            "description": (
                "Every number printed in a numbered paragraph that is not a count (see "
                "stated_numbers.csv for the counts): years, dates, session numbers, "
                "resolution and decision symbols, references to tables, figures, "
                "subprogrammes and goals, ordinals, numbers inside a name, and 一 where it "
                "is the indefinite article. One row per expression: a symbol such as "
                "'46/185 C' or a list of goals such as '3、4、5、10 和 16' is one row."),
            "fields": [
                _s("paragraph", f"Paragraph holding the number, e.g. {sec}.3",
                   pattern=PARAGRAPH_PATTERN),
                _i("raw_line", "Line of data/raw on which it stands (1-based)", minimum=1),
                _s("subprogramme", f"Subprogramme or component whose part of the document "
                                   f"holds the paragraph; '{PROGRAMME_ID}' before the first",
                   pattern=ID_PATTERN),
                _s("printed", f"The expression as printed, e.g. '{y - 4}-{y}', '45/179', "
                              f"'{perf} 年 3 月', '第六十六届', '{sec}.一' (of '见图 {sec}.一')"),
                _s("kind", "'year' (a year or a span of years); 'date' (a month with its "
                           "year); 'session' (the number of a session or congress, 第…届); "
                           "'symbol' (a resolution or decision symbol); 'reference' (the "
                           "number of a table, figure, subprogramme, component or Sustainable "
                           "Development Goal); 'ordinal' (第三版, 第一个, 连续第二年); 'name' "
                           "(part of a name or title: the year in the name of an agenda or a "
                           "convention, or 三 in 三方合作, triangular cooperation); "
                           "'article' (一 used as the indefinite article, 'a', 'an': it "
                           "introduces a thing, it does not count it); 'other' (a period or a "
                           "frequency, e.g. 两年期, biennial)", enum=NOT_COUNT_KINDS),
                _s("text_zh", "The verbatim Chinese snippet holding it: it stands exactly once "
                              "on raw_line and holds the printed expression exactly once"),
                _s("note_en", "What the number is, in short English"),
            ],
            "primaryKey": ["raw_line", "text_zh", "printed"],
        },
        "source_issues": {
            "title": "Irregularities found in the source document (the source audit)",
            "fields": [
                _s("issue_id", "Stable id, e.g. SI-01", pattern=r"^SI-[0-9]{2,3}$"),
                _s("category", "Kind of irregularity", enum=ISSUE_CATEGORIES),
                _s("subprogramme", "Subprogramme concerned (blank if document-wide)",
                   required=False, pattern=ID_PATTERN),
                *_with_translation(_s("location", f"Table, figure or paragraph, e.g. "
                                                  f"'Table {sec}.4' or 'paragraph {sec}.85'")),
                _i("raw_line", "First line of the passage in data/raw (1-based)", minimum=1),
                _s("source_wording_zh", "The source's wording, verbatim"),
                *_with_translation(_s("description_en", "What is irregular, in English")),
                *_with_translation(_s("book_action", "What the book does about it")),
                _s("found_by", "computed = a check in budgetbook.audit finds it; "
                               "reading = found by reading", enum=["computed", "reading"]),
                _s("check_key", "Key the computed check reports (blank when found by reading)",
                   required=False),
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
    schema = {"fields": resource["fields"], "primaryKey": resource["primaryKey"],
              "missingValues": [""]}
    if resource.get("foreignKeys"):
        schema["foreignKeys"] = resource["foreignKeys"]
    return schema


def _resource_description(name: str, resource: dict) -> dict:
    parts = [resource["description"]] if resource.get("description") else []
    if name in REQUIRED_NONEMPTY:
        parts.append("Must hold at least one row: the book cannot do without it.")
    return {"description": " ".join(parts)} if parts else {}


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
