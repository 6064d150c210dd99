"""Loading and validation of the shared CSVs against the data contract.

``load("deliverables")`` returns a validated DataFrame with proper dtypes.
Anything wrong with a file raises one :class:`DataError` naming the file,
the line, the column and the rule broken. Files are only ever read.
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pandas as pd

from . import schema
from .edition import Edition, edition_of

from .config import DEFAULT_DATA_DIR, PROJECT_ROOT  # noqa: E402,F401  (re-exported)
from .inputs import key_column  # noqa: E402


class DataError(ValueError):
    """A data file breaks the data contract."""

    def __init__(self, file, rule, line=None, column=None, value=None):
        self.file, self.rule, self.line, self.column, self.value = file, rule, line, column, value
        where = str(file)
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        msg = f"{where}: {rule}"
        if value is not None:
            msg += f" (found {value!r})"
        super().__init__(msg)


def data_dir(path=None) -> Path:
    """The data directory: the argument, else $BUDGETBOOK_DATA_DIR, else the project's data/."""
    if path is None:
        path = os.environ.get("BUDGETBOOK_DATA_DIR") or DEFAULT_DATA_DIR
    return Path(path)


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(path, "file starts with a UTF-8 byte-order mark (BOM); "
                              "save it as UTF-8 without BOM", line=1)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(path, "file is not valid UTF-8 (is it GBK or another legacy "
                              "encoding?); save it as UTF-8", line=line) from None


_INT = re.compile(r"^-?[0-9]+$")
_NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
# More digits than this cannot be within any bound of the contract; checked before int()
# so a huge value gives the usual message, not Python's own conversion error.
_MAX_DIGITS = len(str(schema.MAX_STATED_NUMBER))


def _check_value(path, line, field, value):
    """Return the parsed value, or raise DataError naming the rule broken."""
    name, ftype = field["name"], field["type"]
    cons = field.get("constraints", {})
    if value == "":
        if cons.get("required"):
            raise DataError(path, "required value is missing", line, name)
        return None
    if ftype in ("integer", "number"):
        if not (_INT if ftype == "integer" else _NUM).match(value):
            rule = "must be a whole number (integer)" if ftype == "integer" else "must be a number"
            raise DataError(path, rule, line, name, value)
        if len(value.lstrip("-").split(".")[0].lstrip("0")) > _MAX_DIGITS:
            raise DataError(path, f"must be at most {cons.get('maximum', schema.MAX_COUNT)}",
                            line, name, value)
        parsed = int(value) if ftype == "integer" else float(value)
    else:
        parsed = value
        if value != value.strip():
            raise DataError(path, "has leading or trailing whitespace", line, name, value)
    if "minimum" in cons and parsed < cons["minimum"]:
        raise DataError(path, f"must be at least {cons['minimum']}", line, name, value)
    if "maximum" in cons and parsed > cons["maximum"]:
        raise DataError(path, f"must be at most {cons['maximum']}", line, name, value)
    if "enum" in cons and parsed not in cons["enum"]:
        allowed = ", ".join(map(str, cons["enum"]))
        raise DataError(path, f"must be one of: {allowed}", line, name, value)
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        raise DataError(path, f"must match the pattern {cons['pattern']}", line, name, value)
    return parsed


def read_edition(directory=None) -> Edition:
    """The edition a data directory describes (its edition.csv, one row)."""
    df = read_resource("edition", directory)
    if len(df) != 1:
        raise DataError(data_dir(directory) / "edition.csv",
                        f"must hold exactly one row (the edition); it holds {len(df)}",
                        df.attrs["lines"][1] if len(df) > 1 else 2)
    return edition_of({"edition": df})


