"""Sphinx extension: make Jupyter Book's execution cache data-aware and never stale.

MyST-NB's cache (jupyter-cache) keys a notebook on its code cells only, so a changed CSV
would leave a stale page. This extension, listed in _config.yml:

1. validates the data directory before anything runs, and stops the build with the
   one-line message ``python -m budgetbook validate`` gives (file, line, column, rule),
   replacing the previous site in ``_build/html`` with a page that says the build failed,
   so no page built from old data is left looking current;
2. reads the data files once and writes the same bytes to a snapshot folder named after
   their hash; every notebook of the build reads the snapshot (through
   ``$BUDGETBOOK_DATA_DIR``), so a result is always cached with the data it was actually
   computed from, even if a CSV is edited while the build runs;
3. keys each notebook's cached result on what that page reads (:mod:`budgetbook.inputs`):
   a chapter on its own rows and the programme-wide ones, the overview and the other
   executed pages on every file, all on the package's code, the table of contents and the
   environment the notebooks run in (Python, the installed distributions, the chart fonts). A
   page whose inputs changed is re-read and its notebook re-executed; the others are
   kept, so an edit to one chapter's rows re-executes that chapter and the aggregating
   pages only;
4. warns (an error under ``-W``) when a notebook's ``.py`` was edited but not synced into
   the ``.ipynb`` that the book builds;
5. executes the notebooks that lack a current cached result before MyST-NB reads them,
   each in a fresh kernel of its own (:mod:`budgetbook.kernels`), one per core at a time,
   stores the results in the cache and logs which pages it executed.

6. links every page to the same page in the other edition, at that edition's address
   when one is configured (``BUDGETBOOK_EDITION_URL_EN`` / ``_ZH``), and warns about a
   page the other edition lacks;
7. writes the text of every page for the search page's summaries
   (:mod:`budgetbook.search_text`), so they show from ``file://`` too;
8. gives each site the pages' Chinese font, cut to the characters they show
   (:mod:`budgetbook.webfont`).

With no change, the rebuild re-reads nothing and executes nothing.
"""
from __future__ import annotations

import html
import os
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sphinx.util import logging

DATA_ENV = "BUDGETBOOK_DATA_DIR"
SNAPSHOT_PREFIX = "data-"
VALID_MARKER = ".validated"
FAILED_MARK = "<!-- budgetbook: the build stopped on invalid data -->"
logger = logging.getLogger(__name__)
_ORIGINAL_DATA_ENV = os.environ.get(DATA_ENV)


def source_data_dir(srcdir: Path) -> Path:
    """The data the book is built from: $BUDGETBOOK_DATA_DIR if set, else <srcdir>/data."""
    return Path(os.environ.get(DATA_ENV) or Path(srcdir) / "data").resolve()


def _toc(srcdir: Path, toc=None) -> Path:
    """The build's table of contents: the one Jupyter Book passes (``--toc``: the Chinese
    edition's), else <srcdir>/_toc.yml."""
    return Path(srcdir) / (toc or "_toc.yml")


def _app_toc(app) -> Path:
    return _toc(app.srcdir, getattr(app.config, "external_toc_path", None))


def _code(srcdir: Path, exclude_build: bool = True, toc=None) -> str:
    """The digest of the code the notebooks run (:func:`budgetbook.inputs.code_digest`),
    or, without ``exclude_build``, of all the package's code."""
    from .inputs import code_digest

    return code_digest(exclude_build=exclude_build, toc=_toc(srcdir, toc))


def _language(config) -> str:
    """The language of the edition a build makes ('zh' for the Chinese edition)."""
    return "zh" if str(getattr(config, "language", "") or "").startswith("zh") else "en"


def _run_with(srcdir: Path, config, toc=None) -> str:
    """What every notebook of the build runs with, besides its data: the code
    (:func:`_code`) and the environment (:func:`budgetbook.inputs.environment_digest`:
    Python, the installed distributions, the edition's chart fonts)."""
    import hashlib

    from .inputs import environment_digest

    both = _code(srcdir, toc=toc) + environment_digest(_language(config))
    return hashlib.sha256(both.encode()).hexdigest()


