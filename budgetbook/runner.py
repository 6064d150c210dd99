"""Batch runs of the chapter notebooks with papermill.

``python -m budgetbook run --all --output-dir out`` validates the data
directory, executes the chosen notebooks (in parallel with ``--jobs``) and
writes, per subprogramme, the executed notebook, the derived tables (CSV) and
every chart (PNG, SVG and the CSV behind it), plus ``index.csv`` listing what
was written. Each notebook's outputs are staged in a temporary folder inside
the output directory and moved into place only when it succeeded, so a failure
never leaves half-overwritten outputs.

``python -m budgetbook refresh`` re-executes the notebooks in place (after
syncing each ``.py`` into its ``.ipynb``) so the stored outputs that nbval
compares are current.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .loading import (DEFAULT_DATA_DIR, PROJECT_ROOT, DataError, data_dir as resolve_data_dir,
                      load_all_from_snapshot, read_resource)
from .inputs import read_data_files, sha256_of, write_data_files

from .config import EDITION_DIRS, NOTEBOOKS_DIR  # noqa: E402
from .language import LANGUAGES  # noqa: E402
from .kernels import KERNEL, KERNEL_ARGS  # noqa: E402
KERNEL_START_ATTEMPTS = 3

def notebook_ids():
    """The ids of the notebooks the table of contents lists."""
    from .views import NOTEBOOKS
    return list(NOTEBOOKS)


@dataclass
class RunResult:
    """The outcome of one notebook's run: status, time, files written, error."""
    subprogramme: str
    ok: bool
    seconds: float
    files: list = field(default_factory=list)
    error: str = ""


class RunError(Exception):
    """A problem found before any notebook starts (bad data, output dir, notebook missing)."""


def _notebook_path(notebooks_dir: Path, sp: str) -> Path:
    from .views import NOTEBOOKS
    path = Path(notebooks_dir) / f"{NOTEBOOKS[sp]}.py"
    if not path.is_file():
        raise RunError(f"notebook for {sp} not found: {path}")
    return path


def _describe_failure(exc) -> str:
    """The notebook's error and the cell it happened in, in a few lines."""
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    count = getattr(exc, "exec_count", None)
    where = f"code cell [{count}]" if count is not None else "a cell"
    lines = (getattr(exc, "source", "") or "").splitlines()
    # IPython's traceback names the failing line of the cell ("Cell In[5], line 12"): show
    # that line and the two before it, else the cell's first lines.
    traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(getattr(exc, "traceback", None) or []))
    at = re.findall(r"Cell In\[\d+\], line (\d+)", traceback)
    if at and 0 < int(at[0]) <= len(lines):
        end = int(at[0])
        source = [f"      {ln}" for ln in lines[max(0, end - 3):end - 1] if ln.strip()]
        source.append(f"  --> {lines[end - 1]}")  # the line that raised
    else:
        source = [f"      {ln}" for ln in lines if ln.strip()][:3]
    text = f"{where} raised {ename}: {evalue}".strip()
    return text + ("\n    in:\n" + "\n".join(source) if source else "")


def _worker_started() -> None:
    """In each worker: end, with the worker, the kernel it launched ahead and never used."""
    import multiprocessing.util

    from .kernels import end_spares

    multiprocessing.util.Finalize(None, end_spares, exitpriority=10)


