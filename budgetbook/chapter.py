"""Views shared by the chapters: the tables and charts a notebook shows.

Each function takes the dict returned by :func:`budgetbook.load_all` and a
subprogramme id, calls :mod:`budgetbook.indicators` for the arithmetic and
:mod:`budgetbook.charts` for the pictures, and returns something a notebook
can display: a DataFrame, a :class:`~budgetbook.charts.Chart` or a
:class:`Note` (escaped HTML with a plain-text twin for nbval).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import charts, indicators
from .config import notebooks
from .edition import ROLES, edition_of
from .schema import PROGRAMME_ID

NOT_STATED = "not stated in the source"
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


@dataclass
class Note:
    """A block for the page: HTML (every data value escaped), plain text for nbval, and,
    for tables, the DataFrame itself (what the analysts' runs save as CSV)."""

    html: str
    text: str
    data: pd.DataFrame | None = None

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return self.text

    def _repr_pretty_(self, p, cycle):
        p.text(self.text)


def table(df: pd.DataFrame) -> Note:
    """A DataFrame as a page table: full cell text, no index, every value escaped."""
    shown = df.astype(object).where(df.notna(), "")  # a missing value shows as an empty cell
    shown.columns.name = None
    with pd.option_context("display.max_colwidth", None, "display.width", 200,
                           "display.max_rows", None, "display.max_columns", None):
        text = shown.to_string(index=False)
    html_ = shown.to_html(index=False, escape=True, border=0,
                          classes="budgetbook-table table")
    return Note(f'<div class="budgetbook-table-wrap">{html_}</div>', text, df)


def _e(value) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value))


def _pct(x) -> str:
    return "—" if pd.isna(x) else f"{x:.0%}"


def _sp_row(tables, sp) -> pd.Series:
    subs = tables["subprogrammes"]
    return subs[subs["id"] == sp].iloc[0]


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


def edition_line(tables) -> Note:
    """Which document and which years the page is about, from the edition record."""
    ed = edition_of(tables)
    text = (f"From {ed.symbol}: the proposed programme plan for {ed.budget_year} and the "
            f"programme performance in {ed.performance_year}.")
    return Note(f"<p><small>{_e(text)}</small></p>", text)


def commentary_note(tables, written_for: str) -> Note:
    """Nothing when the commentary's edition is the data's; else a warning that the
    written commentary describes another document than the numbers on the page."""
    ed = edition_of(tables)
    if ed.symbol == written_for:
        return Note("", "")
    text = (f"The commentary below was written for {written_for}; the numbers on this page "
            f"are from {ed.symbol}. Read it as about that document, not these numbers.")
    return Note(f'<div class="admonition warning"><p>{_e(text)}</p></div>', text)


def heading(tables, sp: str) -> Note:
    """A chapter's title and objective, Chinese beside English, and its edition."""
    row = _sp_row(tables, sp)
    label = _sp_label(tables, sp)
    line = edition_line(tables)
    return Note(
        line.html + f"<p><strong>{_e(label)}: {_e(row['title_en'])}</strong><br/>"
        f"<span lang=\"zh\">{_e(row['title_zh'])}</span></p>"
        f"<p><em>Objective</em> (paragraph {_e(row['objective_paragraph'])}): "
        f"{_e(row['objective_en'])}<br/><span lang=\"zh\">{_e(row['objective_zh'])}</span></p>",
        f"{line.text}\n{label}: {row['title_en']}\nObjective "
        f"({row['objective_paragraph']}): {row['objective_en']}")


def _sp_deliverables(tables, sp):
    d = tables["deliverables"]
    return d[d["subprogramme"] == sp]


def _sp_totals(tables, sp):
    t = tables["deliverable_totals"]
    return t[t["subprogramme"] == sp]


