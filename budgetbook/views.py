"""Chapter views: the tables, charts and sentences of a subprogramme chapter.

Each view takes frames the notebook has already selected or computed (with pandas and
:mod:`budgetbook.indicators`, in cells a reader can see) and only labels, formats and
draws them: no view selects rows from the loaded tables or derives a number of its own.
The edition (:class:`budgetbook.edition.Edition`) supplies years and column labels, and
``label`` is the chapter's name ('Subprogramme 3'), used in titles and alt text.
"""
from __future__ import annotations

import pandas as pd

from . import charts, indicators
from .config import PROGRAMME_ID, notebooks
from .edition import ROLES, Edition, edition_of
from .render import NOT_STATED, Note, escape, join, number, paragraph, percent, table
from .render import text as render_text

# The notebook (in notebooks/) of each subprogramme id, from the table of contents.
NOTEBOOKS = notebooks()
BODY_NAMES = {
    "treaty": "Conventions and protocols", "GA": "General Assembly",
    "ECOSOC": "Economic and Social Council", "SC": "Security Council",
    "CND": "Commission on Narcotic Drugs",
    "CCPCJ": "Commission on Crime Prevention and Criminal Justice",
    "COP-UNTOC": "Conference of the Parties to UNTOC",
    "COSP-UNCAC": "Conference of the States Parties to UNCAC",
    "INCB": "International Narcotics Control Board", "HRC": "Human Rights Council",
    "other": "Other",
}


# ---- who and what the page is about --------------------------------------------------

def check_subprogramme(tables, sp: str, written_for: str | None = None) -> str:
    """Fail early, with the valid ids, when a notebook is run for an unknown id, or for
    another subprogramme than the one its title and commentary are written for."""
    ids = list(tables["subprogrammes"]["id"])
    if sp not in ids:
        raise ValueError(f"unknown subprogramme {sp!r}; choose one of: {', '.join(ids)}")
    if written_for is not None and sp != written_for:
        other = f"notebooks/{NOTEBOOKS[sp]}.ipynb" if sp in NOTEBOOKS else "its own notebook"
        raise ValueError(f"this notebook's title and commentary are written for "
                         f"{written_for}, so it refuses to show {sp}'s numbers under them; "
                         f"run {other} instead")
    return sp


def subprogramme_label(tables, sp: str) -> str:
    """'Subprogramme 9, component 1', or 'Programme-wide' for the programme as a whole."""
    if sp == PROGRAMME_ID:
        return "Programme-wide"
    subs = tables["subprogrammes"]
    row = subs[subs["id"] == sp].iloc[0]
    return f"Subprogramme {row['number']}" + (
        f", component {row['component']}" if pd.notna(row["component"]) else "")


def chapter_labels(tables) -> dict[str, str]:
    """Subprogramme id -> its label, for every row of subprogrammes.csv."""
    return {sp: subprogramme_label(tables, sp) for sp in tables["subprogrammes"]["id"]}


def edition_line(edition: Edition) -> Note:
    """Which document and which years the page is about, from the edition record."""
    text = (f"From {edition.symbol}: the proposed programme plan for {edition.budget_year} "
            f"and the programme performance in {edition.performance_year}.")
    return Note(f"<p><small>{escape(text)}</small></p>", text)


def heading(tables, sp: str) -> Note:
    """A chapter's title and objective, Chinese beside English, and its edition."""
    subs = tables["subprogrammes"]
    row = subs[subs["id"] == sp].iloc[0]
    label = subprogramme_label(tables, sp)
    line = edition_line(edition_of(tables))
    return Note(
        line.html + f"<p><strong>{escape(label)}: {escape(row['title_en'])}</strong><br/>"
        f"<span lang=\"zh\">{escape(row['title_zh'])}</span></p>"
        f"<p><em>Objective</em> (paragraph {escape(row['objective_paragraph'])}): "
        f"{escape(row['objective_en'])}<br/><span lang=\"zh\">{escape(row['objective_zh'])}"
        f"</span></p>",
        f"{line.text}\n{label}: {row['title_en']}\nObjective "
        f"({row['objective_paragraph']}): {row['objective_en']}")