def _read_inputs(srcdir: Path, data: Path | None = None,
                 code: str | None = None) -> tuple[str, dict[str, bytes]]:
    """The digest of every input, and the data files' bytes by name (read once, hashed as
    read)."""
    from .inputs import digest, read_data_files

    data = Path(data) if data is not None else Path(srcdir) / "data"
    data_bytes = read_data_files(data)
    return digest(data_bytes, code if code is not None else _code(srcdir)), data_bytes


def inputs_digest(srcdir: Path, data: Path | None = None, toc=None, config=None) -> str:
    """A short hash of the data files, the package's code and the table of contents (and,
    given a build's ``config``, of the environment its notebooks run in)."""
    code = _run_with(srcdir, config, toc=toc) if config is not None else _code(srcdir, toc=toc)
    return _read_inputs(srcdir, data, code)[0]


def _write_snapshot(snapshot: Path, data_bytes: dict[str, bytes]) -> None:
    from .inputs import write_data_files

    if snapshot.is_dir():
        return
    tmp = snapshot.with_name(f".{snapshot.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    write_data_files(tmp, data_bytes)
    try:
        os.replace(tmp, snapshot)
    except OSError:  # another build wrote the same snapshot first: same bytes
        shutil.rmtree(tmp, ignore_errors=True)


def _validate_snapshot(snapshot: Path, source: Path) -> None:
    """Validate the snapshot once; a DataError names the user's file, not the snapshot."""
    if (snapshot / VALID_MARKER).is_file():
        return
    from .loading import load_all_from_snapshot

    load_all_from_snapshot(snapshot, source)
    (snapshot / VALID_MARKER).write_text("validated by budgetbook.loading.load_all\n")


def _failed_site(outdir: Path, message: str) -> None:
    """Replace the previous site with one page saying why the build stopped."""
    import html
    if outdir.is_dir():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    (outdir / "index.html").write_text(
        f"<!DOCTYPE html>{FAILED_MARK}<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Build failed</title></head><body><h1>The book was not built</h1>"
        f"<p>The data did not validate:</p><pre>{html.escape(message)}</pre>"
        "<p>Fix the file and build again. No page of an earlier build is kept, so that "
        "none is read as current.</p></body></html>\n", encoding="utf-8")


def _on_config_inited(app, config):
    srcdir = Path(app.srcdir)
    source = source_data_dir(srcdir)
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if base.name.startswith(("inputs-", "code-")):
        base = base.parent
    try:
        if not source.is_dir():
            from .loading import DataError
            raise DataError(source, "the data directory does not exist")
        code = _run_with(srcdir, config, toc=_app_toc(app))
        digest, data_bytes = _read_inputs(srcdir, source, code)
        snapshot = base / f"{SNAPSHOT_PREFIX}{digest}"
        _write_snapshot(snapshot, data_bytes)
        _validate_snapshot(snapshot, source)
    except Exception as exc:
        from .loading import DataError  # pandas only now: a rebuild validates nothing
        if not isinstance(exc, DataError):
            raise
        _failed_site(Path(app.outdir), str(exc))
        # The message `python -m budgetbook validate` gives, and no traceback: SystemExit
        # passes through Sphinx and Jupyter Book, which would wrap an exception in two.
        print(f"error: {exc}\nThe book was not built; {app.outdir} holds only a page "
              f"saying so.", file=sys.stderr)
        raise SystemExit(2) from None
    failed_page = Path(app.outdir) / "index.html"
    if failed_page.is_file() and FAILED_MARK in failed_page.read_text(encoding="utf-8"):
        failed_page.unlink()  # else Jupyter Book keeps it instead of its redirect to the root
    for old in base.glob(f"{SNAPSHOT_PREFIX}*"):  # earlier builds' snapshots
        if old != snapshot:
            shutil.rmtree(old, ignore_errors=True)
    # the kernels (ours and MyST-NB's) inherit this: every notebook reads the snapshot
    os.environ[DATA_ENV] = str(snapshot)
    app.budgetbook_source = source
    app.budgetbook_digest = digest
    app.budgetbook_files = data_bytes
    app.budgetbook_code = code  # what the notebooks run, and the environment they run in
    app.budgetbook_code_digest = _code(srcdir, exclude_build=False, toc=_app_toc(app))
    # One cache per version of the package; each entry records the inputs it was computed
    # with (see _execute_missing), so a change to one chapter's rows invalidates that one.
    cache = base / f"code-{code[:16]}"
    for old in [*base.glob("code-*"), *base.glob("inputs-*")]:  # other versions' caches
        if old != cache:
            shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(cache)


def declared_reads(app, docname: str) -> tuple[str, ...] | None:
    """The data files a prose page declares it reads in its front matter
    (:func:`budgetbook.inputs.declared_reads`), or None: the page reads every file."""
    cache = app.__dict__.setdefault("budgetbook_reads", {})
    if docname not in cache:
        from .inputs import declared_reads as of_text

        path = Path(app.env.doc2path(docname))
        cache[docname] = of_text(path.read_text(encoding="utf-8")) if path.suffix == ".md" \
            else None
    return cache[docname]


def page_digest(app, docname: str) -> str:
    """The digest of what a page reads: a chapter notebook's own rows
    (:func:`budgetbook.inputs.page_digests`), a prose page's declared files, else every
    input."""
    from .inputs import declared, digest

    digests = getattr(app, "budgetbook_page_digests", None)
    if digests is None:
        from .config import notebooks
        from .inputs import page_digests

        digests = page_digests(app.budgetbook_files, notebooks(_app_toc(app)),
                               app.budgetbook_code)
        app.budgetbook_page_digests = digests
    reads = declared_reads(app, docname)
    if reads is not None:
        return digest(declared(app.budgetbook_files, reads), app.budgetbook_code)
    folder, _, stem = docname.rpartition("/")
    return digests.get(stem, app.budgetbook_digest) if folder.split("/")[0] == "notebooks" \
        else \
        app.budgetbook_digest


def _page_data_dir(app, docname: str) -> str:
    """The data a page's notebook runs on: for a page that declares what it reads, a copy
    holding those files only (so it cannot read another); else the build's snapshot."""
    reads = declared_reads(app, docname)
    if reads is None:
        return os.environ[DATA_ENV]
    from .inputs import declared, digest

    files = declared(app.budgetbook_files, reads)
    folder = Path(os.environ[DATA_ENV]).parent / f"reads-{digest(files)}"
    _write_snapshot(folder, files)
    app.__dict__.setdefault("budgetbook_read_dirs", set()).add(folder)
    return str(folder)


def _notebook_reader(env, docname):
    """MyST-NB's reader for a page, or None for a plain Markdown page, and its text."""
    from myst_nb.core.read import create_nb_reader

    path = Path(env.doc2path(docname))
    content = path.read_text(encoding="utf-8")
    return create_nb_reader(str(path), env.myst_config, env.mystnb_config, content), content


def _is_notebook(env, docname) -> bool:
    return _notebook_reader(env, docname)[0] is not None


def _translation_problem(app, docname: str) -> str | None:
    """For a page of the Chinese edition written in Markdown: '' if it translates the
    current English page, else what is wrong; None for any other page."""
    from .config import edition_of_page
    from .translations import english_file, file_problem

    path = Path(app.env.doc2path(docname))
    if edition_of_page(docname) == "en" or path.suffix != ".md":
        return None
    return file_problem(english_file(path), path, where=False, root=app.srcdir)


STALE_TRANSLATION = ("译文待更新：本页英文原文已修改，本页译文尚未随之更新，"
                     "请以英文版同一页为准。")


def _mark_stale_translation(app, doctree) -> None:
    """Put a warning at the top of a translated page made from an older English page, and
    record the state, so the page is re-read when it changes."""
    from docutils import nodes

    problem = _translation_problem(app, app.env.docname)
    if problem is None:
        return
    app.env.__dict__.setdefault("budgetbook_translations", {})[app.env.docname] = problem
    if problem:
        logger.info(f"budgetbook: {problem}")
        warning = nodes.warning()
        warning += nodes.paragraph(text=STALE_TRANSLATION)
        section = next(iter(doctree.findall(nodes.section)), None)
        (section or doctree).insert(1 if section is not None else 0, warning)


def _on_doctree_read(app, doctree):
    env = app.env
    _mark_stale_translation(app, doctree)
    if _is_notebook(env, env.docname):  # record the inputs the page was read with
        if not hasattr(env, "budgetbook_digests"):
            env.budgetbook_digests = {}
        env.budgetbook_digests[env.docname] = page_digest(app, env.docname)


def _on_env_get_outdated(app, env, added, changed, removed):
    """Pages read with other inputs than this build's, translated pages whose English
    changed (or was restored) since they were read; and unsynced notebook pairs."""
    digests = getattr(env, "budgetbook_digests", {})
    _warn_unsynced_pairs(env)
    retranslate = [doc for doc, problem in getattr(env, "budgetbook_translations", {}).items()
                   if doc in env.found_docs and _translation_problem(app, doc) != problem]
    # The book's CSS and script changed: Sphinx copies static files only when it writes a
    # page, and every page links them with a hash of their content, so rewrite them all.
    static = _static_digest()
    if getattr(env, "budgetbook_static", None) != static:
        retranslate = sorted(env.found_docs)
    env.budgetbook_static = static
    return retranslate + _outdated_by_inputs(app, env, digests)


def _static_digest() -> str:
    from .inputs import sha256_of

    folder = Path(__file__).parent / "static"
    return sha256_of({p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()})


def _outdated_by_inputs(app, env, digests):
    if getattr(env, "budgetbook_inputs", None) == app.budgetbook_digest:
        return []  # nothing any page reads has changed
    env.budgetbook_inputs = app.budgetbook_digest
    return [doc for doc, digest in digests.items()
            if doc in env.found_docs and digest != page_digest(app, doc)]


def _on_env_purge_doc(app, env, docname):
    getattr(env, "budgetbook_digests", {}).pop(docname, None)
    getattr(env, "budgetbook_translations", {}).pop(docname, None)


def _on_env_merge_info(app, env, docnames, other):
    if not hasattr(env, "budgetbook_digests"):
        env.budgetbook_digests = {}
    env.budgetbook_digests.update(getattr(other, "budgetbook_digests", {}))
    env.__dict__.setdefault("budgetbook_translations", {}).update(
        getattr(other, "budgetbook_translations", {}))


def _warn_unsynced_pairs(env):
    """A notebook's .py edited but not synced: the book would build the old .ipynb."""
    checked = getattr(env, "budgetbook_synced", {})
    for docname in sorted(env.found_docs):
        ipynb = Path(env.doc2path(docname))
        py = ipynb.with_suffix(".py")
        if ipynb.suffix != ".ipynb" or not py.is_file():
            continue
        stamp = (py.stat().st_mtime_ns, ipynb.stat().st_mtime_ns)
        if checked.get(docname) == stamp:
            continue
        import jupytext  # only when a pair changed: the import costs a no-change rebuild

        a, b = jupytext.read(py), jupytext.read(ipynb)
        if [(c.cell_type, c.source) for c in a.cells] != \
                [(c.cell_type, c.source) for c in b.cells]:
            rel = os.path.relpath(py, env.srcdir)
            logger.warning(f"{rel} differs from {ipynb.name}, which the book builds: run "
                           f"'jupytext --sync {rel}' (and 'python -m budgetbook refresh' to "
                           f"store its outputs)", location=docname)
            checked.pop(docname, None)
        else:
            checked[docname] = stamp
    env.budgetbook_synced = checked



def _on_build_finished(app, exception):
    """Check nothing changed under the build, then give the process back its own
    $BUDGETBOOK_DATA_DIR.

    The notebooks read the snapshot, so a data edit during the build cannot poison the
    cache; the pages show the data as it was when the build started, and the next build
    picks the edit up. A package edited during the build may have run under the old hash:
    those cached results are discarded.
    """
    used = getattr(app, "budgetbook_read_dirs", set())
    if DATA_ENV in os.environ:  # the declared-reads copies this build did not use
        for old in Path(os.environ[DATA_ENV]).parent.glob("reads-*"):
            if old not in used:
                shutil.rmtree(old, ignore_errors=True)
    if _ORIGINAL_DATA_ENV is None:
        os.environ.pop(DATA_ENV, None)
    else:
        os.environ[DATA_ENV] = _ORIGINAL_DATA_ENV
    digest = getattr(app, "budgetbook_digest", None)
    if digest is None:
        return
    if _code(Path(app.srcdir), exclude_build=False, toc=_app_toc(app)) \
            != app.budgetbook_code_digest:
        shutil.rmtree(app.config.nb_execution_cache_path, ignore_errors=True)
        logger.warning("budgetbook: the package changed while the book was built; its "
                       "cached results were discarded: build again")
    elif inputs_digest(Path(app.srcdir), app.budgetbook_source, _app_toc(app),
                       app.config) != digest:
        logger.warning(f"budgetbook: {app.budgetbook_source} changed while the book was "
                       f"built; the pages show the data as it was when the build started: "
                       f"build again to show the change")


def kernels() -> int:
    """How many kernels a build runs its notebooks in: one per core, or $BUDGETBOOK_KERNELS
    (set by ``python -m budgetbook build`` when the two editions build at the same time and
    share the cores)."""
    from .config import KERNELS_ENV

    try:
        return max(1, int(os.environ[KERNELS_ENV]))
    except (KeyError, ValueError):
        return os.cpu_count() or 1


INPUTS_KEY = "budgetbook_inputs"  # in a cache record's data: the page digest it was run with


def _execute_missing(app, env, docnames):
    """Give every notebook about to be read a cached result computed from its current
    inputs: execute, in parallel, those the cache lacks or holds for other inputs."""
    config = app.config
    if not docnames or getattr(config, "nb_execution_mode", "") != "cache":
        return
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(config.nb_execution_cache_path)
    todo = []
    for docname in sorted(docnames):
        path = Path(env.doc2path(docname))
        # read each page exactly as MyST-NB will, so the cache entries match its lookups
        reader, content = _notebook_reader(env, docname)
        if reader is None:
            continue  # a plain Markdown page
        nb = reader.read(content)
        digest = page_digest(app, docname)
        try:
            record = cache.match_cache_notebook(nb)
        except KeyError:
            record = None
        if record is not None and (record.data or {}).get(INPUTS_KEY) == digest:
            continue
        if record is not None:  # computed from other inputs: MyST-NB must not use it
            cache.remove_cache(record.pk)
        todo.append((path, nb, reader.read_fmt, docname, digest))
    if not todo:
        return
    data_dirs = {item[0]: _page_data_dir(app, item[3]) for item in todo}

    workers = min(len(todo), kernels())
    logger.info(f"budgetbook: executing {len(todo)} notebooks, each in a fresh kernel, "
                f"{workers} at a time: " + ", ".join(item[3] for item in todo))
    from .kernels import close_template

    import queue

    shared = queue.Queue()
    for item in todo:
        shared.put(item)
    executed = set()
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for done in pool.map(lambda _: _run_in_fresh_kernels(
                    shared, config.nb_execution_timeout, data_dirs), range(workers)):
                for path, nb, read_fmt, docname, digest, seconds in done:
                    executed.add(docname)
                    record = (cache.add_nb_to_project(str(path), read_data=read_fmt)
                              if read_fmt else cache.add_nb_to_project(str(path)))
                    cache.cache_notebook_bundle(
                        CacheBundleIn(nb, record.uri,
                                      data={"execution_seconds": seconds, INPUTS_KEY: digest}),
                        check_validity=False, overwrite=True)
    finally:
        close_template()  # not kept through the rest of the build
    for item in todo:
        reads = declared_reads(app, item[3])
        if item[3] not in executed and reads is not None:
            # MyST-NB runs it again, on all the data, to show its error: say why it failed
            logger.warning(f"budgetbook: {item[3]} failed on a copy of the data holding only "
                           f"the files it declares it reads ({', '.join(reads) or 'none'}): "
                           f"if it reads another, declare it in its front matter",
                           location=item[3])


def _run_in_fresh_kernels(items, timeout, data_dirs: dict | None = None):
    """Execute notebooks one after another, each in a fresh kernel of its own
    (:mod:`budgetbook.kernels`: a fork of a process that has imported what the notebooks
    import), the next one's kernel starting while the current one runs. ``items``: a list,
    or a queue several workers take from.

    Nothing a notebook sets (a module's constant, a matplotlib setting, an environment
    variable, the working directory) reaches the next one. Each kernel starts in the
    notebook's folder, with ``$BUDGETBOOK_DATA_DIR`` set to the data it runs on
    (``data_dirs``, by path); a notebook that fails is left out, and MyST-NB then runs it
    alone and reports the error in its usual way.
    """
    import asyncio

    return asyncio.run(_run_fresh(items, timeout, data_dirs or {}))


async def _run_fresh(items, timeout, data_dirs):
    import asyncio
    import queue
    import time

    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    from .kernels import KERNEL_ARGS, started, stopped

    pending = iter(items) if not isinstance(items, queue.Queue) else iter(
        lambda: _take(items), None)

    def start(item):
        path, nb = item[0], item[1]
        data = data_dirs.get(path)
        env = {**os.environ, **({DATA_ENV: data} if data else {})}
        name = nb.metadata.get("kernelspec", {}).get("name", "python3")
        return asyncio.ensure_future(started(str(path.parent), env, name))

    done = []
    item = next(pending, None)
    starting = start(item) if item is not None else None
    while item is not None:
        path, nb, *about = item
        try:
            km, kc = await starting
        except RuntimeError:
            km = kc = None  # no kernel would start: MyST-NB tries, and reports
        following = next(pending, None)
        starting = start(following) if following is not None else None
        if km is not None:
            begin = time.perf_counter()
            # record_timing=False: timings in cell metadata would change the cache key
            client = NotebookClient(nb, km=km, timeout=timeout, allow_errors=False,
                                    record_timing=False, extra_arguments=KERNEL_ARGS)
            client.kc = kc  # ready already: nbclient starts no client of its own
            try:
                async with client.async_setup_kernel():
                    for index, cell in enumerate(nb.cells):
                        if cell.cell_type == "code":
                            await client.async_execute_cell(cell, index)
                done.append((path, nb, *about, time.perf_counter() - begin))
            except (CellExecutionError, DeadKernelError, RuntimeError):
                pass
            finally:
                await stopped(km, kc)
        item = following
    return done


def _take(shared):
    """The next item of a queue shared by workers, or None when it is empty."""
    import queue

    try:
        return shared.get_nowait()
    except queue.Empty:
        return None


SWITCH_CLASS = "budgetbook-edition-switch"
SWITCH_WORDS = {"en": "English edition", "zh": "中文版"}
EDITION_NAMES = {"en": "English", "zh": "Chinese"}  # in the build's log, for a writer
# The build's configuration value holding, for each other edition, the pages its table of
# contents lists and the address it is published at (see _edition_links). A configuration
# value of the "html" kind: when either changes, Sphinx rewrites every page.
EDITIONS_CONFIG = "budgetbook_editions"


def _project_path(srcdir, path: Path) -> Path:
    """A file of the project as it lies in the book being built (``srcdir``: a copy of the
    project, say), from its place in this package's project (:mod:`budgetbook.config`)."""
    from . import config

    return Path(srcdir) / Path(path).relative_to(config.PROJECT_ROOT)


def other_editions(srcdir, here: str, environ=None) -> dict[str, dict]:
    """For each edition but ``here``: the pages its table of contents lists (``pages``) and
    the address it is published at (``url``, '' when not set: see
    :func:`budgetbook.config.edition_url`)."""
    from . import config

    editions = {}
    for language, toc in config.EDITION_TOCS.items():
        if language == here:
            continue
        toc = _project_path(srcdir, toc)
        pages = config.toc_files(toc) if toc.is_file() else []
        editions[language] = {"pages": pages,
                              "url": config.edition_url(language, environ) or ""}
    return editions


def _edition_links(app, config):
    """Record, for the links to the other edition, what that edition holds and where it is
    published, in the build's configuration (so that a change to either rewrites the
    pages). An address that is not one stops the build with a one-line message."""
    from . import config as paths

    toc = _app_toc(app)
    here = paths.edition_of_page(paths.toc_files(toc)[0]) if toc.is_file() else "en"
    try:
        editions = other_editions(app.srcdir, here)
    except ValueError as exc:
        # as for invalid data: the message and no traceback (see _on_config_inited)
        print(f"error: {exc}\nThe book was not built.", file=sys.stderr)
        raise SystemExit(2) from None
    setattr(config, EDITIONS_CONFIG, editions)


def edition_switch(app, pagename: str) -> str:
    """A link to the same page in the other edition (English <-> Chinese), for the top of
    a page of either edition; '' for a page that has no counterpart (search, index).

    The link is the other edition's address (``$BUDGETBOOK_EDITION_URL_ZH`` from an
    English page, ``_EN`` from a Chinese one) followed by the counterpart's path in that
    site; without an address, a relative link into the other edition's build folder (the
    two sites published in their build places, side by side). A page whose counterpart
    the other edition's table of contents does not list gets no link, and a warning
    naming it (an error under ``-W``): it was added to one edition only."""
    from . import config
    from .language import HTML_LANG

    if "/" not in pagename:
        return ""
    here = config.edition_of_page(pagename)
    other = "en" if here != "en" else config.TRANSLATED
    counterpart = config.in_edition(config.english_of(pagename), other)
    editions = getattr(getattr(app, "config", None), EDITIONS_CONFIG, None) or \
        other_editions(app.srcdir, here)
    edition = editions.get(other) or {"pages": [], "url": ""}
    if counterpart not in edition["pages"]:
        toc = config.EDITION_TOCS[other].relative_to(config.PROJECT_ROOT).as_posix()
        fix = ("write that page, then run 'python -m budgetbook editions'" if other != "en"
               else f"the Chinese table of contents is written from {toc}: add {counterpart} "
                    f"to it, or run 'python -m budgetbook editions' to drop the page")
        logger.warning(f"budgetbook: {pagename} has no counterpart in the "
                       f"{EDITION_NAMES[other]} edition ({toc} does not list {counterpart}), "
                       f"so it gets no link to that edition: {fix}", location=pagename)
        return ""
    if edition["url"]:
        href = edition["url"] + counterpart + ".html"
    else:
        target = Path(app.srcdir) / config.EDITION_SITES[other] / (counterpart + ".html")
        href = os.path.relpath(target, Path(app.outdir) / Path(pagename).parent).replace(
            os.sep, "/")
    lang = HTML_LANG[other]
    return (f'<p class="{SWITCH_CLASS}"><a href="{html.escape(href)}" hreflang="{lang}" '
            f'lang="{lang}">{SWITCH_WORDS[other]}</a></p>\n')


def _on_html_page_context(app, pagename, templatename, context, doctree):
    """Put the link to the other edition at the top of the page. Drop repeated inline
    scripts: sphinx-thebe's config is added twice by Jupyter Book 1, and the second copy
    throws "Identifier 'THEBE_JS_URL' has already been declared"."""
    if doctree is not None and "body" in context:
        context["body"] = edition_switch(app, pagename) + context["body"]
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


def _respect_numfig(app, config):
    """Give the build the book's own ``numfig`` (false: it numbers no figure or table).
    sphinx_jupyterbook_latex turns numbering on for every builder, and with it on Sphinx
    walks every page's doctree on every build, a no-change rebuild included."""
    wanted = getattr(config, "_overrides", {}).get("numfig")
    if wanted is not None:
        config.numfig = wanted


def _add_static(app):
    """The book's own CSS and script (budgetbook/static/), shipped with the package."""
    app.config.html_static_path.append(str(Path(__file__).parent / "static"))
    app.add_css_file("budgetbook.css")
    app.add_js_file("budgetbook.js")


SEARCH_SCRIPT = "budgetbook-search.js"  # in budgetbook/static/
# The build's configuration value that changes with the code that cuts the pages' text,
# so that a change to it rewrites every page (and with them the texts).
SEARCH_TEXT_CONFIG = "budgetbook_search_text"


def _search_text_version() -> str:
    import hashlib

    return hashlib.sha256((Path(__file__).parent / "search_text.py").read_bytes()).hexdigest()


def _collect_search_text(app, pagename, templatename, context, doctree):
    """Keep the text of each page the build writes, for the search page's summaries
    (:mod:`budgetbook.search_text`); give the search page the scripts that show them."""
    if pagename == "search":
        from .search_text import SCRIPT

        app.add_js_file(SCRIPT)
        app.add_js_file(SEARCH_SCRIPT)
    if doctree is None or "body" not in context:
        return
    from .search_text import page_text

    app.__dict__.setdefault("budgetbook_search_texts", {})[pagename] = page_text(
        context["body"])


def _write_search_text(app):
    """Write the text of every page of the book into the site
    (``_static/budgetbook-search-text.js``), before the search page is written (so that
    its link to the script carries the script's checksum). A page this build did not
    write keeps the text an earlier build wrote, or, if there is none, is read from its
    HTML file."""
    from . import search_text

    if getattr(app.builder, "format", "") != "html":
        return []
    path = Path(app.outdir) / "_static" / search_text.SCRIPT
    docs = app.env.found_docs
    entries = {doc: entry for doc, entry in search_text.read_script(path).items()
               if doc in docs}
    entries.update(getattr(app, "budgetbook_search_texts", {}))
    for doc in sorted(docs - set(entries)):
        page = Path(app.outdir) / (doc + app.builder.out_suffix)
        if page.is_file():
            entries[doc] = search_text.page_text(page.read_text(encoding="utf-8"),
                                                 root_class="bd-article")
    text = search_text.script(entries)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return []


def _mark_languages(app, pagename, templatename, context, doctree):
    """Chinese on an English page marked as Chinese (:func:`budgetbook.book_checks.mark_page`)."""
    from .book_checks import mark_page

    mark_page(context, _language(app.config))


def _check_book(app):
    """The book's checks over the written pages (:func:`budgetbook.book_checks.after_pages`):
    claims.csv, checks.csv and the Status page's table; a problem is a warning."""
    from .book_checks import after_pages

    return after_pages(app, _language(app.config))


def _write_webfont(app, exception):
    """Give the site the pages' Chinese font, cut to the characters its pages show
    (:mod:`budgetbook.webfont`; made again only when they change)."""
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    from .webfont import write

    write(Path(app.outdir))


class _Terms(list):
    """A list whose ``in`` is a set lookup (see :func:`_chinese_search`)."""

    def __init__(self):
        super().__init__()
        self._seen = set()

    def extend(self, items):
        items = list(items)
        super().extend(items)
        self._seen.update(items)

    def __contains__(self, item):
        return item in self._seen


def _chinese_search(app, config):
    """The Chinese edition's search index, built in a third of the time: Sphinx's Chinese
    indexer keeps every Latin word it has seen in a list and looks each new word up in
    it, which grows quadratic with the book (about 7 s of the Chinese build's serial
    writing). The same index, from the same words, with a set lookup."""
    if not str(config.language or "").startswith("zh"):
        return
    try:
        from sphinx.search.zh import SearchChinese
    except ImportError:
        return

    class SearchChineseWithSetLookup(SearchChinese):
        def init(self, options):
            super().init(options)
            self.latin_terms = _Terms()

    app.add_search_language(SearchChineseWithSetLookup)


def setup(app):
    """Register the extension's event handlers with Sphinx."""
    app.connect("config-inited", _on_config_inited, priority=100)
    app.connect("config-inited", _chinese_search)
    app.connect("config-inited", _respect_numfig, priority=900)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-purge-doc", _on_env_purge_doc)
    app.connect("env-merge-info", _on_env_merge_info)
    app.connect("build-finished", _on_build_finished)
    app.connect("build-finished", _write_webfont)
    app.connect("env-before-read-docs", _execute_missing, priority=900)
    app.connect("html-page-context", _on_html_page_context, priority=900)
    app.connect("builder-inited", _add_static)
    app.add_config_value(EDITIONS_CONFIG, {}, "html")
    app.connect("config-inited", _edition_links)
    app.add_config_value(SEARCH_TEXT_CONFIG, _search_text_version(), "html")
    app.connect("html-page-context", _mark_languages, priority=400)
    app.connect("html-page-context", _collect_search_text)
    app.connect("html-collect-pages", _write_search_text)
    # after every page is written, and before the search text's page: the book's checks
    app.connect("html-collect-pages", _check_book, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