def deliverables_table(tables, sp: str) -> pd.DataFrame:
    """Every item, then per subcategory the printed total and the recomputed one."""
    items = _sp_deliverables(tables, sp)
    ed = edition_of(tables)
    headings = ed.measure_labels
    rec = indicators.recomputed_totals(items, _sp_totals(tables, sp), ed.measures)
    rows = []
    for _, total in rec.iterrows():
        sub = items[items["subcategory_zh"] == total["subcategory_zh"]]
        for _, it in sub.iterrows():
            rows.append({"category": it["category"], "subcategory": it["subcategory_en"],
                         "item": f"{it['item_no']}. {it['item_en']}",
                         **{headings[m]: it[m] for m in ed.measures},
                         "printed as —": "" if pd.isna(it["nil_in_source"]) else
                         ", ".join(headings[m] for m in it["nil_in_source"].split(";"))})
        for kind in ("printed", "recomputed"):
            rows.append({"category": total["category"], "subcategory": total["subcategory_en"],
                         "item": f"Total ({kind})",
                         **{headings[m]: total[f"{kind}_{m}"] for m in ed.measures},
                         "printed as —": ""})
    out = pd.DataFrame(rows)
    if not out.empty:
        table = items["table"].iloc[0] if len(items) else ""
        out.attrs["source"] = f"Table {table}"
    return out


def totals_check(tables, sp: str) -> pd.DataFrame:
    """Per subcategory: each measure's printed total beside the sum of its items."""
    ed = edition_of(tables)
    rec = indicators.recomputed_totals(_sp_deliverables(tables, sp), _sp_totals(tables, sp),
                                       ed.measures)
    out = rec[["table", "category", "subcategory_en"]].copy()
    for m in ed.measures:
        out[f"{ed.measure_labels[m]} (printed/recomputed)"] = [
            f"{p} / {r}" for p, r in zip(rec[f"printed_{m}"], rec[f"recomputed_{m}"])]
    out["all four match"] = rec["matches"].map({True: "yes", False: "NO"})
    return out.reset_index(drop=True)


def totals_summary(tables, sp: str) -> Note:
    """How many printed subcategory totals equal their items' sum; where the differences
    stand (the source audit, or else the data)."""
    rec = indicators.recomputed_totals(_sp_deliverables(tables, sp), _sp_totals(tables, sp),
                                       edition_of(tables).measures)
    n, ok = len(rec), int(rec["matches"].sum())
    text = (f"{ok} of {n} printed subcategory totals equal the sum of their items in all four "
            f"measures.")
    if ok < n:
        # Only the source audit may blame the source: a difference it does not list is a
        # difference in the data, and the page says so.
        listed = audited_total_mismatches(tables, rec[~rec["matches"]])
        text += f" {n - ok} differ"
        if listed == n - ok:
            text += ": the source audit lists each (the source's own totals do not add up)."
        else:
            text += (f"; the source audit lists {listed} of them. Check the others in the "
                     f"data (deliverables.csv against deliverable_totals.csv).")
    return Note(f"<p>{_e(text)}</p>", text)


def audited_total_mismatches(tables, mismatched: pd.DataFrame) -> int:
    """How many of these mismatched subcategory totals the source audit lists (as computed
    'total_mismatch' findings whose check key names the table and subcategory)."""
    from .audit import total_mismatch_key
    issues = tables.get("source_issues")
    if issues is None:
        return 0
    keys = set(issues.loc[issues["category"] == "total_mismatch", "check_key"].dropna())
    return sum(all(total_mismatch_key(r["table"], r["subcategory_zh"], m) in keys
                   for m in edition_of(tables).measures if r[f"difference_{m}"] != 0)
               for _, r in mismatched.iterrows())


def _item_totals(tables) -> pd.DataFrame:
    """Every subcategory's totals as the sums of its items (what the indicators use)."""
    return indicators.item_totals(tables["deliverables"], tables["deliverable_totals"],
                                  edition_of(tables).measures)


def _subcategory_frame(tables, sp):
    t = _item_totals(tables)
    t = t[t["subprogramme"] == sp].copy()
    t["label"] = t["category"] + ". " + t["subcategory_en"]
    return t