def chapter_findings(findings: pd.DataFrame) -> Note:
    """The source-audit box of a chapter: the listed irregularities concerning it (the rows
    of source_issues.csv for its subprogramme)."""
    if findings.empty:
        text = "Source audit: no irregularity found in this chapter's part of the source."
        return Note(f'<div class="admonition note"><p>{escape(text)}</p></div>', text)
    items = "".join(f"<li><strong>{escape(r.issue_id)}</strong> ({escape(r.location)}, "
                    f"{escape(r.category.replace('_', ' '))}): {escape(r.description_en)}</li>"
                    for r in findings.itertuples())
    text = "\n".join(f"{r.issue_id} ({r.location}): {r.description_en}"
                     for r in findings.itertuples())
    return Note(f'<div class="admonition warning"><p class="admonition-title">Source audit: '
                f'{len(findings)} finding(s) in this chapter</p><ul>{items}</ul>'
                f'<p>All findings: <a href="../book/source_audit.html">Source audit</a>.</p>'
                f'</div>', "Source audit findings:\n" + text)


# ---- deliverables -----------------------------------------------------------------

def subcategory_labels(frame: pd.DataFrame) -> pd.Series:
    """'A. Parliamentary documentation': the category letter and the subcategory."""
    return frame["category"] + ". " + frame["subcategory_en"]


def deliverables_table(items: pd.DataFrame, check: pd.DataFrame, edition: Edition
                       ) -> pd.DataFrame:
    """Every item, then per subcategory the printed total and the recomputed one (``check``
    is :func:`budgetbook.indicators.recomputed_totals` of these items)."""
    headings = edition.measure_labels
    rows = []
    for _, total in check.iterrows():
        sub = items[items["subcategory_zh"] == total["subcategory_zh"]]
        for _, it in sub.iterrows():
            rows.append({"category": it["category"], "subcategory": it["subcategory_en"],
                         "item": f"{it['item_no']}. {it['item_en']}",
                         **{headings[m]: it[m] for m in edition.measures},
                         "printed as —": "" if pd.isna(it["nil_in_source"]) else
                         ", ".join(headings[m] for m in it["nil_in_source"].split(";"))})
        for kind in ("printed", "recomputed"):
            rows.append({"category": total["category"], "subcategory": total["subcategory_en"],
                         "item": f"Total ({kind})",
                         **{headings[m]: total[f"{kind}_{m}"] for m in edition.measures},
                         "printed as —": ""})
    out = pd.DataFrame(rows)
    if not out.empty:
        out.attrs["source"] = f"Table {items['table'].iloc[0]}" if len(items) else "Table "
    return out