def execute_one(sp: str, nb_path: str, data_dir: str, staging: str, final_dir: str = "",
                shown_data_dir: str = "", language: str | None = None,
                parameters: dict | None = None) -> RunResult:
    """Execute one notebook into ``staging`` (runs in a worker process), reading the data
    snapshot ``data_dir``; the executed notebook names ``final_dir`` and ``shown_data_dir``
    (the folder it is published to and the data directory the user gave).

    Each notebook runs in a fresh kernel of its own (:func:`budgetbook.kernels.manager`:
    forked from a process that has imported what the notebooks import, so the start costs
    a fraction of a second), started in the notebook's folder: nothing one notebook sets
    (a module's constant, a matplotlib setting, an environment variable, the working
    directory) reaches another run by the same worker. ``parameters``: more papermill
    parameters (a chapter's thresholds, ``shortfall_threshold`` say)."""
    import jupytext
    import papermill

    from .kernels import fresh

    start = time.perf_counter()
    out = Path(staging)
    out.mkdir(parents=True, exist_ok=True)
    nb = jupytext.read(nb_path)
    cwd = str(Path(nb_path).parent)
    error = None
    for attempt in range(KERNEL_START_ATTEMPTS):  # kernels started together can race for ports
        try:
            with fresh(KERNEL, cwd=cwd) as km:
                papermill.execute_notebook(
                    nb, str(out / f"{Path(nb_path).stem}.ipynb"),
                    parameters={"data_dir": data_dir, "output_dir": str(out),
                                # only when asked: a fork's notebook may predate it
                                **({"language": language} if language else {}),
                                **(parameters or {})},
                    kernel_name=KERNEL, km=km, cwd=cwd, progress_bar=False,
                    log_output=False, request_save_on_cell_execute=False,
                    extra_arguments=KERNEL_ARGS)
            error = None
            break
        except RuntimeError as exc:  # the kernel did not start: try again
            error = exc
        except Exception as exc:  # noqa: BLE001  any failure is reported, not raised
            error = exc
            break
    if error is not None:
        return RunResult(sp, False, time.perf_counter() - start, error=_describe_failure(error))
    normalise_executed(out / f"{Path(nb_path).stem}.ipynb",
                       {str(out): final_dir or str(out), data_dir: shown_data_dir or data_dir})
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    return RunResult(sp, True, time.perf_counter() - start, files)


def normalise_executed(path: Path, paths: dict[str, str]) -> None:
    """Make an executed notebook depend on its inputs only: stable cell ids, no run
    times, and the final paths in place of the staging ones. Unchanged data and code then
    give a byte-identical notebook (and the same sha256 in index.csv)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            for old, new in paths.items():
                cell.source = cell.source.replace(old, new)
    meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path",
                "environment_variables", "exception"):
        meta.pop(key, None)
    for key, value in list(meta.get("parameters", {}).items()):
        meta["parameters"][key] = paths.get(value, value)
    nbformat.write(nb, path)


def _protected_dirs(data_dir: Path, notebooks_dir: Path) -> dict[Path, str]:
    """Folders a run must never write into: the data and the project's sources."""
    protected = {data_dir: "the data directory", DEFAULT_DATA_DIR.resolve(): "the project's data",
                 notebooks_dir: "the notebooks folder"}
    for name in ("budgetbook", "notebooks", "book", "tests", ".git", ".ci"):
        protected.setdefault((PROJECT_ROOT / name).resolve(), f"the project's {name}/ folder")
    return protected


def _check_output_dir(output_dir, data_dir: Path, notebooks_dir: Path) -> Path:
    """The resolved output directory, refused when writing there could harm a source."""
    if output_dir is None or not str(output_dir).strip():
        raise RunError("the output directory is empty; give one with --output-dir, e.g. out")
    resolved = Path(output_dir).resolve()
    for folder, what in _protected_dirs(data_dir, notebooks_dir).items():
        if resolved == folder or folder in resolved.parents:
            raise RunError(f"refusing to write into {what} ({folder}): choose an output "
                           f"directory outside it, e.g. --output-dir out")
        if resolved in folder.parents and folder.exists():
            raise RunError(f"refusing to write into {resolved}: it holds {what} ({folder}); "
                           f"choose a folder of its own, e.g. --output-dir out")
    try:
        resolved.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=resolved, prefix=".probe-", delete=True)
        probe.close()
    except OSError as exc:
        raise RunError(f"output directory {resolved} is not writable: {exc.strerror}") from None
    return resolved


