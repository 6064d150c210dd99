"""The data contract, declared once.

Every CSV in ``data/`` has a Table Schema here. The same declaration feeds the
loader (:mod:`budgetbook.load`) and the Frictionless descriptor
``data/datapackage.json`` (written by ``python -m budgetbook datapackage``;
a test checks the committed file equals what this module produces).
"""
from __future__ import annotations

import json

SUBPROGRAMME_IDS = [
    "programme", "sp1", "sp2", "sp3", "sp4", "sp5", "sp6", "sp7", "sp8", "sp9c1", "sp9c2",
]
CHAPTER_IDS = SUBPROGRAMME_IDS[1:]
MEASURES = ["plan_2023", "actual_2023", "plan_2024", "plan_2025"]
DELIVERABLE_TABLES = ["16.1", "16.4", "16.6", "16.8", "16.12", "16.13", "16.14",
                      "16.17", "16.21", "16.22", "16.25"]
TEXT_TABLES = ["16.2", "16.3", "16.5", "16.7", "16.9", "16.10", "16.11", "16.15",
               "16.16", "16.18", "16.19", "16.20", "16.23", "16.24"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV",
         "XXV", "XXVI"]
FIGURE_IDS = [f"16.{r}" for r in ROMAN]
MANDATE_BODIES = ["treaty", "GA", "ECOSOC", "SC", "CND", "CCPCJ", "COP-UNTOC",
                  "COSP-UNCAC", "INCB", "HRC", "other"]
# Patterns, not fixed lists, so a later edition (another year or section) prepared to
# the same contract validates unchanged.
PARAGRAPH_PATTERN = r"^[0-9]+\.[0-9]{1,3}$"
TABLE_PATTERN = r"^[0-9]+\.[0-9]{1,3}$"
FIGURE_PATTERN = r"^[0-9]+\.[IVXL]+$"
ISSUE_CATEGORIES = [
    "misprinted_header", "total_mismatch", "title_contradicts_paragraph", "duplicated_block",
    "status_against_numbers", "value_missing", "label_missing", "identical_titles",
    "inconsistent_wording", "merged_cells", "possible_misprint", "missing_category",
    "odd_numbering", "figure_values_not_stated",
]
YEARS = [2021, 2022, 2023, 2024, 2025]
# Upper bounds. Every count in a budget document is small, and a bound keeps each value
# exact in the int64 and float64 columns the loader returns (so sums cannot overflow):
# a larger number is a typing slip, never data.
MAX_COUNT = 1_000_000  # any integer column: items, meetings, line numbers, ...
MAX_STATED_NUMBER = 1_000_000_000_000  # a number a paragraph states (people, US$, ...)
# Tables the book cannot do without: an empty one is an error, not an empty chapter.
REQUIRED_NONEMPTY = ["subprogrammes", "deliverables", "deliverable_totals", "results"]


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


def _sp(name="subprogramme", ids=SUBPROGRAMME_IDS):
    return _s(name, "Subprogramme or component id (see subprogrammes.csv)", enum=list(ids))


def _measures():
    labels = {
        "plan_2023": "2023 planned (2023 年 计划)",
        "actual_2023": "2023 actual (2023 年 实际)",
        "plan_2024": "2024 planned (2024 年 计划)",
        "plan_2025": "2025 planned (2025 年 计划)",
    }
    fields = [_i(m, f"{labels[m]}; the source's '—' (nil) is 0", minimum=0) for m in MEASURES]
    fields.append(_s("nil_in_source",
                     "Which of the four measures the source prints as '—' (nil), "
                     "separated by ';'; blank when none",
                     required=False, pattern=r"^((plan_2023|actual_2023|plan_2024|plan_2025)(;(plan_2023|actual_2023|plan_2024|plan_2025))*)?$"))
    return fields


_TABLE = _s("table", "Deliverables table number, e.g. 16.4", pattern=TABLE_PATTERN)
_SUBCAT = [
    _s("subcategory_zh", "Subcategory label, verbatim from the source"),
    _s("subcategory_en", "Subcategory label in official English (glossary)"),
]

