"""A small SYNTHETIC data directory prepared to the data contract.

Nothing here comes from the source document: it shows that a directory prepared to the
same contract (another year, another section) runs through the notebooks unchanged.
"""
import csv
from pathlib import Path

from budgetbook import schema
from budgetbook.edition import Edition

# Other ids than this document's subprogrammes (sp1 ... sp9c2), to prove the list is not
# fixed: two subprogrammes, the third with two components.
SYNTHETIC_IDS = {"alpha": (1, ""), "beta": (2, ""), "gamma_one": (3, 1), "gamma_two": (3, 2)}
CHAPTER_IDS = list(SYNTHETIC_IDS)

SYNTHETIC = "SYNTHETIC"
# The synthetic edition: its own symbol and section; the loader never opens source_file.
EDITION = Edition(symbol=f"{SYNTHETIC}/1", section="99", programme="1", budget_year=2025,
                  language="zh", source_file="raw/none.txt")


def _roman(n):
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _write(directory, name, rows):
    if name == "edition":
        fields = [f["name"] for f in schema.edition_fields()]
    else:
        fields = [f["name"] for f in schema.resources(EDITION)[name]["fields"]]
    with open(directory / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fields, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: row.get(k, "") for k in fields})


def make_synthetic(directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "README.txt").write_text(
        "SYNTHETIC test data, invented for the test suite; not from any UN document.\n")
    e = EDITION
    _write(directory, "edition", [{"symbol": e.symbol, "section": e.section,
                                   "programme": e.programme, "budget_year": e.budget_year,
                                   "language": e.language, "source_file": e.source_file}])
    prior_plan, prior_actual, current_plan, budget_plan = e.measures
    subs = [{"id": schema.PROGRAMME_ID, "title_zh": "合成方案",
             "title_en": f"{SYNTHETIC} programme"}]
    for sp, (number, comp) in SYNTHETIC_IDS.items():
        subs.append({"id": sp, "number": number, "component": comp, "title_zh": f"合成 {sp}",
                     "title_en": f"{SYNTHETIC} {sp}", "objective_zh": "合成目标",
                     "objective_en": f"{SYNTHETIC} objective", "objective_paragraph": "99.1"})
    _write(directory, "subprogrammes", subs)
    deliverables, totals, narrative, results, figures, measures, targets, mandates = ([] for _ in range(8))
    fig_no = 0
    for k, sp in enumerate([schema.PROGRAMME_ID] + CHAPTER_IDS):
        table = f"99.{k + 1}"
        sub = {"table": table, "subprogramme": sp, "category": "A",
               "subcategory_zh": "合成文件(文件数目)", "subcategory_en": f"{SYNTHETIC} documents"}
        # Lines of a table as a source would print them: the total's line, then its items.
        total_line = 100 + 20 * k
        deliverables += [{**sub, "item_no": 1, "raw_line": total_line + 1, "item_zh": "合成一",
                          "item_en": "Synthetic one",
                          prior_plan: 4, prior_actual: 3, current_plan: 4, budget_plan: 5},
                         {**sub, "item_no": 2, "raw_line": total_line + 2, "item_zh": "合成二",
                          "item_en": "Synthetic two",
                          prior_plan: 0, prior_actual: 2, current_plan: 0, budget_plan: 1,
                          "nil_in_source": f"{prior_plan};{current_plan}"}]
        totals.append({**sub, "raw_line": total_line, prior_plan: 4, prior_actual: 5,
                       current_plan: 4, budget_plan: 6})
        narrative.append({"table": table, "subprogramme": sp, "category": "C",
                          "subcategory_zh": "数据库", "subcategory_en": "Databases",
                          "text_zh": "合成数据库", "text_en": f"{SYNTHETIC} database"})
        mandates.append({"subprogramme": sp, "body": "GA", "heading_zh": "大会决议", "list_no": 1,
                         "symbol": "99/1", "title_zh": "合成决议", "title_en": f"{SYNTHETIC} resolution"})
        if sp == schema.PROGRAMME_ID:
            continue
        for result in range(4):
            if result == 3:
                measure = f"Table 99.{50 + k}"
                for year in e.years:
                    measures.append({"table": f"99.{50 + k}", "subprogramme": sp, "result": 3,
                                     "year": year,
                                     "status": "actual" if year <= e.performance_year
                                     else "planned", "row": 1,
                                     "text_zh": f"合成 {year}", "text_en": f"{SYNTHETIC} {year}"})
            else:
                fig_no += 1
                roman = _roman(fig_no)
                measure = f"Figure 99.{roman}"
                figures.append({"figure": f"99.{roman}", "number": fig_no, "subprogramme": sp,
                                "result": result, "title_zh": "合成图", "title_en":
                                f"{SYNTHETIC} figure", "basis": "annual", "cited_in": "99.2"})
                if result == 1:
                    targets.append({"subprogramme": sp, "result": 1, "figure": f"99.{roman}",
                                    "paragraph": f"99.{10 + k}", "indicator_zh": "合成国家",
                                    "indicator_en": f"{SYNTHETIC} countries", "unit": "countries",
                                    "year": e.performance_year, "actual": 12, "target": 10,
                                    "status_stated": "exceeded"})
            # Results 1 and 2 report their performance (result 1 in the paragraph its target
            # cites); the highlight and result 3 (new for the budget year) have no such part.
            performance = {1: f"99.{10 + k}", 2: f"99.{20 + k}"}.get(result, "")
            results.append({"subprogramme": sp, "result": result, "title_zh": "合成成果",
                            "title_en": f"{SYNTHETIC} result {result}", "first_paragraph": "99.2",
                            "performance_paragraph": performance, "measure": measure})
    for name, rows in [("deliverables", deliverables), ("deliverable_totals", totals),
                       ("deliverables_narrative", narrative), ("results", results),
                       ("figures", figures), ("performance_measures", measures),
                       ("targets", targets), ("mandates", mandates), ("stated_numbers", []), ("deliverable_timing", []),
                       ("paragraph_numbers_not_counts", []), ("source_issues", [])]:
        _write(directory, name, rows)
    return directory
