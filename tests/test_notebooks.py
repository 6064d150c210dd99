"""The notebooks: pairs in sync, parameters cells, no number typed into prose, commentary
stamped with its data.

nbval itself runs over notebooks/*.ipynb from the README's test command
(pytest --nbval), comparing stored outputs with a fresh run.
"""
import re

import jupytext
import pytest

from budgetbook import config, language, load_all, views
from budgetbook.chapters import commentary_path
from budgetbook.commentary import fingerprints, read_commentary
from budgetbook.config import notebook_id
from budgetbook.edition import edition_of
from budgetbook.translations import COMMENTARY_HEADINGS
from conftest import ROOT

NB_DIR = ROOT / "notebooks"
STEMS = list(config.notebooks().values())
# Each edition's notebooks: the English ones, and their Chinese counterparts in notebooks/zh/.
NB_DIRS = {lang: NB_DIR / sub for lang, sub in config.EDITION_DIRS.items()}
EDITION_STEMS = [(lang, stem) for lang in NB_DIRS for stem in STEMS]
TEMPLATE = config.CHAPTER_TEMPLATE.stem
TABLES = load_all()
# The document the notebooks' written commentary is about: the edition of data/.
EDITION = edition_of(TABLES)


@pytest.mark.parametrize("lang, stem", EDITION_STEMS)
def test_pair_exists_and_is_in_sync(lang, stem):
    py, ipynb = NB_DIRS[lang] / f"{stem}.py", NB_DIRS[lang] / f"{stem}.ipynb"
    assert py.is_file() and ipynb.is_file(), stem
    a, b = jupytext.read(py), jupytext.read(ipynb)
    rel = py.relative_to(ROOT)
    assert [(c.cell_type, c.source) for c in a.cells] == [(c.cell_type, c.source) for c in b.cells], (
        f"{rel} and its .ipynb differ; run jupytext --sync {rel}")


@pytest.mark.parametrize("lang, stem", EDITION_STEMS)
def test_parameters_cell(lang, stem):
    nb = jupytext.read(NB_DIRS[lang] / f"{stem}.py")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, stem
    assert "data_dir" in params[0].source and "output_dir" in params[0].source
    assert f'language = "{lang}"' in params[0].source


def _labels(lang):
    with language.using(lang):
        return views.chapter_labels(TABLES).values()


# Allowed in prose: the document symbol, the chapters' names ("Subprogramme 9, component
# 1", from subprogrammes.csv), and paragraph, table and figure references of its section
# ("16.43", "Table 16.8", "Figure 16.VI"); years only in the written commentary, which its
# fingerprint binds to the data it was written on.
NAMES = sorted({name for lang in NB_DIRS for name in _labels(lang)}, key=len, reverse=True)
REFERENCE = re.compile(re.escape(EDITION.symbol) + "|" + "|".join(map(re.escape, NAMES))
                       + rf"|\b{re.escape(str(EDITION.section))}\.(?:[0-9]+|[IVXLC]+\b|[一二三四五六七八九十]+)")
# Years, and in Chinese the months of a date ("2023 年 3 月": English writes "March 2023").
YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b|\b[0-9]{1,2} ?月")


def typed_numbers(text: str, years_allowed: bool = False) -> list[str]:
    """The numbers a markdown text types by hand (references and the symbol removed)."""
    text = re.sub(r"\{glue:[a-z]+\}`[^`]*`", "", REFERENCE.sub("", text))
    if years_allowed:
        text = YEAR.sub("", text)
    return re.findall(r"\d[\d,.]*", text)


def test_typed_numbers_finds_what_it_should():
    assert typed_numbers("73 mandates in 2023 (paragraph 16.43, Table 16.8)") == ["73", "2023"]
    assert typed_numbers("in 2023, see Figure 16.VI", years_allowed=True) == []
    assert typed_numbers("{glue:text}`sp3_count` of them") == []
    assert typed_numbers("Subprogramme 9, component 1: secretariat") == []