def read_resource(name: str, directory=None, edition: Edition | None = None) -> pd.DataFrame:
    """Read and validate one CSV of the contract (foreign keys not checked). Its columns
    follow from the edition (read from the directory's edition.csv unless given)."""
    if name not in schema.RESOURCE_NAMES:
        known = ", ".join(schema.RESOURCE_NAMES)
        raise KeyError(f"unknown table {name!r}; the data contract has: {known}")
    if name == "edition":
        resource = {"fields": schema.edition_fields(), "primaryKey": ["symbol"]}
    else:
        edition = edition or read_edition(directory)
        resource = schema.resources(edition)[name]
    directory = data_dir(directory)
    if not directory.is_dir():
        raise DataError(directory, "the data directory does not exist"
                        if not directory.exists() else "is not a directory")
    path = directory / f"{name}.csv"
    if not path.is_file():
        raise DataError(path, "file is missing")
    text = _decode(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(path, "file is empty (no header row)", line=1) from None
    fields = resource["fields"]
    for field in fields:
        if field["name"] not in header:
            rule = "required column is missing from the header"
            if edition is not None and field["name"] in edition.measures:
                rule += (f"; edition.csv gives budget year {edition.budget_year}, so the "
                         f"measure columns are {', '.join(edition.measures)}")
            raise DataError(path, rule, 1, field["name"])
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise DataError(path, "column appears twice in the header", 1, dup)
    names = [f["name"] for f in fields]
    for column in header:
        if column not in names:
            # an unknown column is refused, not ignored: it may be a misspelt contract column
            raise DataError(path, f"column is not in the data contract; {name}.csv has the "
                                  f"columns {', '.join(names)}", 1, column)
    index = {h: i for i, h in enumerate(header)}
    key = resource["primaryKey"]
    seen_keys: dict[tuple, int] = {}
    records = []
    for row in reader:
        line = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            raise DataError(path, f"row has {len(row)} fields, the header has {len(header)}", line)
        record = {f["name"]: _check_value(path, line, f, row[index[f["name"]]]) for f in fields}
        k = tuple(record[c] for c in key)
        if k in seen_keys:
            raise DataError(path, f"duplicate key {dict(zip(key, k))} (first on line "
                                  f"{seen_keys[k]})", line, key[-1])
        seen_keys[k] = line
        record["_line"] = line
        records.append(record)
    if not records and name in schema.REQUIRED_NONEMPTY:
        raise DataError(path, "has a header but no data rows; the book needs this table", 2)
    if name == "stated_numbers":
        _check_printed_values(path, records)
    return _frame(records, fields)


def _check_printed_values(path, records):
    """Each stated number's value is the number as printed ('10 500' is 10500, '两' is 2)."""
    from .source import printed_value
    for r in records:
        try:
            expected = printed_value(r["printed"])
        except ValueError:
            raise DataError(path, "must be a number as printed: digits, or a Chinese numeral "
                                  "below 100 such as 两, 七, 十四 or 三十", r["_line"], "printed",
                            r["printed"]) from None
        if r["value"] != expected:
            raise DataError(path, f"must be the value of the number printed, "
                                  f"'{r['printed']}' = {expected:g}", r["_line"], "value",
                            f"{r['value']:g}")


def _frame(records, fields) -> pd.DataFrame:
    columns = [f["name"] for f in fields]
    df = pd.DataFrame.from_records(records, columns=columns + ["_line"])
    for f in fields:
        col = f["name"]
        required = f.get("constraints", {}).get("required", False)
        if f["type"] == "integer":
            df[col] = df[col].astype("int64" if required else "Int64")
        elif f["type"] == "number":
            df[col] = df[col].astype("Float64")
        else:
            df[col] = df[col].astype("string")
    # The CSV line of each row, so later checks (and readers) can point at it.
    df.attrs["lines"] = df.pop("_line").tolist()
    return df


def load(name: str, directory=None) -> pd.DataFrame:
    """Load one table, validated against its schema and its foreign keys."""
    edition = None if name == "edition" else read_edition(directory)
    df = read_resource(name, directory, edition)
    if name not in ("edition", "subprogrammes"):
        ids = set(read_resource("subprogrammes", directory, edition)["id"])
        _check_foreign_keys(name, df, ids, data_dir(directory))
    return df


def _check_foreign_keys(name, df, ids, directory):
    if "subprogramme" in df.columns:
        col = "subprogramme"
        for value, line in zip(df[col], df.attrs["lines"]):
            if value is not pd.NA and value not in ids:
                raise DataError(directory / f"{name}.csv",
                                "refers to a subprogramme that subprogrammes.csv does not list",
                                line, col, value)


def chapter_tables(tables: dict[str, pd.DataFrame], sp: str) -> dict[str, pd.DataFrame]:
    """The rows chapter ``sp`` reads: in every table keyed by subprogramme, the rows that
    are not another chapter's (its own and the programme-wide ones); other tables whole.

    The same rule as :func:`budgetbook.inputs.chapter_rows`, on which the build keys the
    chapter's cached result: a chapter that never sees another chapter's rows cannot show
    a stale number when only those rows change."""
    others = set(tables["subprogrammes"]["id"]) - {sp, schema.PROGRAMME_ID}
    out = {}
    for name, df in tables.items():
        key = key_column(f"{name}.csv", df.columns)
        if key is None:
            out[name] = df
            continue
        keep = (~df[key].isin(others)).fillna(True).to_numpy(dtype=bool)
        sliced = df[keep].copy()
        sliced.attrs = {**df.attrs, "lines": [n for n, k in zip(df.attrs.get("lines", []), keep)
                                              if k]}
        out[name] = sliced
    return out


def load_all_from_snapshot(snapshot, source) -> dict[str, pd.DataFrame]:
    """:func:`load_all` on a snapshot of the directory ``source``; a :class:`DataError`
    names the user's file in ``source``, not its copy in the snapshot."""
    snapshot, source = Path(snapshot), Path(source)
    try:
        return load_all(snapshot)
    except DataError as exc:
        where = source / Path(exc.file).name if Path(exc.file).parent == snapshot else source
        raise DataError(where, exc.rule, exc.line, exc.column, exc.value) from None


def load_all(directory=None) -> dict[str, pd.DataFrame]:
    """Load and validate every table of the contract; raises on the first problem.

    The dict holds one DataFrame per file, ``edition`` included (one row; see
    :func:`budgetbook.edition.edition_of`)."""
    edition = read_edition(directory)
    tables = {"edition": read_resource("edition", directory),
              "subprogrammes": read_resource("subprogrammes", directory, edition)}
    ids = set(tables["subprogrammes"]["id"])
    if schema.PROGRAMME_ID not in ids:
        raise DataError(data_dir(directory) / "subprogrammes.csv",
                        f"must list the programme as a whole, with the id "
                        f"'{schema.PROGRAMME_ID}'", 2, "id")
    for name in schema.RESOURCE_NAMES:
        if name in ("edition", "subprogrammes"):
            continue
        tables[name] = read_resource(name, directory, edition)
        _check_foreign_keys(name, tables[name], ids, data_dir(directory))
    _check_references(tables, data_dir(directory))
    return tables


_SUBCATEGORY = ["table", "subprogramme", "category", "subcategory_zh", "subcategory_en"]


def _check_references(tables, directory):
    """Rows that point into another table must find what they point at, so that no page
    reports a gap in the data as a fault of the source (or fails with a bare IndexError)."""
    def first_missing(name, keys, known, column, rule):
        for key, line in zip(keys, tables[name].attrs["lines"]):
            if key is not None and key not in known:
                raise DataError(directory / f"{name}.csv", rule, line, column,
                                key if isinstance(key, str) else None)

    items, totals = tables["deliverables"], tables["deliverable_totals"]
    item_keys = list(items[_SUBCATEGORY].itertuples(index=False, name=None))
    total_keys = list(totals[_SUBCATEGORY].itertuples(index=False, name=None))
    first_missing("deliverable_totals", total_keys, set(item_keys), "subcategory_zh",
                  "no line item in deliverables.csv has this table, subprogramme, category "
                  "and subcategory (zh and en): a printed total needs its items")
    first_missing("deliverables", item_keys, set(total_keys), "subcategory_zh",
                  "no row of deliverable_totals.csv has this table, subprogramme, category "
                  "and subcategory (zh and en): the items need their printed total")
    if "deliverable_timing" in tables:
        timing = tables["deliverable_timing"]
        known = {f"{t} item {n} ({sp})" for t, n, sp in
                 zip(items["table"], items["item_no"], items["subprogramme"])}
        first_missing("deliverable_timing",
                      [f"{t} item {n} ({sp})" for t, n, sp in
                       zip(timing["table"], timing["item_no"], timing["subprogramme"])],
                      known, "item_no",
                      "no line item in deliverables.csv has this table, item number and "
                      "subprogramme: a timing mark needs its item")
    from .source import roman_to_int
    for figure, number, line in zip(tables["figures"]["figure"], tables["figures"]["number"],
                                    tables["figures"].attrs["lines"]):
        if roman_to_int(figure.split(".")[1]) != number:
            raise DataError(directory / "figures.csv", f"must be the number of figure {figure}, "
                            f"{roman_to_int(figure.split('.')[1])}", line, "number", str(number))
    figures = {f"Figure {f}" for f in tables["figures"]["figure"]}
    text_tables = {f"Table {t}" for t in tables["performance_measures"]["table"]}
    first_missing("results", list(tables["results"]["measure"]), figures | text_tables,
                  "measure", "names a figure that figures.csv does not list or a table "
                             "that performance_measures.csv does not hold")
    targets = tables["targets"]
    first_missing("targets", [None if pd.isna(f) else f for f in targets["figure"]],
                  set(tables["figures"]["figure"]), "figure",
                  "names a figure that figures.csv does not list")
    if "stated_numbers" in tables:
        stated = tables["stated_numbers"]
        first_missing("stated_numbers", [None if pd.isna(m) else m for m in stated["measures"]],
                      figures | text_tables, "measures",
                      "names a figure that figures.csv does not list or a table that "
                      "performance_measures.csv does not hold")