def delivery_chart(tables, sp: str) -> charts.Chart:
    """Delivery rate per subcategory in the performance year, against a 100 % line."""
    ed = edition_of(tables)
    plan, actual, year = ed.measure("prior_plan"), ed.measure("prior_actual"), ed.performance_year
    t = indicators.delivery_rate(_subcategory_frame(tables, sp), plan, actual)
    t["delivery_rate_pct"] = t["delivery_rate"] * 100
    t["note"] = [f"{a} of {p}" if n == "" else n
                 for a, p, n in zip(t[actual], t[plan], t["delivery_note"])]
    total_plan, total_actual = int(t[plan].sum()), int(t[actual].sum())
    under = t[t["delivery_rate"] < 1]["label"].tolist()
    title = (f"{_sp_label(tables, sp)}: "
             + (f"all quantified subcategories delivered at least as planned in {year}"
                if not under else f"{len(under)} of {len(t)} subcategories fell short of the "
                                  f"{year} plan"))
    table = t["table"].iloc[0]
    alt = (f"Horizontal bar chart of the {year} delivery rate (actual as a percentage of plan) for "
           f"each deliverable subcategory of {_sp_label(tables, sp)}, with a dashed line at 100 "
           f"percent. Summed over subcategories, {total_actual} units were delivered against "
           f"{total_plan} planned. Below plan: {', '.join(under) if under else 'none'}.")
    return charts.hbars(t, "label", "delivery_rate_pct", title=title, alt=alt,
                        source=ed.cite(f"Table {table} (sums of the line items)"),
                        xlabel=f"{year} actual as % of {year} plan", reference=100,
                        annotate="note", name=f"{sp}_delivery_{year}")


def change_chart(tables, sp: str) -> charts.Chart:
    """Change per subcategory from the current year's plan to the budget year's."""
    ed = edition_of(tables)
    base, new = ed.measure("current_plan"), ed.measure("budget_plan")
    y0, y1 = ed.current_year, ed.budget_year
    t = indicators.plan_change(_subcategory_frame(tables, sp), base, new)
    t["note"] = [f"{b} → {n}" + (f" ({note})" if note else "")
                 for b, n, note in zip(t[base], t[new], t["change_note"])]
    up, down = t[t["change"] > 0]["label"].tolist(), t[t["change"] < 0]["label"].tolist()
    title = (f"{_sp_label(tables, sp)}: {y1} plan is higher than {y0} in {len(up)}, "
             f"lower in {len(down)} of {len(t)} subcategories")
    table = t["table"].iloc[0]
    alt = (f"Horizontal bar chart of the change from the {y0} plan to the {y1} plan, in units, per "
           f"deliverable subcategory of {_sp_label(tables, sp)}. Increases: "
           f"{', '.join(up) or 'none'}. Decreases: {', '.join(down) or 'none'}.")
    return charts.hbars(t, "label", "change", title=title, alt=alt,
                        source=ed.cite(f"Table {table} (sums of the line items)"),
                        xlabel=f"change, {y1} plan minus {y0} plan (units of each subcategory)",
                        reference=0, annotate="note", name=f"{sp}_change_{y0}_{y1}")


def plan_vs_actual_table(tables, sp: str) -> pd.DataFrame:
    """Per subcategory: the budget year's plan against the performance year's actual
    (absolute and percent)."""
    ed = edition_of(tables)
    actual, plan = ed.measure("prior_actual"), ed.measure("budget_plan")
    t = indicators.plan_change(_subcategory_frame(tables, sp), base=actual, new=plan)
    return pd.DataFrame({
        "subcategory": t["label"], ed.measure_labels[actual]: t[actual],
        ed.measure_labels[plan]: t[plan], "change": t["change"],
        "change %": [("—" if pd.isna(p) else f"{p:+.0f}%") for p in t["change_pct"]],
        "note": t["change_note"].replace({
            "new": f"nothing delivered in {ed.performance_year}",
            "discontinued": f"none planned for {ed.budget_year}"}),
    }).reset_index(drop=True)


