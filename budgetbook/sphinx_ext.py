"""Sphinx extension: make Jupyter Book's execution cache data-aware.

MyST-NB's cache (jupyter-cache) keys a notebook on its code cells only, so a
changed CSV would leave a stale page. This extension, listed in _config.yml,
(1) points the execution cache at a folder named after a hash of the data
files and the budgetbook package, so a change there misses the cache and the
notebooks run again, and (2) records those files as dependencies of every
notebook page, so Sphinx re-reads the pages whose inputs changed. With no
change, the rebuild re-reads nothing and executes nothing.

It also (3) executes the notebooks that the cache lacks before MyST-NB reads them, in
one kernel per core, several notebooks per kernel (Jupyter Book 1 runs them one after
another, each in a new kernel), and stores the results in that same cache, where
MyST-NB then finds them.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sphinx.util import logging

PACKAGE_DIR = Path(__file__).resolve().parent
logger = logging.getLogger(__name__)


def input_files(srcdir: Path) -> list[Path]:
    """What every notebook reads: the data contract's files and the package's code."""
    data = sorted((srcdir / "data").glob("*.csv")) + sorted((srcdir / "data").glob("*.json"))
    code = sorted(p for p in PACKAGE_DIR.glob("*.py") if p.name != "sphinx_ext.py")
    return data + code


def inputs_digest(srcdir: Path) -> str:
    h = hashlib.sha256()
    for path in input_files(srcdir):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _on_config_inited(app, config):
    srcdir = Path(app.srcdir)
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if base.name.startswith("inputs-"):
        base = base.parent
    config.nb_execution_cache_path = str(base / f"inputs-{inputs_digest(srcdir)}")


def _notebook_reader(env, docname):
    """MyST-NB's reader for a page, or None for a plain Markdown page, and its text."""
    from myst_nb.core.read import create_nb_reader

    path = Path(env.doc2path(docname))
    content = path.read_text(encoding="utf-8")
    return create_nb_reader(str(path), env.myst_config, env.mystnb_config, content), content


def _on_doctree_read(app, doctree):
    env = app.env
    if _notebook_reader(env, env.docname)[0] is not None:  # every notebook reads the data
        for path in input_files(Path(app.srcdir)):
            env.note_dependency(str(path))


def _execute_missing(app, env, docnames):
    """Fill the execution cache for the notebooks about to be read, in parallel."""
    config = app.config
    if getattr(config, "nb_execution_mode", "") != "cache":
        return
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(config.nb_execution_cache_path)
    todo = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        # read each page exactly as MyST-NB will, so the cache entries match its lookups
        reader, content = _notebook_reader(env, docname)
        if reader is None:
            continue  # a plain Markdown page
        nb = reader.read(content)
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            todo.append((path, nb, reader.read_fmt))
    if len(todo) < 2:
        return  # nothing to gain; MyST-NB executes it as usual

    workers = min(len(todo), os.cpu_count() or 1)
    logger.info(f"budgetbook: executing {len(todo)} notebooks in {workers} kernels")
    groups = [todo[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done in pool.map(lambda g: _run_in_one_kernel(g, config.nb_execution_timeout),
                             groups):
            for path, nb, read_fmt, seconds in done:
                record = (cache.add_nb_to_project(str(path), read_data=read_fmt) if read_fmt
                          else cache.add_nb_to_project(str(path)))
                cache.cache_notebook_bundle(
                    CacheBundleIn(nb, record.uri, data={"execution_seconds": seconds}),
                    check_validity=False, overwrite=True)


def _run_in_one_kernel(items, timeout):
    """Execute several notebooks one after another in one kernel.

    Every chapter imports the same package, so a shared kernel pays the kernel start and
    the imports once instead of once per notebook. Before each notebook the namespace is
    reset and the working directory set to the notebook's folder, as in a kernel of its
    own; a notebook that fails is left out, and MyST-NB then runs it alone and reports
    the error in its usual way.
    """
    import time

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    done = []
    # record_timing=False: timings in cell metadata would change the cache key
    client = NotebookClient(items[0][1], timeout=timeout, allow_errors=False, record_timing=False,
                            kernel_name=items[0][1].metadata.get("kernelspec", {}).get(
                                "name", "python3"))
    for _attempt in range(3):  # kernels started together can race for ports
        try:
            with client.setup_kernel(cwd=str(items[0][0].parent)):
                for path, nb, read_fmt in items:
                    prepare = nbformat.v4.new_code_cell(
                        f"%reset -f\nimport os as _os\n_os.chdir({str(path.parent)!r})\ndel _os")
                    # nbclient writes each executed cell back into client.nb, so the
                    # preparing cell runs in a notebook of its own
                    client.nb = nbformat.v4.new_notebook(cells=[prepare])
                    client.execute_cell(prepare, 0, store_history=False)
                    client.nb = nb
                    start = time.perf_counter()
                    try:
                        for index, cell in enumerate(nb.cells):
                            if cell.cell_type == "code":
                                client.execute_cell(cell, index)
                    except CellExecutionError:
                        continue
                    done.append((path, nb, read_fmt, time.perf_counter() - start))
            return done
        except (RuntimeError, DeadKernelError):
            if done:
                return done
            continue
    return done


def _on_html_page_context(app, pagename, templatename, context, doctree):
    """Drop repeated inline scripts: sphinx-thebe's config is added twice by Jupyter Book 1,
    and the second copy throws "Identifier 'THEBE_JS_URL' has already been declared"."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        key = (getattr(js, "filename", None) or "", attrs.get("body", ""))
        if key in seen:
            continue
        seen.add(key)
        unique.append(js)
    scripts[:] = unique


def setup(app):
    app.connect("config-inited", _on_config_inited, priority=100)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-before-read-docs", _execute_missing, priority=900)
    app.connect("html-page-context", _on_html_page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
