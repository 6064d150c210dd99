"""Sphinx extension: make Jupyter Book's execution cache data-aware.

MyST-NB's cache (jupyter-cache) keys a notebook on its code cells only, so a
changed CSV would leave a stale page. This extension, listed in _config.yml,
(1) points the execution cache at a folder named after a hash of the data
files and the budgetbook package, so a change there misses the cache and the
notebooks run again, and (2) records those files as dependencies of every
notebook page, so Sphinx re-reads the pages whose inputs changed. With no
change, the rebuild re-reads nothing and executes nothing.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


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


def _on_doctree_read(app, doctree):
    env = app.env
    if env.docname.startswith("notebooks/") or env.docname in ("book/data_dictionary",
                                                               "book/source_audit"):
        for path in input_files(Path(app.srcdir)):
            env.note_dependency(str(path))


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
    app.connect("html-page-context", _on_html_page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