RESOURCES: dict[str, dict] = {
    "subprogrammes": {
        "title": "Subprogrammes and components of Programme 13",
        "fields": [
            _s("id", "Subprogramme id", enum=SUBPROGRAMME_IDS),
            _i("number", "Subprogramme number (blank for the programme as a whole)",
               required=False, minimum=1, maximum=9),
            _i("component", "Component number within subprogramme 9 (blank elsewhere)",
               required=False, minimum=1, maximum=2),
            _s("title_zh", "Title, verbatim from the source"),
            _s("title_en", "Title in official English (glossary)"),
            _s("objective_zh", "Objective, verbatim from the source (blank for the programme)",
               required=False),
            _s("objective_en", "Objective in English (faithful translation)", required=False),
            _s("objective_paragraph", "Paragraph stating the objective, e.g. 16.14",
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
            _s("item_zh", "Item label, verbatim from the source"),
            _s("item_en", "Item label in English (faithful translation)"),
            *_measures(),
        ],
        "primaryKey": ["table", "item_no"],
    },
    "deliverable_totals": {
        "title": "Subcategory totals as printed in the deliverables tables",
        "fields": [_TABLE, _sp(), _s("category", "Deliverable category letter", enum=["A", "B"]),
                   *_SUBCAT, *_measures()],
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
        "title": "Result blocks: 0 = 2023 performance highlight, 1-3 = planned results for 2025",
        "fields": [
            _sp(ids=SUBPROGRAMME_IDS[1:]),
            _i("result", "0 = the 2023 highlight; 1-3 = planned result", minimum=0, maximum=3),
            _s("title_zh", "Title, verbatim from the source"),
            _s("title_en", "Title in English (faithful translation)"),
            _s("first_paragraph", "First paragraph of the block, e.g. 16.17",
               pattern=PARAGRAPH_PATTERN),
            _s("measure", "Performance measure: 'Figure 16.I' or 'Table 16.2'",
               pattern=r"^(Figure [0-9]+\.[IVXL]+|Table [0-9]+\.[0-9]+)$"),
        ],
        "primaryKey": ["subprogramme", "result"],
    },
    "performance_measures": {
        "title": "Cells of the text performance-measure tables",
        "fields": [
            _s("table", "Table number, e.g. 16.2", pattern=TABLE_PATTERN),
            _sp(ids=SUBPROGRAMME_IDS[1:]),
            _i("result", "Result block the table measures", minimum=0, maximum=3),
            _i("year", "Column year", enum=YEARS),
            _s("status", "Column status as printed", enum=["actual", "planned"]),
            _i("row", "Row of the cell within its table (1 = first text line)", minimum=1),
            _s("text_zh", "Cell text, verbatim; blank where the source leaves the cell empty",
               required=False),
            _s("text_en", "Cell text in English (faithful translation)", required=False),
        ],
        "primaryKey": ["table", "year", "row"],
    },
    "figures": {
        "title": "Figures 16.I to 16.XXVI (the source text carries titles, not bar values)",
        "fields": [
            _s("figure", "Figure id, e.g. 16.XIV", pattern=FIGURE_PATTERN),
            _i("number", "Figure number as an integer (16.XIV = 14)", minimum=1),
            _sp(ids=SUBPROGRAMME_IDS[1:]),
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
    "targets_2023": {
        "title": "Numeric 2023 statements in the 'programme performance in 2023 and target for 2025' paragraphs",
        "fields": [
            _sp(ids=SUBPROGRAMME_IDS[1:]),
            _i("result", "Result block", minimum=0, maximum=3),
            _s("figure", "Figure the paragraph introduces (blank if a table)", required=False,
               pattern=FIGURE_PATTERN),
            _s("paragraph", "Paragraph stating the number", pattern=PARAGRAPH_PATTERN),
            _s("indicator_zh", "What is counted, verbatim phrase from the paragraph"),
            _s("indicator_en", "What is counted, in English"),
            _s("unit", "Unit of the number, e.g. countries, people, percent (blank when no number)",
               required=False),
            _n("actual_2023", "2023 actual as stated; blank when the text states only a status",
               required=False, minimum=0),
            _n("target_2023", "2023 target as stated; blank when the text states none",
               required=False, minimum=0),
            _s("status_stated", "What the text says of the target; blank when it says nothing",
               required=False, enum=["exceeded", "met", "not_met"]),
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
    "source_issues": {
        "title": "Irregularities found in the source document (the source audit)",
        "fields": [
            _s("issue_id", "Stable id, e.g. SI-01", pattern=r"^SI-[0-9]{2,3}$"),
            _s("category", "Kind of irregularity", enum=ISSUE_CATEGORIES),
            _s("subprogramme", "Subprogramme concerned (blank if document-wide)",
               required=False, enum=SUBPROGRAMME_IDS),
            _s("location", "Table, figure or paragraph, e.g. 'Table 16.4' or 'paragraph 16.85'"),
            _i("raw_line", "First line of the passage in data/raw (1-based)", minimum=1),
            _s("source_wording_zh", "The source's wording, verbatim"),
            _s("description_en", "What is irregular, in English"),
            _s("book_action", "What the book does about it"),
            _s("found_by", "computed = a check in budgetbook.audit finds it; "
                           "reading = found by reading", enum=["computed", "reading"]),
            _s("check_key", "Key the computed check reports (blank when found by reading)",
               required=False),
        ],
        "primaryKey": ["issue_id"],
    },
}

for _name, _res in RESOURCES.items():
    if _name == "subprogrammes":
        continue
    if _name == "source_issues":  # subprogramme may be blank there
        _res["foreignKeys"] = []
        continue
    _res["foreignKeys"] = [{
        "fields": "subprogramme",
        "reference": {"resource": "subprogrammes", "fields": "id"},
    }]

RESOURCE_NAMES = list(RESOURCES)


def table_schema(name: str) -> dict:
    """The Frictionless Table Schema of one resource of the contract."""
    res = RESOURCES[name]
    schema = {"fields": res["fields"], "primaryKey": res["primaryKey"],
              "missingValues": [""]}
    if res.get("foreignKeys"):
        schema["foreignKeys"] = res["foreignKeys"]
    return schema


def datapackage() -> dict:
    """The Frictionless Data Package descriptor for data/."""
    return {
        "profile": "tabular-data-package",
        "name": "unodc-programme-13-budget-2025",
        "title": "A/79/6 (Sect. 16)/Part A: UNODC proposed programme plan for 2025 "
                 "and programme performance in 2023, as data",
        "description": "Curated by hand from the Chinese edition; every row cites its table, "
                       "figure or paragraph, and tests trace each number to data/raw.",
        "sources": [{"title": "A/79/6 (Sect. 16)/Part A (Chinese), plain text",
                     "path": "raw/000_f6e13a86f0a3dde8.txt"}],
        "licenses": [{"name": "other-pd", "title": "UN document text; curation CC-BY-4.0"}],
        "resources": [
            {"name": name, "path": f"{name}.csv", "title": res["title"],
             **({"description": "Must hold at least one row: the book cannot do without it."}
                if name in REQUIRED_NONEMPTY else {}),
             "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(name)}
            for name, res in RESOURCES.items()
        ],
    }


def datapackage_json() -> str:
    """The descriptor as the text committed in data/datapackage.json."""
    return json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n"
