"""The project's benchmark: ``python -m budgetbook bench``.

Measures, in one run on a private copy of the project (nothing in the checkout is
touched):

- the floor: a fresh Python that imports pandas and matplotlib and saves one chart, times
  the number of notebooks;
- a bare Jupyter Book's no-op: the ``jupyter-book create`` template, in the same
  execution mode as the book (``cache``), built once and then timed on a rebuild;
- the English edition's cold build, its no-change rebuild, and its rebuild after one value
  of one chapter's rows changes;
- both editions (English and Chinese, ``python -m budgetbook build``) built cold, and
  rebuilt with no change;
- ``run --all`` with ``--jobs 1`` and ``--jobs 2``;
- the peak memory (resident set) of the cold build and of the ``--jobs 2`` run: of the
  main process, and of all its child processes (kernels, workers) together.

Prints each figure and the ratios against their targets; machines are noisy, so only
ratios measured in one run mean much.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .config import PROJECT_ROOT
from .editions import jupyter_book

FLOOR_SCRIPT = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
df = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
fig, ax = plt.subplots()
ax.bar(df["x"], df["y"])
fig.savefig(OUT)
"""
# What a private copy of the project leaves out (build output, caches, environments).
PROJECT_COPY_IGNORE = shutil.ignore_patterns("_build", ".git", ".venv", "out", "test-artifacts",
                                             "__pycache__", ".pytest_cache", "*.egg-info",
                                             "_parts")
# The chapter whose row the one-chapter edit changes (any chapter would do).
EDITED_CHAPTER = "sp3"
TARGETS = {"cold_build / floor": 1.0, "no_change_rebuild / bare_no_op": 1.1,
           "one_chapter_edit_rebuild / cold_build": 0.35, "jobs_2 / cold_build": 1.2,
           "jobs_2 / jobs_1": 0.6, "both_editions_cold_build / cold_build": 1.6,
           "both_editions_no_change_rebuild / bare_no_op": 2.2}


def build_command(project: Path, english_only: bool = False) -> list[str]:
    """The README's build (``python -m budgetbook build``: both editions, ``-W``), run with
    this Python; or the English edition's alone (``jupyter-book build . -W``)."""
    if english_only:
        return jupyter_book("build", str(project), "-W")
    return [sys.executable, "-m", "budgetbook", "build", str(project)]


def _process_tree_peak(proc, peaks: dict, stop: threading.Event) -> None:
    """Sample the resident memory of a process and of its descendants until ``stop``."""
    import psutil
    try:
        main = psutil.Process(proc.pid)
    except psutil.Error:
        return
    while not stop.is_set():
        try:
            own = main.memory_info().rss
            children = 0
            for child in main.children(recursive=True):
                try:
                    children += child.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            break
        peaks["main"] = max(peaks.get("main", 0), own)
        peaks["children"] = max(peaks.get("children", 0), children)
        stop.wait(0.05)


