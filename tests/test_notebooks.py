"""The notebooks: pairs in sync, parameters cells, thin (no numbers typed by hand).

nbval itself runs over notebooks/*.ipynb from the README's test command
(pytest --nbval), comparing stored outputs with a fresh run.
"""
import re

import jupytext
import pytest

from budgetbook.chapter import NOTEBOOKS
from budgetbook.config import notebook_id
from budgetbook.loading import read_edition
from conftest import ROOT

NB_DIR = ROOT / "notebooks"
STEMS = list(NOTEBOOKS.values())
# The document the notebooks' written commentary is about: the edition of data/.
SYMBOL = read_edition().symbol


@pytest.mark.parametrize("stem", STEMS)
def test_pair_exists_and_is_in_sync(stem):
    py, ipynb = NB_DIR / f"{stem}.py", NB_DIR / f"{stem}.ipynb"
    assert py.is_file() and ipynb.is_file(), stem
    a, b = jupytext.read(py), jupytext.read(ipynb)
    assert [(c.cell_type, c.source) for c in a.cells] == [(c.cell_type, c.source) for c in b.cells], (
        f"{stem}: .py and .ipynb differ; run jupytext --sync notebooks/{stem}.py")


@pytest.mark.parametrize("stem", STEMS)
def test_parameters_cell(stem):
    nb = jupytext.read(NB_DIR / f"{stem}.py")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, stem
    assert "data_dir" in params[0].source and "output_dir" in params[0].source


@pytest.mark.parametrize("stem", STEMS)
def test_no_number_typed_into_a_notebook(stem):
    """Numbers come from data/ through the package: prose and code carry none, except
    paragraph, table and figure references, the document symbol the commentary is written
    for, and the years of the plan."""
    nb = jupytext.read(NB_DIR / f"{stem}.py")
    allowed = re.compile(re.escape(SYMBOL) + "|"
                         r"(16\.[0-9]+|16\.[IVXL]+|\b20(2[1-5])\b|\bsp[0-9]c?[0-9]?\b|"
                         r"\b[0-9]\b(?= to \b[0-9]\b)|\b[0-9]\b(?=, )|Result [0-3]|"
                         r"[Ss]ubprogramme [0-9]|component [12]|Programme 13|2030)")
    for cell in nb.cells:
        text = allowed.sub("", cell.source)
        text = re.sub(r"\bresult[s]? [0-9]( (to|and) [0-9])?|, [0-3]\)", "", text)
        found = re.findall(r"\d[\d,.]*", text)
        assert not found, (stem, found, cell.source[:200])


@pytest.mark.parametrize("stem", STEMS)
def test_commentary_names_the_edition_it_was_written_for(stem):
    """The written commentary depends on the document: the cell before it declares which,
    so a run on another edition's data warns that the commentary is not about its numbers."""
    nb = jupytext.read(NB_DIR / f"{stem}.py")
    cells = nb.cells
    at = [i for i, c in enumerate(cells)
          if c.cell_type == "markdown" and c.source.startswith("## Commentary")]
    assert len(at) == 1, stem
    before = cells[at[0] - 1]
    assert before.cell_type == "code", stem
    assert before.source.strip() == (
        f'chapter.commentary_note(tables, written_for="{SYMBOL}")'), (stem, before.source)


@pytest.mark.parametrize("stem", STEMS)
def test_every_code_cell_has_stored_outputs(stem):
    """nbval passes a notebook with no stored outputs; the book and readers need them."""
    nb = jupytext.read(NB_DIR / f"{stem}.ipynb")
    unexecuted = [i for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and c.get("execution_count") is None]
    assert not unexecuted, (f"{stem}.ipynb: code cells {unexecuted} were never executed; run "
                            f"python -m budgetbook refresh -s {notebook_id(stem)}")