def measures_chart(tables, sp: str) -> charts.Chart:
    """The four measures of each subcategory side by side."""
    ed = edition_of(tables)
    t = _subcategory_frame(tables, sp)
    table = t["table"].iloc[0]
    title = (f"{_sp_label(tables, sp)}: quantified deliverables by subcategory, "
             f"{ed.performance_year} to {ed.budget_year}")
    y = ed.budget_year
    alt = (f"Grouped horizontal bar chart: for each deliverable subcategory of "
           f"{_sp_label(tables, sp)}, the {y - 2} plan, {y - 2} actual, {y - 1} plan and {y} "
           f"plan. " + "; ".join(f"{label}: " + ", ".join(str(v) for v in values)
                                for label, *values in t[["label"] + ed.measures].itertuples(
                                    index=False)))
    return charts.measure_bars(t, "label", title=title, alt=alt,
                               measures={m: (role, ed.measure_labels[m])
                                         for role, m in zip(ROLES, ed.measures)},
                               source=ed.cite(f"Table {table}"),
                               unit="number (documents, meetings, projects, days, ...)",
                               name=f"{sp}_deliverables_chart")


def subprogramme_label(tables, sp: str) -> str:
    """'Subprogramme 9, component 1', or 'Programme-wide' for the programme as a whole."""
    return _sp_label(tables, sp)


def _sp_label(tables, sp):
    row = _sp_row(tables, sp)
    if sp == PROGRAMME_ID:
        return "Programme-wide"
    return f"Subprogramme {row['number']}" + (
        f", component {row['component']}" if pd.notna(row["component"]) else "")


def narrative_table(tables, sp: str) -> pd.DataFrame:
    """The narrative deliverables (categories C to E) of a subprogramme."""
    n = tables["deliverables_narrative"]
    n = n[n["subprogramme"] == sp]
    return pd.DataFrame({
        "category": n["category"],
        "subcategory": n["subcategory_en"].fillna("(no label printed)"),
        "deliverable": n["text_en"],
    }).reset_index(drop=True)


def result_title(tables, sp: str, result: int) -> Note:
    """A result's title, Chinese beside English, with its paragraph and measure."""
    r = tables["results"]
    row = r[(r["subprogramme"] == sp) & (r["result"] == result)].iloc[0]
    kind = (f"{edition_of(tables).performance_year} performance highlight" if result == 0
            else f"Result {result}")
    return Note(f"<p><strong>{_e(kind)}: {_e(row['title_en'])}</strong><br/>"
                f"<span lang=\"zh\">{_e(row['title_zh'])}</span><br/><small>From paragraph "
                f"{_e(row['first_paragraph'])}; performance measure: {_e(row['measure'])}</small></p>",
                f"{kind}: {row['title_en']} (from {row['first_paragraph']}; {row['measure']})")


def measure_view(tables, sp: str, result: int):
    """The performance measure of a result: a timeline (text table) or what the text states
    of a figure, with every unstated year marked as such."""
    r = tables["results"]
    measure = r[(r["subprogramme"] == sp) & (r["result"] == result)]["measure"].iloc[0]
    kind, number = measure.split(" ")
    if kind == "Table":
        pm = tables["performance_measures"]
        pm = pm[pm["table"] == number].sort_values(["row", "year"])
        return pd.DataFrame({
            "year": pm["year"], "status": pm["status"], "row": pm["row"],
            "statement": pm["text_en"].fillna("(cell empty in the source)"),
        }).reset_index(drop=True)
    return figure_values(tables, number)


def result_block(tables, sp: str, result: int) -> Note:
    """A result as a chapter shows it: title, what its measure is, and the measure itself."""
    parts = [result_title(tables, sp, result), figure_caption(tables, sp, result),
             table(measure_view(tables, sp, result))]
    return Note("".join(p.html for p in parts), "\n".join(p.text for p in parts),
                parts[-1].data)


def figure_values(tables, figure: str) -> pd.DataFrame:
    """Every year a figure may show (Y-4 to Y): the values its paragraphs state, else
    'not stated' (never a value the text does not give)."""
    ed = edition_of(tables)
    f = tables["figures"]
    fig = f[f["figure"] == figure].iloc[0]
    t = tables["targets"]
    stated = t[t["figure"] == figure]
    rows = []
    for year in ed.years:
        of_year = stated[stated["year"] == year]
        if len(of_year):
            for s in of_year.itertuples():
                rows.append({"year": year, "series": s.indicator_en,
                             "value stated": _num(s.actual, s.unit),
                             "target stated": _num(s.target, s.unit),
                             "cited in": f"paragraph {s.paragraph}"})
        else:
            rows.append({"year": year, "series": "", "value stated": NOT_STATED,
                         "target stated": NOT_STATED if year >= ed.performance_year else "",
                         "cited in": ""})
    out = pd.DataFrame(rows)
    out.attrs["title"] = f"Figure {figure}: {fig['title_en']}"
    return out