def totals_check(check: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per subcategory: each measure's printed total beside the sum of its items."""
    out = check[["table", "category", "subcategory_en"]].copy()
    for m in edition.measures:
        out[f"{edition.measure_labels[m]} (printed/recomputed)"] = [
            f"{p} / {r}" for p, r in zip(check[f"printed_{m}"], check[f"recomputed_{m}"])]
    out["all four match"] = check["matches"].map({True: "yes", False: "NO"})
    return out.reset_index(drop=True)


def totals_summary(check: pd.DataFrame, source_issues: pd.DataFrame | None,
                   edition: Edition) -> Note:
    """How many printed subcategory totals equal their items' sum; where the differences
    stand (the source audit, or else the data)."""
    n, ok = len(check), int(check["matches"].sum())
    text = (f"{ok} of {n} printed subcategory totals equal the sum of their items in all four "
            f"measures.")
    if ok < n:
        # Only the source audit may blame the source: a difference it does not list is a
        # difference in the data, and the page says so.
        listed = audited_total_mismatches(source_issues, check[~check["matches"]], edition)
        text += f" {n - ok} differ"
        if listed == n - ok:
            text += ": the source audit lists each (the source's own totals do not add up)."
        else:
            text += (f"; the source audit lists {listed} of them. Check the others in the "
                     f"data (deliverables.csv against deliverable_totals.csv).")
    return Note(f"<p>{escape(text)}</p>", text)


def audited_total_mismatches(source_issues: pd.DataFrame | None, mismatched: pd.DataFrame,
                             edition: Edition) -> int:
    """How many of these mismatched subcategory totals the source audit lists (as computed
    'total_mismatch' findings whose check key names the table and subcategory)."""
    from .audit import total_mismatch_key
    if source_issues is None:
        return 0
    keys = set(source_issues.loc[source_issues["category"] == "total_mismatch",
                                 "check_key"].dropna())
    return sum(all(total_mismatch_key(r["table"], r["subcategory_zh"], m) in keys
                   for m in edition.measures if r[f"difference_{m}"] != 0)
               for _, r in mismatched.iterrows())


def measures_chart(totals: pd.DataFrame, edition: Edition, label: str, sp: str
                   ) -> charts.Chart:
    """The four measures of each subcategory side by side (``totals``: the sums of the
    items, :func:`budgetbook.indicators.item_totals`)."""
    t = totals.assign(label=subcategory_labels(totals))
    title = (f"{label}: quantified deliverables by subcategory, "
             f"{edition.performance_year} to {edition.budget_year}")
    y = edition.budget_year
    alt = (f"Grouped horizontal bar chart: for each deliverable subcategory of "
           f"{label}, the {y - 2} plan, {y - 2} actual, {y - 1} plan and {y} "
           f"plan. " + "; ".join(f"{name}: " + ", ".join(str(v) for v in values)
                                for name, *values in t[["label"] + edition.measures].itertuples(
                                    index=False)))
    return charts.measure_bars(t, "label", title=title, alt=alt,
                               measures={m: (role, edition.measure_labels[m])
                                         for role, m in zip(ROLES, edition.measures)},
                               source=edition.cite(f"Table {t['table'].iloc[0]}"),
                               unit="number (documents, meetings, projects, days, ...)",
                               name=f"{sp}_deliverables_chart")


def delivery_chart(delivery: pd.DataFrame, edition: Edition, label: str, sp: str
                   ) -> charts.Chart:
    """Delivery rate per subcategory in the performance year, against a 100 % line
    (``delivery``: :func:`budgetbook.indicators.delivery_rate` of the item totals)."""
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    year = edition.performance_year
    t = delivery.assign(label=subcategory_labels(delivery),
                        delivery_rate_pct=delivery["delivery_rate"] * 100)
    t["note"] = [f"{a} of {p}" if n == "" else n
                 for a, p, n in zip(t[actual], t[plan], t["delivery_note"])]
    total_plan, total_actual = int(t[plan].sum()), int(t[actual].sum())
    under = t[t["delivery_rate"] < 1]["label"].tolist()
    counts = indicators.delivery_summary(delivery)
    title = (f"{label}: "
             + (f"all quantified subcategories delivered at least as planned in {year}"
                if not counts["short"] else f"{counts['short']} of {counts['rows']} "
                                            f"subcategories fell short of the {year} plan"))
    alt = (f"Horizontal bar chart of the {year} delivery rate (actual as a percentage of plan) for "
           f"each deliverable subcategory of {label}, with a dashed line at 100 "
           f"percent. Summed over subcategories, {total_actual} units were delivered against "
           f"{total_plan} planned. Below plan: {', '.join(under) if under else 'none'}.")
    return charts.hbars(t, "label", "delivery_rate_pct", title=title, alt=alt,
                        source=edition.cite(f"Table {t['table'].iloc[0]} (sums of the line "
                                            f"items)"),
                        xlabel=f"{year} actual as % of {year} plan", reference=100,
                        annotate="note", name=f"{sp}_delivery_{year}")


def change_chart(change: pd.DataFrame, edition: Edition, label: str, sp: str) -> charts.Chart:
    """Change per subcategory from the current year's plan to the budget year's
    (``change``: :func:`budgetbook.indicators.plan_change` of the item totals)."""
    base, new = edition.measure("current_plan"), edition.measure("budget_plan")
    y0, y1 = edition.current_year, edition.budget_year
    t = change.assign(label=subcategory_labels(change))
    t["note"] = [f"{b} → {n}" + (f" ({note})" if note else "")
                 for b, n, note in zip(t[base], t[new], t["change_note"])]
    up, down = t[t["change"] > 0]["label"].tolist(), t[t["change"] < 0]["label"].tolist()
    counts = indicators.change_summary(change)
    title = (f"{label}: {y1} plan is higher than {y0} in {counts['higher']}, "
             f"lower in {counts['lower']} of {counts['rows']} subcategories")
    alt = (f"Horizontal bar chart of the change from the {y0} plan to the {y1} plan, in units, per "
           f"deliverable subcategory of {label}. Increases: "
           f"{', '.join(up) or 'none'}. Decreases: {', '.join(down) or 'none'}.")
    return charts.hbars(t, "label", "change", title=title, alt=alt,
                        source=edition.cite(f"Table {t['table'].iloc[0]} (sums of the line "
                                            f"items)"),
                        xlabel=f"change, {y1} plan minus {y0} plan (units of each subcategory)",
                        reference=0, annotate="note", name=f"{sp}_change_{y0}_{y1}")


def plan_vs_actual_table(plan_vs_actual: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Per subcategory: the budget year's plan against the performance year's actual
    (``plan_vs_actual``: :func:`budgetbook.indicators.plan_change` from that actual to
    that plan)."""
    actual, plan = edition.measure("prior_actual"), edition.measure("budget_plan")
    t = plan_vs_actual
    return pd.DataFrame({
        "subcategory": subcategory_labels(t), edition.measure_labels[actual]: t[actual],
        edition.measure_labels[plan]: t[plan], "change": t["change"],
        "change %": [("—" if pd.isna(p) else f"{p:+.0f}%") for p in t["change_pct"]],
        "note": t["change_note"].replace({
            "new": f"nothing delivered in {edition.performance_year}",
            "discontinued": f"none planned for {edition.budget_year}"}),
    }).reset_index(drop=True)


def narrative_table(narrative: pd.DataFrame) -> pd.DataFrame:
    """The narrative deliverables (categories C to E) of a subprogramme."""
    return pd.DataFrame({
        "category": narrative["category"],
        "subcategory": narrative["subcategory_en"].fillna("(no label printed)"),
        "deliverable": narrative["text_en"],
    }).reset_index(drop=True)


# ---- results and their measures ------------------------------------------------------

def result_blocks(results: pd.DataFrame, tables, edition: Edition) -> Note:
    """Every result of ``results`` (a subprogramme's rows of results.csv) as the chapter
    shows it: its title, what its measure is, and the measure itself (a text table read by
    year, or what the paragraphs state of a figure)."""
    blocks = []
    for _, row in results.sort_values("result").iterrows():
        kind = (f"{edition.performance_year} performance highlight" if row["result"] == 0
                else f"Result {row['result']}")
        blocks.append(Note(
            f"<h3>{escape(kind)}</h3><p><strong>{escape(row['title_en'])}</strong><br/>"
            f"<span lang=\"zh\">{escape(row['title_zh'])}</span><br/><small>From paragraph "
            f"{escape(row['first_paragraph'])}; performance measure: "
            f"{escape(row['measure'])}</small></p>",
            f"{kind}: {row['title_en']} (from {row['first_paragraph']}; {row['measure']})"))
        kind_, number_ = row["measure"].split(" ")
        blocks.append(_measure_caption(tables, edition, kind_, number_))
        blocks.append(table(measure_view(tables, edition, kind_, number_)))
    if not blocks:
        return paragraph("The source states no results for this subprogramme.")
    return join(blocks)


def measure_view(tables, edition: Edition, kind: str, number_: str) -> pd.DataFrame:
    """A result's performance measure: a text table's statements by year ('Table'), or
    every year a figure may show ('Figure', :func:`figure_values`)."""
    if kind == "Table":
        pm = tables["performance_measures"]
        pm = pm[pm["table"] == number_].sort_values(["row", "year"])
        return pd.DataFrame({
            "year": pm["year"], "status": pm["status"], "row": pm["row"],
            "statement": pm["text_en"].fillna("(cell empty in the source)"),
        }).reset_index(drop=True)
    return figure_values(tables, edition, number_)


def figure_values(tables, edition: Edition, figure: str) -> pd.DataFrame:
    """Every year a figure may show (Y-4 to Y): the values its paragraphs state, else
    'not stated' (never a value the text does not give)."""
    f = tables["figures"]
    fig = f[f["figure"] == figure].iloc[0]
    t = tables["targets"]
    stated = t[t["figure"] == figure]
    rows = []
    for year in edition.years:
        of_year = stated[stated["year"] == year]
        if len(of_year):
            for s in of_year.itertuples():
                rows.append({"year": year, "series": s.indicator_en,
                             "value stated": number(s.actual, s.unit),
                             "target stated": number(s.target, s.unit),
                             "cited in": f"paragraph {s.paragraph}"})
        else:
            rows.append({"year": year, "series": "", "value stated": NOT_STATED,
                         "target stated": NOT_STATED if year >= edition.performance_year
                         else "", "cited in": ""})
    out = pd.DataFrame(rows)
    out.attrs["title"] = f"Figure {figure}: {fig['title_en']}"
    return out


def _measure_caption(tables, edition: Edition, kind: str, number_: str) -> Note:
    if kind == "Table":
        text = (f"Table {number_} is a text table; each cell is one statement, read by year "
                f"(actual for past years, planned for {edition.current_year} and "
                f"{edition.budget_year}).")
    else:
        f = tables["figures"]
        fig = f[f["figure"] == number_].iloc[0]
        basis = "" if pd.isna(fig["basis"]) else f" ({fig['basis'].replace('_', ' ')})"
        text = (f"Figure {number_}{basis}: {fig['title_en']}. The source text prints the figure "
                f"without its bar values; the table below shows only what the paragraphs state.")
    return Note(f"<p><em>{escape(text)}</em></p>", text)


# ---- targets ----------------------------------------------------------------------

def _target_years(attainment: pd.DataFrame, edition: Edition) -> tuple[str, str]:
    """Column labels for the actual and target: with the year when all rows share it."""
    years = set(attainment["year"])
    year = years.pop() if len(years) == 1 else edition.performance_year
    return f"{year} actual", f"{year} target"


def targets_table(attainment: pd.DataFrame, edition: Edition, mixed_years: bool = False
                  ) -> pd.DataFrame:
    """Each numeric statement of a target paragraph (``attainment``: a subprogramme's rows
    of :func:`budgetbook.indicators.target_attainment`): actual, target, attainment, and the
    status the text states beside the status the numbers imply. ``mixed_years`` adds a year
    column (when the targets file holds more than one year)."""
    t = attainment
    actual_label, target_label = _target_years(t, edition)
    return pd.DataFrame({
        "result": t["result"], "paragraph": t["paragraph"], "indicator": t["indicator_en"],
        **({"year": t["year"]} if mixed_years else {}),
        actual_label: [number(a, u) for a, u in zip(t["actual"], t["unit"])],
        target_label: [number(a, u) for a, u in zip(t["target"], t["unit"])],
        "attainment": [percent(a) for a in t["attainment"]],
        "status stated": t["status_stated"].fillna("(none)"),
        "status by the numbers": t["status_computed"].fillna("(no target)"),
        "agree": t["status_agrees"].map({True: "yes", False: "NO"}).fillna("—"),
    }).reset_index(drop=True)


def target_chart(attainment: pd.DataFrame, edition: Edition, label: str, sp: str):
    """Actual as a percentage of target, for statements with both; a Note if there are none."""
    year = edition.performance_year
    t = attainment[attainment["attainment"].notna()].copy()
    if t.empty:
        text = f"No {year} target is stated with a number, so no attainment can be computed."
        return Note(f"<p>{escape(text)}</p>", text)
    t["label"] = "R" + t["result"].astype(str) + ": " + t["indicator_en"]
    t["attainment_pct"] = t["attainment"] * 100
    t["note"] = [f"{number(a, u)} vs target {number(g, u)}"
                 for a, g, u in zip(t["actual"], t["target"], t["unit"])]
    counts = indicators.target_summary(t)
    title = (f"{label}: "
             + (f"every {year} target stated with a number was met or exceeded"
                if not counts["not_met"] else
                f"{counts['not_met']} of {counts['with_target']} numeric {year} targets missed"))
    alt = (f"Horizontal bar chart of {year} actual as a percentage of the {year} target for "
           f"{label}, dashed line at 100 percent. "
           + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    paragraphs = ", ".join(dict.fromkeys(t["paragraph"]))
    return charts.hbars(t, "label", "attainment_pct", title=title, alt=alt,
                        source=edition.cite(f"paragraphs {paragraphs}"),
                        xlabel=f"{year} actual as % of {year} target", reference=100,
                        annotate="note", name=f"{sp}_targets_{year}")


# ---- mandates ---------------------------------------------------------------------

def mandates_table(mandates: pd.DataFrame) -> pd.DataFrame:
    """The mandates a subprogramme lists, with the source's footnote where it prints one."""
    m = mandates
    out = pd.DataFrame({
        "issued by": m["body"].map(BODY_NAMES), "symbol": m["symbol"].fillna(""),
        "title": m["title_en"].fillna(m["title_zh"]).fillna("(no title printed)"),
    })
    if m["footnote_en"].notna().any():
        out["footnote in the source"] = m["footnote_en"].fillna("")
    return out.reset_index(drop=True)


def mandates_summary(by_body: pd.DataFrame) -> Note:
    """How many mandates a subprogramme lists, by issuing body (``by_body``:
    :func:`budgetbook.indicators.mandates_by_body` by ``body``)."""
    if by_body.empty:
        text = ("The source lists no legislative mandates specific to this subprogramme; "
                "the programme-wide list applies.")
    else:
        parts = [f"{BODY_NAMES[b]}: {n}" for b, n in zip(by_body["body"], by_body["mandates"])]
        text = f"{int(by_body['mandates'].sum())} mandates listed. " + "; ".join(parts) + "."
    return Note(f"<p>{escape(text)}</p>", text)


# ---- the chapter's findings, as sentences for the "At a glance" list -----------------

def _of(n: int, total: int, what: str) -> str:
    return f"{n} of {total} {what}"


def delivery_finding(summary: dict[str, int], edition: Edition) -> Note:
    """The delivery line (``summary``: :func:`budgetbook.indicators.delivery_summary`)."""
    if summary["planned"] == 0:
        sentence = f"no subcategory has a {edition.performance_year} plan above nil"
    else:
        sentence = (_of(summary["in_full"], summary["planned"], "subcategories with a plan")
                    + f" delivered at least the plan; {summary['short']} fell short")
    if summary["unplanned"]:
        sentence += f"; {summary['unplanned']} delivered without a plan"
    return render_text(sentence + ".")


def change_finding(summary: dict[str, int], edition: Edition) -> Note:
    """The plans line (``summary``: :func:`budgetbook.indicators.change_summary`)."""
    return render_text(
        f"the {edition.budget_year} plan is higher than the {edition.current_year} plan in "
        f"{summary['higher']}, lower in {summary['lower']} and unchanged in "
        f"{summary['unchanged']} of {summary['rows']} subcategories.")


def target_finding(summary: dict[str, int]) -> Note:
    """The targets line (``summary``: :func:`budgetbook.indicators.target_summary`)."""
    n, with_target = summary["statements"], summary["with_target"]
    if n == 0:
        return render_text("the target paragraphs state no number.")
    if with_target == 0:
        return render_text(f"none of the {n} numeric statements prints a target, so "
                           f"attainment cannot be computed.")
    sentence = (f"{with_target} of the {n} numeric statements "
                f"{'prints' if with_target == 1 else 'print'} a target: "
                f"{summary['met_or_exceeded']} met or exceeded, {summary['not_met']} not met")
    if summary["status_disagrees"]:
        sentence += (f"; the stated status word disagrees with the numbers in "
                     f"{summary['status_disagrees']}")
    return render_text(sentence + ".")


def audit_finding(findings: pd.DataFrame) -> Note:
    """The source-audit line: how many listed findings concern the chapter."""
    n = len(findings)
    return render_text("no irregularity listed for this chapter." if n == 0 else
                       f"{n} finding{'s' if n != 1 else ''} listed for this chapter "
                       f"(in the box below).")