def _timed(cmd, cwd=None, memory: dict | None = None) -> float:
    """Seconds ``cmd`` takes; with ``memory``, also its peak resident memory (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    stop, peaks = threading.Event(), {}
    sampler = None
    if memory is not None:
        sampler = threading.Thread(target=_process_tree_peak, args=(proc, peaks, stop))
        sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    if sampler is not None:
        sampler.join()
        memory.update({k: v / 2**20 for k, v in peaks.items()})
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{out[-3000:]}\n{err[-3000:]}")
    return elapsed


def edit_one_chapter_value(project: Path, sp: str = EDITED_CHAPTER) -> None:
    """Add one to the budget year's plan of ``sp``'s first line item (deliverables.csv)."""
    path = project / "data" / "deliverables.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("subprogramme")] == sp)
    plan = [c for c in header if c.startswith("plan_")][-1]  # the budget year's plan
    row[header.index(plan)] = str(int(row[header.index(plan)]) + 1)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _bare_book(workdir: Path) -> Path:
    """Jupyter Book's own template, executed in the book's mode (cache), built once."""
    bare = workdir / "bare"
    _timed(jupyter_book("create", str(bare)))
    config = bare / "_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("execute_notebooks: force", "execute_notebooks: cache"),
                      encoding="utf-8")
    _timed(jupyter_book("build", str(bare)))
    return bare


def measure(workdir: Path) -> tuple[dict, dict]:
    """Time each step on a private copy of the project: seconds by name, and peak memory
    (MB) by name."""
    from .config import notebooks
    project = workdir / "project"
    shutil.copytree(PROJECT_ROOT, project, ignore=PROJECT_COPY_IGNORE)
    n = len(notebooks(project / "_toc.yml"))
    one = min(_timed([sys.executable, "-c", FLOOR_SCRIPT.replace("OUT", repr(str(workdir / f"f{i}.png")))])
              for i in range(3))
    times = {"floor": one * n, "floor_one_notebook": one}
    bare = _bare_book(workdir)
    both = workdir / "both"  # a second copy, for the two editions built together
    shutil.copytree(PROJECT_ROOT, both, ignore=PROJECT_COPY_IGNORE)
    build_memory, run_memory = {}, {}
    english = build_command(project, english_only=True)
    times["cold_build"] = _timed(english, memory=build_memory)
    times["both_editions_cold_build"] = _timed(build_command(both))
    # the no-op rebuilds take about two seconds each, so noise matters: alternate them,
    # three times, and keep each one's best
    no_ops = [(_timed(jupyter_book("build", str(bare))), _timed(english),
               _timed(build_command(both))) for _ in range(3)]
    times["bare_no_op"] = min(bare for bare, _, _ in no_ops)
    times["no_change_rebuild"] = min(ours for _, ours, _ in no_ops)
    times["both_editions_no_change_rebuild"] = min(b for _, _, b in no_ops)
    edit_one_chapter_value(project)
    times["one_chapter_edit_rebuild"] = _timed(english)
    for jobs in (1, 2):
        times[f"jobs_{jobs}"] = _timed(
            [sys.executable, "-m", "budgetbook", "run", "--all", "--quiet", "--jobs", str(jobs),
             "--output-dir", str(workdir / f"out{jobs}")], cwd=project,
            memory=run_memory if jobs == 2 else None)
    memory = {"cold_build main process": build_memory.get("main", 0.0),
              "cold_build kernels": build_memory.get("children", 0.0),
              "run --jobs 2 main process": run_memory.get("main", 0.0),
              "run --jobs 2 workers and kernels": run_memory.get("children", 0.0)}
    return times, memory


def report(times: dict) -> dict:
    """The ratios of a run's times, by name (TARGETS holds the targets some must meet)."""
    return {
        "cold_build / floor": times["cold_build"] / times["floor"],
        "no_change_rebuild / bare_no_op": times["no_change_rebuild"] / times["bare_no_op"],
        "one_chapter_edit_rebuild / cold_build":
            times["one_chapter_edit_rebuild"] / times["cold_build"],
        "jobs_2 / cold_build": times["jobs_2"] / times["cold_build"],
        "jobs_2 / jobs_1": times["jobs_2"] / times["jobs_1"],
        "both_editions_cold_build / cold_build":
            times["both_editions_cold_build"] / times["cold_build"],
        "both_editions_no_change_rebuild / bare_no_op":
            times["both_editions_no_change_rebuild"] / times["bare_no_op"],
    }


def main_bench(args) -> int:
    """The ``bench`` command: measure, report, optionally write JSON."""
    with tempfile.TemporaryDirectory(prefix="budgetbook-bench-") as tmp:
        times, memory = measure(Path(tmp))
    ratios = report(times)
    print("times (seconds, one run):")
    for k, v in times.items():
        print(f"  {k:28} {v:8.2f}")
    print("peak resident memory (MB):")
    for k, v in memory.items():
        print(f"  {k:34} {v:8.0f}")
    print("ratios:")
    for k, v in ratios.items():
        target = TARGETS.get(k)
        verdict = "" if target is None else (f"  target <= {target}: "
                                             + ("met" if v <= target else "NOT met"))
        print(f"  {k:46} {v:6.3f}{verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps({"times": times, "memory_mb": memory,
                                               "ratios": ratios}, indent=2))
    return 0


def add_bench_parser(sub) -> None:
    """The ``bench`` command's arguments."""
    p = sub.add_parser("bench", help="measure build and run times (ratios in one run)")
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.set_defaults(func=main_bench)