def _num(value, unit):
    if value is None or pd.isna(value):
        return NOT_STATED
    v = float(value)
    text = f"{v:,.0f}" if v == int(v) else f"{v:,}"
    return f"{text} {unit}" if isinstance(unit, str) else text


def figure_caption(tables, sp: str, result: int) -> Note:
    """What a result's measure is: a text table read by year, or a figure without values."""
    ed = edition_of(tables)
    r = tables["results"]
    measure = r[(r["subprogramme"] == sp) & (r["result"] == result)]["measure"].iloc[0]
    kind, number = measure.split(" ")
    if kind == "Table":
        text = (f"Table {number} is a text table; each cell is one statement, read by year "
                f"(actual for past years, planned for {ed.current_year} and "
                f"{ed.budget_year}).")
    else:
        f = tables["figures"]
        fig = f[f["figure"] == number].iloc[0]
        basis = "" if pd.isna(fig["basis"]) else f" ({fig['basis'].replace('_', ' ')})"
        text = (f"Figure {number}{basis}: {fig['title_en']}. The source text prints the figure "
                f"without its bar values; the table below shows only what the paragraphs state.")
    return Note(f"<p><em>{_e(text)}</em></p>", text)


def _target_years(tables, t) -> tuple[str, str]:
    """Column labels for the actual and target: with the year when all rows share it."""
    years = set(t["year"])
    year = years.pop() if len(years) == 1 else edition_of(tables).performance_year
    return f"{year} actual", f"{year} target"


def targets_table(tables, sp: str) -> pd.DataFrame:
    """Each numeric statement of a target paragraph: actual, target, attainment, and the
    status the text states beside the status the numbers imply."""
    t = indicators.target_attainment(tables["targets"])
    t = t[t["subprogramme"] == sp]
    actual_label, target_label = _target_years(tables, tables["targets"])
    mixed = tables["targets"]["year"].nunique() > 1
    return pd.DataFrame({
        "result": t["result"], "paragraph": t["paragraph"], "indicator": t["indicator_en"],
        **({"year": t["year"]} if mixed else {}),
        actual_label: [_num(a, u) for a, u in zip(t["actual"], t["unit"])],
        target_label: [_num(a, u) for a, u in zip(t["target"], t["unit"])],
        "attainment": [_pct(a) for a in t["attainment"]],
        "status stated": t["status_stated"].fillna("(none)"),
        "status by the numbers": t["status_computed"].fillna("(no target)"),
        "agree": t["status_agrees"].map({True: "yes", False: "NO"}).fillna("—"),
    }).reset_index(drop=True)