@pytest.mark.parametrize("lang, stem", EDITION_STEMS + [("en", TEMPLATE)])
def test_no_number_typed_into_prose(lang, stem):
    """Every number in a page's prose comes from the data through glue."""
    nb = jupytext.read(NB_DIRS[lang] / f"{stem}.py")
    commentary = False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        commentary = cell.source.startswith(COMMENTARY_HEADINGS[lang])
        found = typed_numbers(cell.source, years_allowed=commentary)
        assert not found, (
            f"notebooks/{stem}.py, markdown cell {i}: typed number(s) {found} in "
            f"{cell.source[:120]!r} ({lang}). A number in prose must come from the data: compute it "
            f"in a code cell, glue('name', value, display=False) "
            f"(from budgetbook.render import glue), "
            f"and write {{glue:text}}`name` in the markdown (README, Contributing). "
            f"References such as 16.43, Table 16.8 and the document symbol are allowed.")


@pytest.mark.parametrize("lang, stem", EDITION_STEMS)
def test_commentary_is_stamped_with_the_data_it_was_written_on(lang, stem):
    """The cell before the commentary names its document and the fingerprints of the rows
    it discusses; on data/ they must be today's, or the page would show its notice."""
    nb = jupytext.read(NB_DIRS[lang] / f"{stem}.py")
    cells = nb.cells
    at = [i for i, c in enumerate(cells)
          if c.cell_type == "markdown" and c.source.startswith(COMMENTARY_HEADINGS[lang])]
    assert len(at) == 1, stem
    before = cells[at[0] - 1]
    assert before.cell_type == "code" and before.source.startswith("commentary.notice("), stem
    sp = notebook_id(stem)
    written = read_commentary(commentary_path(sp, lang))
    assert written.written_for == EDITION.symbol
    assert written.written_on == fingerprints(TABLES, sp), (
        f"data/ changed under book/commentary/{sp}.md: re-read the commentary against the "
        f"changed rows, then run python -m budgetbook chapters --stamp {sp}")
    assert f'"{EDITION.symbol}"' in before.source
    for name, digest in written.written_on.items():
        assert f'"{name}": "{digest}"' in before.source, (stem, name)


@pytest.mark.parametrize("lang, stem", EDITION_STEMS)
def test_every_code_cell_has_stored_outputs(lang, stem):
    """nbval passes a notebook with no stored outputs; the book and readers need them."""
    nb = jupytext.read(NB_DIRS[lang] / f"{stem}.ipynb")
    unexecuted = [i for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and c.get("execution_count") is None]
    assert not unexecuted, (f"{stem}.ipynb: code cells {unexecuted} were never executed; run "
                            f"python -m budgetbook refresh -s {notebook_id(stem)}")


@pytest.mark.parametrize("lang, stem", EDITION_STEMS)
def test_no_stored_output_holds_a_warning_or_log_line(lang, stem):
    """Nothing but the analysis: no cell's stored output is a stderr stream (a warning or
    a log line), which nbval would compare and a reader of the notebook would see."""
    nb = jupytext.read(NB_DIRS[lang] / f"{stem}.ipynb")
    stderr = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not stderr, f"{stem}.ipynb: cells {stderr} store stderr output"


@pytest.mark.slow
def test_students_can_open_and_export_a_notebook(tmp_path):
    """requirements-lab.txt adds JupyterLab, pinned, to the main install; the main install
    exports a notebook with nbconvert (the README's Contributing section)."""
    import subprocess
    import sys
    lab = (ROOT / "requirements-lab.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lab if line.strip() and not line.startswith("#")]
    assert pins[0] == "-r requirements.txt"
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.+-]*", p) for p in pins[1:]), pins
    assert any(p.startswith("jupyterlab==") for p in pins)
    stem = config.notebooks()["sp3"]
    res = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "markdown",
                          "--output-dir", str(tmp_path), str(NB_DIR / f"{stem}.ipynb")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    exported = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert "indicators.delivery_rate(" in exported  # the computation travels with it
