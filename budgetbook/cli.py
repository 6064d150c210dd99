"""The command line: ``python -m budgetbook <command>``.

Commands:
  validate     check a data directory against the data contract
  datapackage  print (or --check) the Frictionless descriptor data/datapackage.json
  run          execute notebooks with papermill and collect their outputs
  refresh      re-execute the notebooks in place (the outputs nbval compares)
  chapters     regenerate the chapter notebooks from notebooks/_chapter_template.py
  bench        measure build and run times, as ratios from one run
  editions     write the Chinese edition's configuration and table of contents
  build        build both editions of the book (English and Chinese)
  translations list the Chinese translations missing or older than their English
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import schema
from .loading import DEFAULT_DATA_DIR, DataError, load_all, read_edition


def _cmd_validate(args) -> int:
    try:
        tables = load_all(args.data_dir)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    width = max(len(name) for name in tables) + len(".csv")
    for name, df in tables.items():
        print(f"{name + '.csv':{width}} {len(df):5d} rows  ok")
    return 0


def _cmd_datapackage(args) -> int:
    try:
        text = schema.datapackage_json(read_edition(args.data_dir))
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    target = Path(args.data_dir or DEFAULT_DATA_DIR) / "datapackage.json"
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"error: {target} differs from budgetbook/schema.py; regenerate it with "
                  f"'python -m budgetbook datapackage > {target}'", file=sys.stderr)
            return 1
        print(f"{target} matches budgetbook/schema.py")
        return 0
    sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m budgetbook``."""
    parser = argparse.ArgumentParser(prog="python -m budgetbook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a data directory against the data contract")
    p.add_argument("--data-dir", help="directory holding the CSVs (default: data/)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("datapackage", help="print the Frictionless descriptor")
    p.add_argument("--data-dir", help="directory holding datapackage.json (default: data/)")
    p.add_argument("--check", action="store_true",
                   help="exit 1 if the committed descriptor differs from the schema")
    p.set_defaults(func=_cmd_datapackage)

    from . import bench, chapters, editions, runner, translations
    runner.add_run_parser(sub)
    chapters.add_chapters_parser(sub)
    bench.add_bench_parser(sub)
    editions.add_editions_parsers(sub)
    translations.add_translations_parser(sub)
    return parser


def main(argv=None) -> int:
    """Run one command; returns its exit status."""
    args = build_parser().parse_args(argv)
    return args.func(args)
