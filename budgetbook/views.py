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
from .render import NOT_STATED, Note, details, escape, join, number, paragraph, percent, table
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
    # the title as the data hold it (the page heading was written when the chapter was)
    return Note(
        line.html + f"<p><strong>{escape(label)}: {escape(row['title_en'])}</strong> · "
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
    n = len(findings)
    # Closed by default (the count is in "At a glance"); still in the HTML for search.
    return Note(details(f'Source audit: {n} finding{"s" if n != 1 else ""} in this chapter '
                        f'(show)', f'<ul>{items}</ul><p>All findings: <a href="../book/'
                        f'source_audit.html">Source audit</a>.</p>', "admonition warning"),
                "Source audit findings:\n" + text)


# ---- deliverables -----------------------------------------------------------------

def subcategory_labels(frame: pd.DataFrame) -> pd.Series:
    """'A. Parliamentary documentation': the category letter and the subcategory."""
    return frame["category"] + ". " + frame["subcategory_en"]


def deliverables_table(items: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """Every line item with its four measures, under its subcategory (a column the page
    shows once per run of rows), and which measures the source printed as '—' (nil)."""
    headings = edition.measure_labels
    out = pd.DataFrame({
        "subcategory": subcategory_labels(items),
        "item": [f"{n}. {e}" for n, e in zip(items["item_no"], items["item_en"])],
        **{headings[m]: items[m] for m in edition.measures},
        "printed as —": ["" if pd.isna(nil) else ", ".join(headings[m] for m in nil.split(";"))
                         for nil in items["nil_in_source"]],
    }).reset_index(drop=True)
    out.attrs["source"] = f"Table {items['table'].iloc[0]}" if len(items) else "Table "
    return out


def deliverables_summary(check: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """One line per subcategory: its four totals recomputed from the items (``check``:
    :func:`budgetbook.indicators.recomputed_totals`), and the printed total only where it
    differs ('✓ as printed' where all four agree)."""
    headings = edition.measure_labels

    def printed(row):
        if row["matches"]:
            return "✓ as printed"
        return "differs: printed " + ", ".join(
            f"{headings[m]} {row[f'printed_{m}']}" for m in edition.measures
            if row[f"printed_{m}"] != row[f"recomputed_{m}"])
    return pd.DataFrame({
        "subcategory": subcategory_labels(check),
        **{headings[m]: check[f"recomputed_{m}"] for m in edition.measures},
        "printed total": [printed(r) for _, r in check.iterrows()],
    }).reset_index(drop=True)


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
    """The four measures of each subcategory, one panel per subcategory with its own axis
    (``totals``: the sums of the items, :func:`budgetbook.indicators.item_totals`)."""
    t = totals.assign(label=subcategory_labels(totals))
    title = (f"{label}: quantified deliverables by subcategory, "
             f"{edition.performance_year} to {edition.budget_year}, each in its own unit")
    y = edition.budget_year
    alt = (f"Horizontal bar charts, one panel per deliverable subcategory of {label}, each "
           f"on its own axis, giving the {y - 2} plan, {y - 2} actual, {y - 1} plan and {y} "
           f"plan. " + "; ".join(f"{name}: " + ", ".join(str(v) for v in values)
                                for name, *values in t[["label"] + edition.measures].itertuples(
                                    index=False)))
    return charts.measure_bars(t, "label", title=title, alt=alt,
                               measures={m: (role, edition.measure_labels[m])
                                         for role, m in zip(ROLES, edition.measures)},
                               source=edition.cite(f"Table {t['table'].iloc[0]}"),
                               unit="number, in each panel's own unit (in its title)",
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
    under = t[t["delivery_rate"] < 1]["label"].tolist()
    counts = indicators.delivery_summary(delivery)
    title = (f"{label}: "
             + (f"all quantified subcategories delivered at least as planned in {year}"
                if not counts["short"] else f"{counts['short']} of {counts['rows']} "
                                            f"subcategories fell short of the {year} plan"))
    alt = (f"Horizontal bar chart of the {year} delivery rate (actual as a percentage of plan) for "
           f"each deliverable subcategory of {label}, with a dashed line at 100 "
           f"percent; each subcategory in its own unit. "
           + "; ".join(f"{name}: {note}" for name, note in zip(t["label"], t["note"]))
           + f". Below plan: {', '.join(under) if under else 'none'}.")
    return charts.hbars(t, "label", "delivery_rate_pct", title=title, alt=alt,
                        source=edition.cite(f"Table {t['table'].iloc[0]} (sums of the line "
                                            f"items)"),
                        xlabel=f"{year} actual as % of {year} plan", reference=100,
                        annotate="note", name=f"{sp}_delivery_{year}")


def change_chart(change: pd.DataFrame, edition: Edition, label: str, sp: str):
    """Change per subcategory from the current year's plan to the budget year's
    (``change``: :func:`budgetbook.indicators.plan_change` of the item totals); a sentence
    instead when no subcategory changes (a chart of empty bars says nothing)."""
    base, new = edition.measure("current_plan"), edition.measure("budget_plan")
    y0, y1 = edition.current_year, edition.budget_year
    if len(change) and (change["change"] == 0).all():
        return paragraph(f"The {y1} plan equals the {y0} plan in each of the {len(change)} "
                         f"subcategories, so there is no change to chart.")
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
        kind_, number_ = row["measure"].split(" ")
        caption = _measure_caption(tables, edition, kind_, number_)
        cells = table(measure_view(tables, edition, kind_, number_),
                      name=f"{row['subprogramme']}_{kind_}_{number_}".lower().replace(".", "_"))
        # Each result one line (its title), its measure one click away.
        blocks.append(Note(
            details(f"{escape(kind)}: {escape(row['title_en'])}",
                    f"<p><span lang=\"zh\">{escape(row['title_zh'])}</span><br/><small>From "
                    f"paragraph {escape(row['first_paragraph'])}; performance measure: "
                    f"{escape(row['measure'])}</small></p>{caption.html}{cells.html}",
                    "budgetbook-result"),
            f"{kind}: {row['title_en']} (from {row['first_paragraph']}; {row['measure']})\n"
            f"{caption.text}\n{cells.text}", cells.data))
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
                f"without its bar values; its table shows only what the paragraphs state.")
    return Note(f"<p><em>{escape(text)}</em></p>", text)


# ---- targets ----------------------------------------------------------------------

def target_chart(attainment: pd.DataFrame, edition: Edition, label: str, sp: str):
    """Actual as a percentage of target, for statements with both; a Note if there are none."""
    year = edition.performance_year
    t = attainment[attainment["attainment"].notna()].copy()
    if t.empty:
        text = (f"No {year} target is stated as a count with a number, so no attainment "
                f"ratio can be drawn (percentages are compared in percentage points, in the "
                f"register above).")
        return Note(f"<p>{escape(text)}</p>", text)
    t["label"] = "R" + t["result"].astype(str) + ": " + t["indicator_en"]
    t["attainment_pct"] = t["attainment"] * 100
    t["note"] = [f"{number(a, u)} vs target {number(g, u)}"
                 for a, g, u in zip(t["actual"], t["target"], t["unit"])]
    counts = indicators.target_summary(t)
    n = counts["with_target"]
    title = (f"{label}: "
             + (f"every {year} target stated as a count was met or exceeded"
                if not counts["not_met"] else
                f"{counts['not_met']} of {n} {year} targets stated as counts missed")
             # a finding on few cases says how few
             + (f" (rests on {n} target{'s' if n != 1 else ''})" if n < 5 else ""))
    alt = (f"Horizontal bar chart of {year} actual as a percentage of the {year} target for "
           f"{label}, dashed line at 100 percent. "
           + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    paragraphs = ", ".join(dict.fromkeys(t["paragraph"]))
    return charts.hbars(t, "label", "attainment_pct", title=title, alt=alt,
                        source=edition.cite(f"paragraphs {paragraphs}"),
                        xlabel=f"{year} actual as % of {year} target", reference=100,
                        annotate="note", name=f"{sp}_targets_{year}")


# ---- mandates ---------------------------------------------------------------------

INSTRUMENT_PLURALS = {"resolution": "resolutions", "decision": "decisions",
                      "resolution or decision": "resolutions or decisions",
                      "convention or protocol": "conventions or protocols",
                      "statement or declaration": "statements or declarations", "other": "other"}


def mandates_table(mandates: pd.DataFrame) -> pd.DataFrame:
    """The mandate entries a subprogramme lists, as printed, with how many instruments
    (symbols) each holds and the source's footnote where it prints one."""
    m = mandates
    out = pd.DataFrame({
        "issued by": m["body"].map(BODY_NAMES), "symbol": m["symbol"].fillna(""),
        "instruments": [len(indicators.entry_symbols(s)) for s in m["symbol"]],
        "title": m["title_en"].fillna(m["title_zh"]).fillna("(no title printed)"),
    })
    if m["footnote_en"].notna().any():
        out["footnote in the source"] = m["footnote_en"].fillna("")
    return out.reset_index(drop=True)


def mandates_summary(by_body: pd.DataFrame, entries: int, shared: tuple[int, int] | None = None
                     ) -> Note:
    """How many mandates a subprogramme lists: printed ``entries``, the instruments they
    hold by issuing body and kind (``by_body``: :func:`budgetbook.indicators.mandates_by_body`
    of :func:`budgetbook.indicators.mandate_symbols`, by body and instrument), and the
    programme-wide list every subprogramme shares (``shared``: entries, instruments)."""
    if by_body.empty:
        text = "The source lists no legislative mandates specific to this subprogramme."
    else:
        parts = [f"{BODY_NAMES[b]}: {n} {INSTRUMENT_PLURALS[k] if n != 1 else k}"
                 for b, k, n in zip(by_body["body"], by_body["instrument"], by_body["mandates"])]
        text = (f"{int(by_body['mandates'].sum())} instruments in {entries} printed entries "
                f"(an entry may list several resolutions). " + "; ".join(parts) + ".")
    if shared is not None:
        text += (f" The programme-wide list ({shared[1]} instruments in {shared[0]} entries) "
                 f"applies to every subprogramme as well; it is shown once, in the overview.")
    return Note(f"<p>{escape(text)}</p>", text)


# ---- the chapter's findings, as sentences for the "At a glance" list -----------------

def _of(n: int, total: int, what: str) -> str:
    return f"{n} of {total} {what}"


def delivery_finding(summary: dict[str, int], items: dict[str, int], material: int,
                     edition: Edition) -> Note:
    """The delivery line: subcategories (``summary``), then line items (``items``), both
    from :func:`budgetbook.indicators.delivery_summary`, and the number of material item
    shortfalls (:func:`budgetbook.indicators.shortfalls`). Counts only: units differ."""
    if summary["planned"] == 0:
        sentence = f"no subcategory has a {edition.performance_year} plan above nil"
    else:
        sentence = (_of(summary["in_full"], summary["planned"], "subcategories with a plan")
                    + f" delivered at least the plan; {summary['short']} fell short")
    if summary["unplanned"]:
        sentence += f"; {summary['unplanned']} delivered without a plan"
    if items["planned"]:
        sentence += (f". Line items: {items['in_full']} of {items['planned']} planned "
                     f"delivered in full; {material} delivered less than "
                     f"{indicators.MATERIAL_DELIVERY:.0%} of plan")
    return render_text(sentence + ".")


def change_finding(summary: dict[str, int], edition: Edition) -> Note:
    """The plans line (``summary``: :func:`budgetbook.indicators.change_summary`)."""
    return render_text(
        f"the {edition.budget_year} plan is higher than the {edition.current_year} plan in "
        f"{summary['higher']}, lower in {summary['lower']} and unchanged in "
        f"{summary['unchanged']} of {summary['rows']} subcategories.")


def target_finding(verdicts: pd.DataFrame) -> Note:
    """The targets line: the verdicts of :func:`budgetbook.indicators.result_verdicts` on
    a subprogramme's statements, counted."""
    n = len(verdicts)
    if n == 0:
        return render_text("the performance paragraphs state no number and no status.")
    counts = verdicts["verdict"].value_counts()
    phrases = {"supported": "supported by the numbers", "contradicted": "contradicted by them",
               "unverifiable": "unverifiable (a status without a number)",
               "no status": "with no status stated"}
    parts = [f"{counts[v]} {phrase}" for v, phrase in phrases.items() if counts.get(v, 0)]
    return render_text(f"{n} statement{'s' if n != 1 else ''} of performance against a "
                       f"target: " + "; ".join(parts) + ".")


def missed_targets_finding(verdicts: pd.DataFrame, labels: dict[str, str]) -> Note:
    """The missed-targets line: each statement whose numbers or stated status say the target
    was not met (``verdicts``: :func:`budgetbook.indicators.result_verdicts`), with its
    numbers, where it stands and the reason the text gives ('no reason given' otherwise)."""
    v = verdicts
    missed = v[(v["status_computed"] == "not_met").fillna(False)
               | (v["status_stated"] == "not_met").fillna(False)]
    if missed.empty:
        return render_text("no target was missed, by the numbers or by the text's account.")
    parts = []
    for _, r in missed.iterrows():
        why = (f"the text says: “{r['reason_en'].rstrip('.')}”"
               if isinstance(r["reason_en"], str) else "the text gives no reason")
        parts.append(f"{r['indicator_en']}: {number(r['actual'], r['unit'])} against a "
                     f"target of {number(r['target'])} ({labels[r['subprogramme']]}, "
                     f"paragraph {r['paragraph']}); {why}")
    n = len(missed)
    return render_text(f"{n} target{'s were' if n != 1 else ' was'} not met. "
                       + ". ".join(parts) + ".")


def audit_finding(findings: pd.DataFrame) -> Note:
    """The source-audit line: how many listed findings concern the chapter."""
    n = len(findings)
    return render_text("no irregularity listed for this chapter." if n == 0 else
                       f"{n} finding{'s' if n != 1 else ''} listed for this chapter "
                       f"(in the box below).")


# ---- exceptions: what fell short, what is new, what was dropped ---------------------

def gap_text(gap, gap_share) -> str:
    """A shortfall's gap in its own unit and as a share of plan: '28 (82% of plan)'."""
    return f"{gap} ({gap_share:.0%} of plan)"


def item_source(table, item_no) -> str:
    """Where an item stands in the document: 'Table <table>, item <number>'."""
    return f"Table {table}, item {item_no}"


NO_EXPLANATION = "no explanation given in the source"


TIMING_NAMES = {"cyclical": "cyclical", "ad_hoc": "ad hoc body",
                "event_bound": "tied to one event"}


def exceptions_summary(exceptions: pd.DataFrame) -> str:
    """The line that opens the folded exceptions: how many of each kind, e.g. 'Show the 7
    exceptions: delivered below 90% of the <year> plan 3; new in the <year> plan 4'."""
    counts = exceptions["exception"].value_counts(sort=False)
    return (f"Show the {len(exceptions)} exception{'s' if len(exceptions) != 1 else ''}: "
            + "; ".join(f"{kind} {n}" for kind, n in counts.items()))


def timing_text(row) -> str:
    """A timing mark (a row of deliverable_timing.csv) as a reader sees it:
    'tied to one event: <what the text says> (line 1575)'."""
    return f"{TIMING_NAMES[row['timing']]}: {row['note_en']} (line {row['raw_line']})"


def timing_marks(timing: pd.DataFrame | None) -> dict:
    """(table, item number) -> :func:`timing_text`, for the rows of deliverable_timing.csv
    given (none: an empty lookup)."""
    if timing is None:
        return {}
    return {(r["table"], r["item_no"]): timing_text(r) for _, r in timing.iterrows()}


def timing_table(items: pd.DataFrame, timing: pd.DataFrame, edition: Edition) -> pd.DataFrame:
    """The items the text marks as cyclical, ad hoc or tied to one event (``timing``: a
    subprogramme's rows of deliverable_timing.csv; ``items``: its line items), with their
    four measures, so a change between years is read against the cycle, not as a trend."""
    keys = ["table", "item_no", "subprogramme"]
    marked = timing.merge(items[keys + ["item_en", *edition.measures]], on=keys, how="inner")
    out = pd.DataFrame({
        "item": [f"{n}. {e}" for n, e in zip(marked["item_no"], marked["item_en"])],
        "source": [item_source(t, n) for t, n in zip(marked["table"], marked["item_no"])],
        **{edition.measure_labels[m]: marked[m] for m in edition.measures},
        "what the text marks": [timing_text(r) for _, r in marked.iterrows()],
    })
    return out.reset_index(drop=True)


def exceptions_table(item_delivery: pd.DataFrame, item_change: pd.DataFrame,
                     edition: Edition, timing: pd.DataFrame | None = None) -> pd.DataFrame:
    """The line items an evaluator asks about, each in its own unit: material shortfalls
    (ranked by the share of the plan not delivered, then by the gap), items delivered
    without a plan, and items new to or dropped from the budget year's plan.
    ``item_delivery`` is :func:`budgetbook.indicators.delivery_rate` of the items and
    ``item_change`` :func:`budgetbook.indicators.plan_change` of the items from the
    current year's plan to the budget year's. With ``timing`` (deliverable_timing.csv), an
    item the text marks as cyclical, ad hoc or tied to one event says so."""
    marks = timing_marks(timing)
    plan, actual = edition.measure("prior_plan"), edition.measure("prior_actual")
    current, budget = edition.measure("current_plan"), edition.measure("budget_plan")
    y, y0, y1 = edition.performance_year, edition.current_year, edition.budget_year
    short = indicators.shortfalls(item_delivery, plan, actual)
    rows = []

    def add(kind, r, what, gap):
        rows.append({"exception": kind, "subcategory": f"{r['category']}. {r['subcategory_en']}",
                     "item": f"{r['item_no']}. {r['item_en']}", "numbers": what, "gap": gap,
                     "source": item_source(r["table"], r["item_no"]),
                     "line in data/raw": r["raw_line"],
                     "explanation": NO_EXPLANATION,
                     "marked in the text": marks.get((r["table"], r["item_no"]), "—")})
    for _, r in short.iterrows():
        add(f"delivered below {indicators.MATERIAL_DELIVERY:.0%} of the {y} plan", r,
            f"{r[actual]} of {r[plan]}", gap_text(r["gap"], r["gap_share"]))
    for _, r in item_delivery[item_delivery["delivery_note"] == "unplanned"].iterrows():
        add(f"delivered in {y} without a plan", r, f"{r[actual]} of {r[plan]}", "")
    for note, kind in (("new", f"new in the {y1} plan"),
                       ("discontinued", f"dropped from the {y1} plan")):
        for _, r in item_change[item_change["change_note"] == note].iterrows():
            add(kind, r, f"{y0} plan {r[current]} → {y1} plan {r[budget]}", "")
    return pd.DataFrame(rows, columns=["exception", "subcategory", "item", "numbers", "gap",
                                       "source", "line in data/raw", "explanation",
                                       "marked in the text"])


# ---- the results register ---------------------------------------------------------

def results_register(verdicts: pd.DataFrame, figures: pd.DataFrame, edition: Edition,
                     results: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per statement of a result's performance (``verdicts``: a subprogramme's rows
    of :func:`budgetbook.indicators.result_verdicts`): its measure and whether the measure
    is cumulative or annual, the actual, the target, the gap (in percentage points for
    percentages), the stated status, the verdict on it, and the reason the text gives for
    a target not met ('none given' where it gives none). With ``results`` (results.csv),
    a statement without a figure names its result's measure (e.g. a text table)."""
    basis = dict(zip(figures["figure"], figures["basis"]))
    v = verdicts
    measure_of = ({} if results is None else
                  dict(zip(zip(results["subprogramme"], results["result"]), results["measure"])))
    measures = [f"Figure {f}" if isinstance(f, str) else measure_of.get((s, r), "—")
                for f, s, r in zip(v["figure"], v["subprogramme"], v["result"])]

    def gap(value, unit):
        if pd.isna(value):
            return "—"
        points = unit == "percent"
        return f"{value:+,.0f}" + (" percentage points" if points else
                                   (f" {unit}" if isinstance(unit, str) else ""))
    return pd.DataFrame({
        "result": v["result"], "paragraph": v["paragraph"],
        "indicator": v["indicator_en"].fillna("(the paragraph states no number and no status)"),
        "measure": measures,
        "basis": [basis.get(f) if isinstance(basis.get(f), str) else "—" for f in v["figure"]],
        "year": v["year"].astype("Int64"),
        "actual": [number(a, u) for a, u in zip(v["actual"], v["unit"])],
        "target": [number(t, u) if pd.notna(t) else "none printed"
                   for t, u in zip(v["target"], v["unit"])],
        "gap (actual − target)": [gap(g, u) for g, u in zip(v["gap"], v["unit"])],
        "status stated": v["status_stated"].fillna("(none)"),
        "verdict": v["verdict"],
        "reason given in the text": [
            r if isinstance(r, str) else
            ("none given" if "not_met" in {x for x in (s, c) if isinstance(x, str)} else "—")
            for r, s, c in zip(v["reason_en"], v["status_stated"], v["status_computed"])],
    }).reset_index(drop=True)


# ---- programme-wide findings (the overview's "At a glance") -------------------------

def items_finding(item_counts: pd.DataFrame, labels: dict[str, str]) -> Note:
    """The overview's delivery line, from :func:`budgetbook.indicators.delivery_counts` of
    the line items by subprogramme: counts of items, which compare across units."""
    t = indicators.ranked_by_share(item_counts)
    if t.empty:
        return render_text("no line item has a plan above nil.")
    low, high = t.iloc[0], indicators.ranked_by_share(item_counts, lowest_first=False).iloc[0]
    return render_text(
        f"{int(t['in_full'].sum())} of {int(t['planned'].sum())} planned line items were "
        f"delivered in full; by subprogramme, from {low['in_full']} of {low['planned']} "
        f"({labels[low['subprogramme']]}) to {high['in_full']} of {high['planned']} "
        f"({labels[high['subprogramme']]}).")


def plans_finding(item_change: pd.DataFrame, edition: Edition) -> Note:
    """The overview's plans line, from :func:`budgetbook.indicators.plan_change` of the line
    items: how many items each plan raises, lowers or keeps (a count of items, unit-free),
    with the new and dropped ones; items at nil in both years are left out."""
    c = item_change[item_change["change_note"] != "nil"]
    summary = indicators.change_summary(c)
    new = int((c["change_note"] == "new").sum())
    dropped = int((c["change_note"] == "discontinued").sum())
    return render_text(
        f"of {summary['rows']} line items planned in either year, the {edition.budget_year} "
        f"plan is higher than the {edition.current_year} plan for {summary['higher']} "
        f"({new} of them new), lower for {summary['lower']} ({dropped} of them dropped) "
        f"and unchanged for {summary['unchanged']}.")


def shortfalls_finding(shortfalls: pd.DataFrame, item_counts: pd.DataFrame,
                       labels: dict[str, str]) -> Note:
    """The overview's shortfall line: how many material shortfalls, where, and the largest
    (``shortfalls``: :func:`budgetbook.indicators.shortfalls`, ranked)."""
    planned = int(item_counts["planned"].sum())
    if shortfalls.empty:
        return render_text(f"none of the {planned} planned line items fell materially short.")
    top = shortfalls.iloc[0]
    n_sp = shortfalls["subprogramme"].nunique()
    return render_text(
        f"{len(shortfalls)} of {planned} planned line items delivered less than "
        f"{indicators.MATERIAL_DELIVERY:.0%} of plan, in {n_sp} subprogramme"
        f"{'s' if n_sp != 1 else ''}; the largest share undelivered: {top['item_en']} "
        f"({labels[top['subprogramme']]}, Table {top['table']}, item {top['item_no']}).")
