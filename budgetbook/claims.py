"""The ledger of claims: every number a page states in words, named once.

A view that writes a count into a sentence, a heading, a chart's title or its alt text
records it here with :func:`claim`: a **name** (``sp3.items_with_plan``: the same name for
the same number wherever a page states it) and the **population** it counts, in words
("line items of sp3 with a plan above nil in the performance year"). Each notebook ends with
:func:`ledger_block`, an invisible block holding its page's claims; the build collects
every page's into ``claims.csv`` (name, value, population, page, edition) in the site, and
:func:`problems` finds the contradictions: one name with two values, or one population
counted two ways. A page's first cell starts its ledger (:func:`begin`); the kernel is
fresh for every notebook, so the ledger is the page's own.
"""
from __future__ import annotations

import json

import pandas as pd

_LEDGER: dict[str, dict] = {}
# Whether a page is recording (begin): a view called outside a page (a test, an analyst's
# session) states its numbers without keeping a ledger.
_RECORDING = False
# The columns of claims.csv, in order.
COLUMNS = ["name", "value", "population", "page", "edition"]


def claim(name: str, value, population: str):
    """Record that the page states ``value`` for ``name`` (counting ``population``) and
    return ``value``, so a sentence writes the number it records. A page that states one
    name with two values fails here, at once, naming both."""
    value = value.item() if hasattr(value, "item") else value  # numpy -> Python number
    if not _RECORDING:
        return value
    old = _LEDGER.get(name)
    if old is not None and old["value"] != value:
        raise ValueError(f"claim {name!r} stated twice on this page with two values: "
                         f"{old['value']!r} and {value!r}")
    if old is not None and old["population"] != population:
        raise ValueError(f"claim {name!r} counts two populations: {old['population']!r} "
                         f"and {population!r}")
    _LEDGER[name] = {"name": name, "value": value, "population": population}
    return value


def recorded() -> pd.DataFrame:
    """The claims the page has recorded so far (name, value, population), in order."""
    return pd.DataFrame(list(_LEDGER.values()), columns=COLUMNS[:3])


def begin() -> None:
    """Start the page's ledger, empty: every claim from now on is recorded (a notebook's
    first cell calls it; the kernel is the page's own)."""
    global _RECORDING
    _LEDGER.clear()
    _RECORDING = True


def end() -> None:
    """Stop recording and forget the claims (a test, after its page)."""
    global _RECORDING
    _LEDGER.clear()
    _RECORDING = False


# The block's marker: the build finds a page's claims by it (budgetbook.sphinx_ext).
MARKER = "budgetbook-claims"


def ledger_block():
    """The page's claims as a block the reader does not see (a JSON script element) and the
    build collects; its plain text, what nbval compares, lists them one per line."""
    from .render import Note
    rows = list(_LEDGER.values())
    payload = json.dumps(rows, ensure_ascii=False, sort_keys=True)
    # '</' cannot end the script early: JSON allows '<\/'
    payload = payload.replace("</", "<\\/")
    text = "\n".join(f"{r['name']} = {r['value']}" for r in rows)
    return Note(f'<script type="application/json" class="{MARKER}">{payload}</script>',
                f"{len(rows)} claims\n{text}" if rows else "0 claims")


def read_block(markup: str) -> list[dict] | None:
    """The claims a page's block holds (the HTML of :func:`ledger_block`), or ``None``
    when ``markup`` is not one."""
    start = markup.find(f'class="{MARKER}">')
    if start < 0:
        return None
    return json.loads(markup[start + len(f'class="{MARKER}">'):markup.rindex("</script>")])


def problems(ledger: pd.DataFrame) -> list[str]:
    """The contradictions in a ledger (``COLUMNS``: every page's claims, of one edition or
    of both): a name stated with two values, a population counted with two values, and
    one name counting two populations. Each problem names the pages."""
    out = []
    if ledger.empty:
        return out

    def where(rows):
        return "; ".join(f"{v} on {p}" + (f" ({e})" if isinstance(e, str) and e else "")
                         for v, p, e in rows[["value", "page", "edition"]]
                         .drop_duplicates().itertuples(index=False))
    values = ledger.assign(value=ledger["value"].astype(str))
    for name, rows in values.groupby("name", sort=True):
        if rows["value"].nunique() > 1:
            out.append(f"claim {name!r} has two values: {where(rows)}")
        if rows["population"].nunique() > 1:
            out.append(f"claim {name!r} counts two populations: "
                       + " / ".join(sorted(rows["population"].unique())))
    for population, rows in values.groupby("population", sort=True):
        if rows["value"].nunique() > 1 and rows["name"].nunique() > 1:
            out.append(f"two claims count {population!r} differently: "
                       + "; ".join(f"{n} = {v} on {p}" for n, v, p in
                                   rows[["name", "value", "page"]].drop_duplicates()
                                   .itertuples(index=False)))
    return out
