"""The project's benchmark: ``python -m budgetbook bench``.

Measures, in one run on a private copy of the project (nothing in the checkout is
touched): the floor (a fresh Python that imports pandas and matplotlib and saves one
chart, times the number of notebooks); the cold book build; the no-change rebuild; the
rebuild after one CSV value changes; and ``run --all`` with ``--jobs 1`` against
``--jobs 2``. Prints each time and the ratios against the targets.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .loading import PROJECT_ROOT

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


def build_command(project: Path) -> list[str]:
    """The README's build (`jupyter-book build . -W`), run with this Python."""
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build",
            str(project), "-W"]
TARGETS = {"cold_build / floor": 1.5, "no_change_rebuild / cold_build": 0.1,
           "jobs_2 / jobs_1": 0.6}


def _timed(cmd, cwd=None) -> float:
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    return elapsed


def _build(project: Path) -> float:
    return _timed(build_command(project))


def measure(workdir: Path) -> dict:
    """Time each step once on a private copy of the project; seconds by name."""
    from .views import NOTEBOOKS
    project = workdir / "project"
    shutil.copytree(PROJECT_ROOT, project, ignore=PROJECT_COPY_IGNORE)
    n = len(NOTEBOOKS)
    one = min(_timed([sys.executable, "-c", FLOOR_SCRIPT.replace("OUT", repr(str(workdir / f"f{i}.png")))])
              for i in range(3))
    times = {"floor": one * n, "floor_one_kernel": one}
    times["cold_build"] = _build(project)
    times["no_change_rebuild"] = _build(project)
    csv = project / "data" / "deliverables.csv"
    lines = csv.read_text(encoding="utf-8").split("\n")
    cells = lines[1].split(",")
    cells[-2] = str(int(cells[-2]) + 1)  # the budget year's plan of the first item
    lines[1] = ",".join(cells)
    csv.write_text("\n".join(lines), encoding="utf-8")
    times["one_csv_change_rebuild"] = _build(project)
    for jobs in (1, 2):
        times[f"jobs_{jobs}"] = _timed([sys.executable, "-m", "budgetbook", "run", "--all",
                                        "--quiet", "--jobs", str(jobs), "--output-dir",
                                        str(workdir / f"out{jobs}")], cwd=project)
    return times


def report(times: dict) -> dict:
    """The ratios of a run's times, by name (TARGETS holds the targets some must meet)."""
    ratios = {
        "cold_build / floor": times["cold_build"] / times["floor"],
        "no_change_rebuild / cold_build": times["no_change_rebuild"] / times["cold_build"],
        "one_csv_change_rebuild / cold_build": times["one_csv_change_rebuild"] / times["cold_build"],
        "jobs_2 / jobs_1": times["jobs_2"] / times["jobs_1"],
    }
    return ratios


def main_bench(args) -> int:
    """The ``bench`` command: measure, report, optionally write JSON."""
    with tempfile.TemporaryDirectory(prefix="budgetbook-bench-") as tmp:
        times = measure(Path(tmp))
    ratios = report(times)
    print("times (seconds, one run):")
    for k, v in times.items():
        print(f"  {k:26} {v:8.2f}")
    print("ratios:")
    for k, v in ratios.items():
        target = TARGETS.get(k)
        verdict = "" if target is None else (f"  target <= {target}: "
                                             + ("met" if v <= target else "NOT met"))
        print(f"  {k:36} {v:6.3f}{verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps({"times": times, "ratios": ratios}, indent=2))
    return 0


def add_bench_parser(sub) -> None:
    """The ``bench`` command's arguments."""
    p = sub.add_parser("bench", help="measure build and run times (ratios in one run)")
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.set_defaults(func=main_bench)
