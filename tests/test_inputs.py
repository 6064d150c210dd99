"""What each page reads (budgetbook.inputs): a chapter's cache key covers exactly the rows
the chapter is given, and each kind of change moves the keys of the pages it should."""
import csv
import io

import pytest

from budgetbook import config, inputs, load_all
from budgetbook.loading import chapter_tables
from conftest import CHAPTER_IDS, DATA, ROOT

FILES = inputs.read_data_files(DATA)
NOTEBOOKS = config.notebooks()
CODE = inputs.code_digest(exclude_build=True)
TABLES = load_all(DATA)


def _rows(raw: bytes):
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def _edit(files, name, match, column, value):
    """files with one cell changed: the first row of `name` where match(row) holds."""
    rows = _rows(files[name])
    header = rows[0]
    row = next(r for r in rows[1:] if match(dict(zip(header, r))))
    assert row[header.index(column)] != value
    row[header.index(column)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return {**files, name: buf.getvalue().encode("utf-8")}


def _changed(before, after):
    """The notebook ids whose digest differs."""
    return {sp for sp, stem in NOTEBOOKS.items() if before[stem] != after[stem]}


@pytest.mark.parametrize("sp", CHAPTER_IDS)
def test_a_chapter_is_given_exactly_the_rows_its_key_covers(sp):
    """The frames a chapter notebook reads (loading.chapter_tables) hold the same rows, at
    the same CSV lines, as the bytes its cache entry is keyed on (inputs.chapter_rows)."""
    keyed = inputs.chapter_rows(FILES, sp)
    frames = chapter_tables(TABLES, sp)
    checked = 0
    for name, df in frames.items():
        raw_rows = _rows(FILES[f"{name}.csv"])
        kept_rows = _rows(keyed[f"{name}.csv"])
        key = inputs.key_column(f"{name}.csv", raw_rows[0])
        if key is None:
            assert kept_rows == raw_rows and len(df) == len(TABLES[name]), name
            continue
        at = raw_rows[0].index(key)
        lines = [n for n, row in enumerate(raw_rows[1:], start=2)
                 if row[at] == sp or row[at] not in CHAPTER_IDS]
        assert df.attrs["lines"] == lines, name
        assert len(kept_rows) - 1 == len(df), name
        assert not set(df[key].dropna()) & (set(CHAPTER_IDS) - {sp}), name
        assert sp in set(df[key].dropna()) or name not in ("deliverables", "results"), name
        checked += 1
    assert checked >= 10  # every file keyed by subprogramme was sliced


def test_one_chapters_row_moves_that_chapter_and_the_overview_only():
    before = inputs.page_digests(FILES, NOTEBOOKS, CODE)
    edited = _edit(FILES, "deliverables.csv", lambda r: r["subprogramme"] == "sp3",
                   "plan_2025", "9876")
    assert _changed(before, inputs.page_digests(edited, NOTEBOOKS, CODE)) == {
        "sp3", config.PROGRAMME_ID}
    # a chapter's own row of subprogrammes.csv (its title) is its own too
    edited = _edit(FILES, "subprogrammes.csv", lambda r: r["id"] == "sp9c2",
                   "objective_paragraph", "16.998")
    assert _changed(before, inputs.page_digests(edited, NOTEBOOKS, CODE)) == {
        "sp9c2", config.PROGRAMME_ID}


@pytest.mark.parametrize("name, match, column, value", [
    ("mandates.csv", lambda r: r["subprogramme"] == "programme", "title_en", "Edited"),
    ("source_issues.csv", lambda r: r["subprogramme"] == "", "description_en", "Edited"),
    ("edition.csv", lambda r: True, "symbol", "A/80/6 (Sect. 16)/Part A"),
], ids=["programme-wide row", "row of no subprogramme", "edition record"])
def test_a_shared_row_moves_every_page(name, match, column, value):
    before = inputs.page_digests(FILES, NOTEBOOKS, CODE)
    edited = _edit(FILES, name, match, column, value)
    assert _changed(before, inputs.page_digests(edited, NOTEBOOKS, CODE)) == set(NOTEBOOKS)


def test_the_source_text_and_the_package_move_every_page(tmp_path):
    before = inputs.page_digests(FILES, NOTEBOOKS, CODE)
    raw = next(name for name in FILES if name.startswith("raw/"))
    edited = {**FILES, raw: FILES[raw] + b"\n"}
    assert _changed(before, inputs.page_digests(edited, NOTEBOOKS, CODE)) == set(NOTEBOOKS)
    # the package: a copy with one module edited
    package = tmp_path / "budgetbook"
    package.mkdir()
    for path in inputs.PACKAGE_DIR.glob("*.py"):
        (package / path.name).write_bytes(path.read_bytes())
    assert inputs.code_digest(True, package_dir=package) == CODE
    (package / "render.py").write_text((package / "render.py").read_text() + "\n# edited\n")
    code = inputs.code_digest(True, package_dir=package)
    assert _changed(before, inputs.page_digests(FILES, NOTEBOOKS, code)) == set(NOTEBOOKS)
    # the build's own extension is not run by any notebook
    (package / "render.py").write_bytes((inputs.PACKAGE_DIR / "render.py").read_bytes())
    (package / "sphinx_ext.py").write_text("# edited\n")
    assert inputs.code_digest(True, package_dir=package) == CODE
    # the table of contents (the chapter list) is read by every page
    toc = tmp_path / "_toc.yml"
    toc.write_text((ROOT / "_toc.yml").read_text() + "\n")
    assert inputs.code_digest(True, toc=toc) != CODE


def test_the_environment_key_moves_with_python_distributions_and_the_editions_fonts(
        monkeypatch, tmp_path):
    """Each edition's pages are keyed on the fonts their charts draw with: the Chinese
    font is part of the Chinese edition's key only; another font file, or another set
    of installed distributions, moves the key."""
    import sys

    from budgetbook import inputs, style
    en, zh = inputs.environment("en"), inputs.environment("zh")
    assert any("NotoSansSC-Regular.otf" in v for k, v in zh.items() if k.startswith("font "))
    assert not any("NotoSans" in v for k, v in en.items() if k.startswith("font "))
    assert {k: v for k, v in zh.items() if "NotoSansSC" not in v} == en
    assert "pandas-" in en["distributions"] and en["python"] == sys.version.split()[0]
    before = {lang: inputs.environment_digest(lang) for lang in ("en", "zh")}
    other = tmp_path / "NotoSansSC-Regular.otf"
    other.write_bytes(style.cjk_font_file().read_bytes()[:1000])
    monkeypatch.setattr(style, "cjk_font_file", lambda: other)
    assert inputs.environment_digest("zh") != before["zh"]
    assert inputs.environment_digest("en") == before["en"]
    (tmp_path / "site" / "somepackage-2.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert inputs.environment_digest("en") != before["en"]