def _publish(staging: Path, final: Path) -> None:
    """Swap a finished staging folder into place; the old outputs go only once it is there."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        shutil.rmtree(old)



def environment(data_dir=None):
    """What a build or a run computes with, as a table (item, value): the data directory,
    the sha256 of its files (the CSVs, the descriptor and the source text), the budgetbook
    version, Python's, the environment key every page's cached result is keyed on
    (:func:`budgetbook.inputs.environment_digest`), the chart fonts, every installed
    distribution, and the versions of the packages that shape the numbers and pages."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    import pandas as pd

    from .language import t
    directory = resolve_data_dir(data_dir).resolve()
    from .inputs import environment_digest
    from .language import current
    from .style import font_files

    dists = distributions()
    rows = [(t("data directory", "数据目录"), directory.name),
            (t("data sha256 (CSV, descriptor, source text)",
               "数据的 sha256（CSV 文件、描述文件、原文）"), sha256_of(read_data_files(directory))),
            ("budgetbook", package_version()), ("Python", platform.python_version()),
            (t("environment key (Python, distributions, chart fonts)",
               "环境键（Python、已安装的发行包、图表字体）"), environment_digest(current())),
            (t("chart fonts", "图表字体"), ", ".join(f.name for f in font_files(current()))),
            (t("installed distributions (listed below)", "已安装的发行包（见下表）"),
             str(len(dists)))]
    for name in ("pandas", "matplotlib", "jupyter-book", "myst-nb", "sphinx", "papermill",
                 "jupytext"):
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, t("not installed", "未安装")))
    return pd.DataFrame(rows, columns=[t("item", "项目"), t("value", "值")])


def distributions():
    """Every installed distribution a build or a run computes with (the environment's
    part of each page's key, :func:`budgetbook.inputs.environment`), as a table
    (distribution, version)."""
    import pandas as pd

    from . import inputs
    from .language import current, t

    rows = [name.rsplit("-", 1) if "-" in name else (name, "")
            for name in inputs.environment(current())["distributions"].split("\n") if name]
    return pd.DataFrame(rows, columns=[t("distribution", "发行包"), t("version", "版本")])