def target_chart(tables, sp: str):
    """Actual as a percentage of target, for statements with both; a Note if there are none."""
    ed = edition_of(tables)
    year = ed.performance_year
    t = indicators.target_attainment(tables["targets"])
    t = t[(t["subprogramme"] == sp) & t["attainment"].notna()].copy()
    if t.empty:
        text = f"No {year} target is stated with a number, so no attainment can be computed."
        return Note(f"<p>{_e(text)}</p>", text)
    t["label"] = "R" + t["result"].astype(str) + ": " + t["indicator_en"]
    t["attainment_pct"] = t["attainment"] * 100
    t["note"] = [f"{_num(a, u)} vs target {_num(g, u)}"
                 for a, g, u in zip(t["actual"], t["target"], t["unit"])]
    missed = t[t["attainment"] < 1]
    title = (f"{_sp_label(tables, sp)}: "
             + (f"every {year} target stated with a number was met or exceeded" if missed.empty
                else f"{len(missed)} of {len(t)} numeric {year} targets missed"))
    alt = (f"Horizontal bar chart of {year} actual as a percentage of the {year} target for "
           f"{_sp_label(tables, sp)}, dashed line at 100 percent. "
           + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    paragraphs = ", ".join(dict.fromkeys(t["paragraph"]))
    return charts.hbars(t, "label", "attainment_pct", title=title, alt=alt,
                        source=ed.cite(f"paragraphs {paragraphs}"),
                        xlabel=f"{year} actual as % of {year} target", reference=100,
                        annotate="note", name=f"{sp}_targets_{year}")


def mandates_table(tables, sp: str) -> pd.DataFrame:
    """The mandates a subprogramme lists, with the source's footnote where it prints one."""
    m = tables["mandates"]
    m = m[m["subprogramme"] == sp]
    out = pd.DataFrame({
        "issued by": m["body"].map(BODY_NAMES), "symbol": m["symbol"].fillna(""),
        "title": m["title_en"].fillna(m["title_zh"]).fillna("(no title printed)"),
    })
    if m["footnote_en"].notna().any():
        out["footnote in the source"] = m["footnote_en"].fillna("")
    return out.reset_index(drop=True)


def mandates_summary(tables, sp: str) -> Note:
    """How many mandates a subprogramme lists, by issuing body."""
    m = tables["mandates"]
    counts = indicators.mandates_by_body(m[m["subprogramme"] == sp], by=("body",))
    if counts.empty:
        text = ("The source lists no legislative mandates specific to this subprogramme; "
                "the programme-wide list applies.")
    else:
        parts = [f"{BODY_NAMES[b]}: {n}" for b, n in zip(counts["body"], counts["mandates"])]
        text = f"{int(counts['mandates'].sum())} mandates listed. " + "; ".join(parts) + "."
    return Note(f"<p>{_e(text)}</p>", text)


def chapter_findings(tables, sp: str) -> Note:
    """The source-audit box of a chapter: the listed irregularities concerning it."""
    issues = tables.get("source_issues")
    if issues is None:
        return Note("", "")
    mine = issues[issues["subprogramme"] == sp]
    if mine.empty:
        text = "Source audit: no irregularity found in this chapter's part of the source."
        return Note(f'<div class="admonition note"><p>{_e(text)}</p></div>', text)
    items = "".join(f"<li><strong>{_e(r.issue_id)}</strong> ({_e(r.location)}, "
                    f"{_e(r.category.replace('_', ' '))}): {_e(r.description_en)}</li>"
                    for r in mine.itertuples())
    text = "\n".join(f"{r.issue_id} ({r.location}): {r.description_en}" for r in mine.itertuples())
    return Note(f'<div class="admonition warning"><p class="admonition-title">Source audit: '
                f'{len(mine)} finding(s) in this chapter</p><ul>{items}</ul>'
                f'<p>All findings: <a href="../book/source_audit.html">Source audit</a>.</p></div>',
                "Source audit findings:\n" + text)


def save_outputs(output_dir, sp: str, frames: dict, chart_list: list) -> list[Path]:
    """Write the derived tables (CSV) and charts (PNG, SVG, CSV) of one notebook."""
    if output_dir is None:
        return []
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in frames.items():
        path = out / f"{sp}_{name}.csv"
        df.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    for chart in chart_list:
        if isinstance(chart, charts.Chart):
            written += chart.save(out)
    return written


# ---- the programme overview: comparisons across subprogrammes -------------------------

def _chapter_labels(tables):
    subs = tables["subprogrammes"]
    return {r.id: _sp_label(tables, r.id) for r in subs.itertuples()}


def deliverables_by_category(tables) -> pd.DataFrame:
    """Totals (sums of the items) per subprogramme and subcategory (units differ between
    subcategories, so they are shown side by side, never summed across subcategories)."""
    t = _item_totals(tables)
    labels = _chapter_labels(tables)
    out = t.assign(subprogramme=t["subprogramme"].map(labels),
                   subcategory=t["category"] + ". " + t["subcategory_en"])
    plan = edition_of(tables).measure("budget_plan")
    pivot = out.pivot_table(index="subcategory", columns="subprogramme", values=plan,
                            aggfunc="sum", sort=False)
    order = [labels[s] for s in tables["subprogrammes"]["id"] if labels[s] in pivot.columns]
    return pivot[order].astype("Int64").reset_index()


def _by_subprogramme(tables):
    t = indicators.subprogramme_totals(_item_totals(tables), edition_of(tables).measures,
                                       by=("subprogramme",))
    t["label"] = t["subprogramme"].map(_chapter_labels(tables))
    return t


def overview_delivery_chart(tables) -> charts.Chart:
    """Delivery rate per subprogramme, summed over its quantified deliverables."""
    ed = edition_of(tables)
    plan, actual, year = ed.measure("prior_plan"), ed.measure("prior_actual"), ed.performance_year
    t = indicators.delivery_rate(_by_subprogramme(tables), plan, actual)
    t["delivery_rate_pct"] = t["delivery_rate"] * 100
    t["note"] = [f"{a} of {p}" for a, p in zip(t[actual], t[plan])]
    lowest = t.sort_values("delivery_rate").iloc[0]
    over = int((t["delivery_rate"] >= 1).sum())
    title = (f"{over} of {len(t)} delivered at least their {year} plan; lowest: "
             f"{lowest['label']} at {lowest['delivery_rate']:.0%}")
    alt = (f"Horizontal bar chart of the {year} delivery rate (actual as a percentage of plan, "
           f"summed over all quantified deliverables) for each subprogramme, dashed line at 100 "
           f"percent. " + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    deliverable_tables = ", ".join(dict.fromkeys(tables["deliverable_totals"]["table"]))
    return charts.hbars(t, "label", "delivery_rate_pct", title=title, alt=alt,
                        source=ed.cite(f"Tables {deliverable_tables} (sums of the line "
                                       f"items)"),
                        xlabel=f"{year} actual as % of {year} plan (all quantified deliverables)",
                        reference=100, annotate="note", name=f"overview_delivery_{year}")


def overview_change_chart(tables) -> charts.Chart:
    """Change per subprogramme from the current year's plan to the budget year's."""
    ed = edition_of(tables)
    base, new = ed.measure("current_plan"), ed.measure("budget_plan")
    y0, y1 = ed.current_year, ed.budget_year
    t = indicators.plan_change(_by_subprogramme(tables), base, new)
    t["note"] = [f"{b} → {n}" for b, n in zip(t[base], t[new])]
    biggest = t.sort_values("change_pct", ascending=False).iloc[0]
    title = (f"Planned {y1} output rises most for {biggest['label']} "
             f"({biggest['change_pct']:+.0f}% on {y0})")
    alt = (f"Horizontal bar chart of the percentage change from the {y0} plan to the {y1} plan, "
           f"summed over all quantified deliverables, per subprogramme. "
           + "; ".join(f"{r.label}: {r.note}" for r in t.itertuples()))
    return charts.hbars(t, "label", "change_pct", title=title, alt=alt,
                        source=ed.cite("deliverables tables (sums of the line items)"),
                        xlabel=f"change from {y0} plan to {y1} plan (% of {y0} plan)",
                        reference=0, annotate="note", name=f"overview_change_{y0}_{y1}")


def overview_attainment(tables) -> pd.DataFrame:
    """Per subprogramme: how the numeric target statements compare with their targets."""
    s = indicators.attainment_summary(tables["targets"])
    s["subprogramme"] = s["subprogramme"].map(_chapter_labels(tables))
    return s.rename(columns={"statements": "numeric statements", "with_target": "with a target",
                             "not_met": "not met", "status_disagrees": "status word disagrees"})


def overview_mandates(tables) -> pd.DataFrame:
    """Mandates listed per issuing body and subprogramme (a pivot table)."""
    m = indicators.mandates_by_body(tables["mandates"])
    m["subprogramme"] = m["subprogramme"].map(_chapter_labels(tables))
    m["body"] = m["body"].map(BODY_NAMES)
    pivot = m.pivot_table(index="body", columns="subprogramme", values="mandates",
                          aggfunc="sum", fill_value=0, sort=False)
    return pivot.astype("int64").reset_index()


def overview_mandates_chart(tables) -> charts.Chart:
    """Mandates listed per issuing body, all subprogrammes together."""
    m = indicators.mandates_by_body(tables["mandates"], by=("body",))
    m["label"] = m["body"].map(BODY_NAMES)
    m = m.sort_values("mandates", ascending=False)
    top = m.iloc[0]
    title = f"{top['label']} issued the most listed mandates ({top['mandates']} of {m['mandates'].sum()})"
    alt = ("Horizontal bar chart of the number of legislative mandates listed, by issuing body, "
           "all subprogrammes together. " + "; ".join(f"{r.label}: {r.mandates}"
                                                      for r in m.itertuples()))
    return charts.hbars(m, "label", "mandates", title=title, alt=alt,
                        source=edition_of(tables).cite(
                            "legislative mandates (the programme-wide and subprogramme lists)"),
                        xlabel="mandates listed (number)", colour_by=None, name="overview_mandates")


def audit_by_category(tables) -> Note:
    """The source audit chapter: every listed finding, grouped by category, linked to its
    chapter (pages are siblings under the site root: book/ and notebooks/)."""
    issues = tables["source_issues"]
    labels = _chapter_labels(tables)
    parts_html, parts_text = [], []
    for category, group in issues.groupby("category", sort=False):
        title = category.replace("_", " ").capitalize()
        parts_html.append(f"<h3>{_e(title)} ({len(group)})</h3><ul>")
        parts_text.append(f"{title} ({len(group)})")
        for r in group.itertuples():
            if isinstance(r.subprogramme, str):
                link = (f'<a href="../notebooks/{NOTEBOOKS[r.subprogramme]}.html">'
                        f"{_e(labels[r.subprogramme])}</a>")
            else:
                link = "whole document"
            how = "computed check" if r.found_by == "computed" else "found by reading"
            parts_html.append(
                f"<li><strong>{_e(r.issue_id)}</strong>, {_e(r.location)} (line {r.raw_line} of "
                f"data/raw; {link}; {how}): {_e(r.description_en)}<br/>"
                f"<span lang=\"zh\">{_e(r.source_wording_zh)}</span><br/>"
                f"<em>What the book does:</em> {_e(r.book_action)}</li>")
            parts_text.append(f"  {r.issue_id} {r.location}: {r.description_en}")
        parts_html.append("</ul>")
    return Note("".join(parts_html), "\n".join(parts_text))


def audit_counts(tables) -> pd.DataFrame:
    """Source-audit findings per category, by how each was found."""
    issues = tables["source_issues"]
    counts = issues.groupby(["category", "found_by"]).size().unstack(fill_value=0)
    counts.columns.name = None
    return counts.reset_index()


def data_dictionary(descriptor: dict, data_dir) -> Note:
    """One table per resource of a Data Package descriptor, with its row count."""
    from pathlib import Path
    parts_html, parts_text = [], []
    for res in descriptor["resources"]:
        schema_ = res["schema"]
        path = Path(data_dir) / res["path"]
        n_rows = max(0, len(path.read_text(encoding="utf-8").splitlines()) - 1)
        parts_html.append(f"<h3><code>{_e(res['path'])}</code>: {_e(res['title'])}</h3>"
                          f"<p>{n_rows} rows; one row per key "
                          f"({_e(', '.join(schema_['primaryKey']))})"
                          + (f"; <code>subprogramme</code> refers to <code>subprogrammes.csv</code>"
                             if schema_.get("foreignKeys") else "") + ".</p>")
        rows = []
        for f in schema_["fields"]:
            cons = f.get("constraints", {})
            rule = []
            if cons.get("required"):
                rule.append("required")
            if "enum" in cons:
                rule.append("one of: " + ", ".join(map(str, cons["enum"])))
            if "pattern" in cons:
                rule.append(f"pattern {cons['pattern']}")
            if "minimum" in cons:
                rule.append(f"≥ {cons['minimum']}")
            if "maximum" in cons:
                rule.append(f"≤ {cons['maximum']}")
            rows.append({"column": f["name"], "type": f["type"], "rules": "; ".join(rule),
                         "meaning": f["description"]})
        parts_html.append(pd.DataFrame(rows).to_html(index=False, escape=True, border=0,
                                                      classes="table"))
        parts_text.append(f"{res['path']}: {n_rows} rows, columns "
                          + ", ".join(f["name"] for f in schema_["fields"]))
    return Note("".join(parts_html), "\n".join(parts_text))
