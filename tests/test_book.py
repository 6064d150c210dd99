"""The book builds with warnings as errors, every _toc.yml entry becomes a page, no image
is broken, and a changed CSV shows on the rebuilt page (no stale numbers)."""
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, build

def toc_files(project: Path):
    toc = yaml.safe_load((project / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [ch["file"] for ch in part["chapters"]]
    return files


class _Imgs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.links = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def test_every_toc_entry_becomes_a_page(built_book):
    html = built_book / "_build" / "html"
    for entry in toc_files(built_book):
        assert (html / f"{entry}.html").is_file(), entry
    assert (html / "index.html").is_file()


def test_no_broken_images_and_alt_text_everywhere(built_book):
    html = built_book / "_build" / "html"
    charts = 0
    for page in html.rglob("*.html"):
        parser = _Imgs()
        parser.feed(page.read_text(encoding="utf-8"))
        for img in parser.imgs:
            src = img.get("src", "")
            if src.startswith("data:image/png;base64,"):
                charts += 1
                assert img.get("alt"), f"{page.name}: chart without alt text"
            elif src and not src.startswith(("http:", "https:")):
                assert (page.parent / src.split("#")[0]).resolve().is_file(), f"{page.name}: {src}"
    assert charts >= 11 * 3, charts


def test_internal_links_resolve(built_book):
    html = built_book / "_build" / "html"
    for page in html.rglob("*.html"):
        parser = _Imgs()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            if re.match(r"^(https?:|mailto:|#|javascript:)", href):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"{page.relative_to(html)} links to missing {href}"


def test_rebuild_without_change_executes_no_notebook(built_book):
    res = build(built_book)
    assert res.returncode == 0, res.stdout[-3000:]
    assert "Executing notebook" not in res.stdout and "budgetbook: executing" not in res.stdout
    assert "0 source files that are out of date" in res.stdout


def test_changed_csv_changes_the_rebuilt_page(built_book):
    """Through the plain `jupyter-book build`, a changed value reaches the page."""
    path = built_book / "data" / "deliverables.csv"
    original = path.read_text(encoding="utf-8")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    row = df.index[(df["table"] == "16.8") & (df["item_no"] == "1")][0]
    df.loc[row, "plan_2025"] = "9876"
    df.to_csv(path, index=False, lineterminator="\n")
    try:
        res = build(built_book)
        assert res.returncode == 0, res.stdout[-3000:]
        assert "budgetbook: executing 13 notebooks" in res.stdout  # the data changed: all re-run
        page = (built_book / "_build/html/notebooks/sp3_countering_corruption.html").read_text(
            encoding="utf-8")
        assert "9876" in page
    finally:
        path.write_text(original, encoding="utf-8")