def package_version() -> str:
    """The package's version and a hash of its code (the version alone rarely changes)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        number = version("budgetbook")
    except PackageNotFoundError:
        number = "unknown"
    code = {p.name: p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py"))}
    return f"{number}+{sha256_of(code)[:12]}"


PROVENANCE = ".provenance.json"
INDEX_COLUMNS = ["subprogramme", "file", "kind", "bytes", "sha256", "status", "data_dir",
                 "data_sha256", "package_version", "finished_utc"]


def _write_provenance(folder: Path, provenance: dict) -> None:
    (folder / PROVENANCE).write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")


def _write_index(output_dir: Path, statuses: dict[str, str]) -> Path:
    """index.csv: every output of the notebooks' folders, with its provenance and status:
    'current' (written by this run), 'stale: failed in this run' (an earlier run's
    outputs, kept because this run failed) or 'earlier run' (not run this time)."""
    rows = []
    for sp in notebook_ids():
        folder = output_dir / sp
        if not folder.is_dir():
            continue
        try:
            prov = json.loads((folder / PROVENANCE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            prov = {}
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(output_dir)
            if not path.is_file() or any(part.startswith(".") for part in rel.parts):
                continue
            kind = {".ipynb": "executed notebook", ".png": "chart (PNG)", ".svg": "chart (SVG)",
                    ".csv": "derived table"}.get(path.suffix, "other")
            rows.append({"subprogramme": sp, "file": str(rel), "kind": kind,
                         "bytes": path.stat().st_size,
                         "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                         "status": statuses.get(sp, "earlier run"),
                         **{k: prov.get(k, "unknown") for k in INDEX_COLUMNS[6:]}})
    tmp = output_dir / ".index.csv.tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, INDEX_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, output_dir / "index.csv")
    return output_dir / "index.csv"


def run(subprogrammes, data_dir=None, output_dir="out", jobs=1, notebooks_dir=None,
        progress=True, stream=sys.stderr, language: str | None = None,
        parameters: dict | None = None) -> list[RunResult]:
    """Validate, execute and publish; returns one RunResult per notebook.

    ``language`` ('en' or 'zh') is passed to every notebook as its ``language`` parameter
    (labels, tables, charts and sentences in that language; the same numbers); None
    leaves each notebook's own default. ``parameters``: more parameters for every
    notebook (``{"shortfall_threshold": 0.8}``); each notebook checks its own.

    The data directory is read once into a snapshot inside the staging folder, validated
    there, and every notebook reads the snapshot: a CSV edited while the run goes on
    cannot mix two versions of the data into one output folder.
    """
    data_dir = resolve_data_dir(data_dir).resolve()
    if not data_dir.is_dir():
        raise RunError(f"data directory {data_dir} does not exist")
    notebooks_dir = Path(notebooks_dir or NOTEBOOKS_DIR).resolve()
    output_dir = _check_output_dir(output_dir, data_dir, notebooks_dir)
    paths = {sp: _notebook_path(notebooks_dir, sp) for sp in subprogrammes}
    files = read_data_files(data_dir)
    stage_root = Path(tempfile.mkdtemp(dir=output_dir, prefix=".staging-"))
    results = []
    try:
        snapshot = stage_root / ".data"
        snapshot.mkdir()
        write_data_files(snapshot, files)
        try:
            load_all_from_snapshot(snapshot, data_dir)
        except DataError as exc:
            raise RunError(f"invalid data directory: {exc}") from None
        provenance = {"data_dir": str(data_dir), "data_sha256": sha256_of(files),
                      "package_version": package_version()}
        statuses = {}
        # spawn, not fork: a forked worker would share the parent's ZeroMQ state
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=ctx,
                                 initializer=_worker_started) as pool:
            futures = {pool.submit(execute_one, sp, str(paths[sp]), str(snapshot),
                                   str(stage_root / sp), str(output_dir / sp), str(data_dir),
                                   language, parameters): sp
                       for sp in subprogrammes}
            done = as_completed(futures)
            if progress:
                from tqdm import tqdm
                done = tqdm(done, total=len(futures), desc="notebooks", unit="nb", file=stream)
            for fut in done:
                result = fut.result()
                if result.ok:
                    _write_provenance(stage_root / result.subprogramme, {
                        **provenance, "finished_utc": datetime.now(timezone.utc).isoformat(
                            timespec="seconds")})
                    _publish(stage_root / result.subprogramme, output_dir / result.subprogramme)
                    statuses[result.subprogramme] = "current"
                else:
                    statuses[result.subprogramme] = "stale: failed in this run"
                results.append(result)
        _write_index(output_dir, statuses)
    finally:
        shutil.rmtree(stage_root, ignore_errors=True)
    order = {sp: i for i, sp in enumerate(subprogrammes)}
    return sorted(results, key=lambda r: order[r.subprogramme])


def _ids_in_data(data_dir) -> set[str] | None:
    """The subprogramme ids a data directory lists (None if it cannot be read: the run
    then reports the problem)."""
    try:
        return set(read_resource("subprogrammes", data_dir)["id"])
    except DataError:
        return None


def _parameters(pairs) -> dict:
    """``-p NAME VALUE`` pairs as papermill parameters: a value that reads as a number is
    one (papermill's own command line does the same)."""
    out = {}
    for name, value in pairs or ():
        try:
            out[name] = int(value)
        except ValueError:
            try:
                out[name] = float(value)
            except ValueError:
                out[name] = value
    return out


def _cmd_run(args) -> int:
    ids = notebook_ids()
    if args.all:
        # another section lists other subprogrammes: run the notebooks it has data for
        listed = _ids_in_data(args.data_dir)
        if listed is not None and set(ids) - listed:
            skipped = [sp for sp in ids if sp not in listed]
            ids = [sp for sp in ids if sp in listed]
            print(f"note: the data list no subprogramme {', '.join(skipped)}; their notebooks "
                  f"are not run", file=sys.stderr)
    chosen = ids if args.all else list(dict.fromkeys(args.subprogramme or []))
    if not chosen:
        print("error: choose --all or at least one --subprogramme", file=sys.stderr)
        return 2
    unknown = [sp for sp in chosen if sp not in ids]
    if unknown:
        print(f"error: unknown subprogramme {', '.join(unknown)}; choose from: {', '.join(ids)}",
              file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        results = run(chosen, args.data_dir, args.output_dir, args.jobs, args.notebooks_dir,
                      progress=not args.quiet, language=args.language,
                      parameters=_parameters(args.parameter))
    except RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [r for r in results if not r.ok]
    print(f"\n{'notebook':10} {'status':7} {'seconds':>8} files")
    for r in results:
        print(f"{r.subprogramme:10} {'ok' if r.ok else 'FAILED':7} {r.seconds:8.1f} "
              f"{len(r.files)}")
    for r in failed:
        print(f"\n{r.subprogramme} failed: {r.error}", file=sys.stderr)
    print(f"\n{len(results) - len(failed)} of {len(results)} notebooks succeeded in "
          f"{time.perf_counter() - start:.1f} s; outputs in {Path(args.output_dir).resolve()} "
          f"(index.csv lists them)")
    return 1 if failed else 0


def refresh(notebooks_dir=None, only=None) -> list[Path]:
    """Sync each .py into its .ipynb and execute it in place (stored outputs for nbval), in
    ``notebooks_dir``, or else in both editions' folders (notebooks/, notebooks/zh/)."""
    from .views import NOTEBOOKS
    unknown = sorted(set(only or []) - set(NOTEBOOKS))
    if unknown:
        raise RunError(f"unknown notebook {', '.join(unknown)}; choose from: "
                       f"{', '.join(NOTEBOOKS)}")
    folders = [Path(notebooks_dir)] if notebooks_dir else [
        NOTEBOOKS_DIR / sub for sub in EDITION_DIRS.values()]
    return [path for folder in folders for path in _refresh_folder(folder, only)]


def _refresh_folder(notebooks_dir: Path, only) -> list[Path]:
    import jupytext
    from nbclient import NotebookClient

    from .views import NOTEBOOKS
    written = []
    for sp, stem in NOTEBOOKS.items():
        if only and sp not in only:
            continue
        nb = jupytext.read(notebooks_dir / f"{stem}.py")
        NotebookClient(nb, timeout=600, kernel_name=KERNEL, extra_arguments=KERNEL_ARGS,
                       resources={"metadata": {"path": str(notebooks_dir)}}).execute()
        for i, cell in enumerate(nb.cells):
            cell.get("metadata", {}).pop("execution", None)  # run times differ every run
            cell["id"] = f"cell-{i:02d}"  # stable ids: a refresh changes only what changed
        target = notebooks_dir / f"{stem}.ipynb"
        jupytext.write(nb, target, fmt="ipynb")
        written.append(target)
    return written


def _cmd_refresh(args) -> int:
    try:
        for path in refresh(args.notebooks_dir, args.subprogramme):
            print(f"refreshed {path}")
    except RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def add_run_parser(sub) -> None:
    """The ``run`` and ``refresh`` commands' arguments."""
    p = sub.add_parser("run", help="execute notebooks with papermill and collect their outputs",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="examples:\n"
                              "  python -m budgetbook run --all --output-dir out\n"
                              "  python -m budgetbook run -s sp3 -s sp6 --data-dir my_data "
                              "--output-dir out --jobs 2")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--all", action="store_true", help="every notebook (overview + 10 chapters)")
    group.add_argument("-s", "--subprogramme", action="append", metavar="ID",
                       help=f"one notebook by id (repeatable): {', '.join(notebook_ids())}")
    p.add_argument("--data-dir", help="data directory prepared to the contract (default: data/)")
    p.add_argument("--output-dir", default="out", help="where outputs go (default: out/)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="notebooks run in parallel")
    p.add_argument("--notebooks-dir", help="run the notebooks of a fork (default: notebooks/)")
    p.add_argument("--language", choices=sorted(LANGUAGES),
                   help="the language of every label, table, chart and sentence (default: "
                        "each notebook's own, English)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="a parameter for every notebook, e.g. -p shortfall_threshold 0.8 "
                        "(repeatable; each chapter states the values it used)")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("refresh", help="re-execute the notebooks in place (stored outputs)")
    p.add_argument("-s", "--subprogramme", action="append", metavar="ID")
    p.add_argument("--notebooks-dir", help="default: notebooks/")
    p.set_defaults(func=_cmd_refresh)
