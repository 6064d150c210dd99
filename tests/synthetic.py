"""A small SYNTHETIC data directory prepared to the data contract.

Nothing here comes from the source document: it shows that a directory prepared to the
same contract (another year, another section) runs through the notebooks unchanged.
"""
import csv
from pathlib import Path

from budgetbook import schema

SYNTHETIC = "SYNTHETIC"


def _roman(n):
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _write(directory, name, rows):
    fields = [f["name"] for f in schema.RESOURCES[name]["fields"]]
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
    subs = [{"id": "programme", "title_zh": "合成方案", "title_en": f"{SYNTHETIC} programme"}]
    for i, sp in enumerate(schema.CHAPTER_IDS, start=1):
        number, comp = (9, i - 8) if sp.startswith("sp9") else (i, "")
        subs.append({"id": sp, "number": number, "component": comp, "title_zh": f"合成 {sp}",
                     "title_en": f"{SYNTHETIC} {sp}", "objective_zh": "合成目标",
                     "objective_en": f"{SYNTHETIC} objective", "objective_paragraph": "99.1"})
    _write(directory, "subprogrammes", subs)
    deliverables, totals, narrative, results, figures, measures, targets, mandates = ([] for _ in range(8))
    fig_no = 0
    for k, sp in enumerate(["programme"] + schema.CHAPTER_IDS):
        table = f"99.{k + 1}"
        sub = {"table": table, "subprogramme": sp, "category": "A",
               "subcategory_zh": "合成文件(文件数目)", "subcategory_en": f"{SYNTHETIC} documents"}
        deliverables += [{**sub, "item_no": 1, "item_zh": "合成一", "item_en": "Synthetic one",
                          "plan_2023": 4, "actual_2023": 3, "plan_2024": 4, "plan_2025": 5},
                         {**sub, "item_no": 2, "item_zh": "合成二", "item_en": "Synthetic two",
                          "plan_2023": 0, "actual_2023": 2, "plan_2024": 0, "plan_2025": 1,
                          "nil_in_source": "plan_2023;plan_2024"}]
        totals.append({**sub, "plan_2023": 4, "actual_2023": 5, "plan_2024": 4, "plan_2025": 6})
        narrative.append({"table": table, "subprogramme": sp, "category": "C",
                          "subcategory_zh": "数据库", "subcategory_en": "Databases",
                          "text_zh": "合成数据库", "text_en": f"{SYNTHETIC} database"})
        mandates.append({"subprogramme": sp, "body": "GA", "heading_zh": "大会决议", "list_no": 1,
                         "symbol": "99/1", "title_zh": "合成决议", "title_en": f"{SYNTHETIC} resolution"})
        if sp == "programme":
            continue
        for result in range(4):
            if result == 3:
                measure = f"Table 99.{50 + k}"
                for year in (2021, 2022, 2023, 2024, 2025):
                    measures.append({"table": f"99.{50 + k}", "subprogramme": sp, "result": 3,
                                     "year": year,
                                     "status": "actual" if year <= 2023 else "planned", "row": 1,
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
                                    "actual_2023": 12, "target_2023": 10,
                                    "status_stated": "exceeded"})
            results.append({"subprogramme": sp, "result": result, "title_zh": "合成成果",
                            "title_en": f"{SYNTHETIC} result {result}", "first_paragraph": "99.2",
                            "measure": measure})
    for name, rows in [("deliverables", deliverables), ("deliverable_totals", totals),
                       ("deliverables_narrative", narrative), ("results", results),
                       ("figures", figures), ("performance_measures", measures),
                       ("targets_2023", targets), ("mandates", mandates), ("source_issues", [])]:
        _write(directory, name, rows)
    return directory
