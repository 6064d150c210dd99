"""The build's execution helper: each notebook in a fresh kernel, sharing no state."""
import nbformat
import pytest

from budgetbook.sphinx_ext import _run_in_fresh_kernels, inputs_digest


def _nb(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t")] +
                                  [nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path, nbformat.read(path, as_version=4), None


def _text(nb):
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                   for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("fork", ["1", "0"])
def test_each_notebook_starts_fresh_and_failures_are_dropped(tmp_path, monkeypatch, fork):
    """A notebook run after another sees none of its variables, module constants,
    matplotlib settings, environment variables or working directory: with kernels forked
    from the template, and started the usual way ($BUDGETBOOK_KERNEL_FORK=0, as where the
    system cannot fork)."""
    monkeypatch.setenv("BUDGETBOOK_KERNEL_FORK", fork)
    items = [
        _nb(tmp_path / "a" / "one.ipynb", "secret = 42", "import os; print(os.getcwd())",
            "import os, matplotlib, budgetbook.indicators as i\n"
            "i.MATERIAL_DELIVERY = 0.5; matplotlib.rcParams['font.size'] = 30\n"
            "os.environ['LEAKED'] = 'yes'; os.chdir('/')"),
        _nb(tmp_path / "b" / "two.ipynb", "raise ValueError('boom')"),
        _nb(tmp_path / "c" / "three.ipynb", "print('secret' in dir())",
            "import os; print(os.getcwd())",
            "import os, matplotlib, budgetbook.indicators as i\n"
            "print(i.MATERIAL_DELIVERY, matplotlib.rcParams['font.size'], "
            "os.environ.get('LEAKED'))"),
    ]
    done = _run_in_fresh_kernels(items, timeout=120)
    names = [path.name for path, *_ in done]
    assert names == ["one.ipynb", "three.ipynb"]  # the failing one is left to MyST-NB
    one, three = done[0][1], done[1][1]
    assert str(tmp_path / "a") in _text(one)
    assert "False" in _text(three) and str(tmp_path / "c") in _text(three)
    from budgetbook import indicators
    assert f"{indicators.MATERIAL_DELIVERY} 10.0 None" in _text(three)
    # the notebooks' own cells are untouched (the cache key depends on them)
    assert [c.cell_type for c in three.cells] == ["markdown", "code", "code", "code"]


def test_inputs_digest_changes_with_the_data(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("a\n1\n")
    first = inputs_digest(tmp_path)
    (tmp_path / "data" / "x.csv").write_text("a\n2\n")
    assert inputs_digest(tmp_path) != first
    (tmp_path / "data" / "raw").mkdir()
    (tmp_path / "data" / "raw" / "source.txt").write_text("text\n")
    assert inputs_digest(tmp_path) not in (first, inputs_digest(tmp_path / "other"))


@pytest.mark.slow
def test_each_notebook_runs_on_the_data_it_is_given(tmp_path):
    """A page that declares what it reads runs on a copy holding only those files: each
    kernel starts with $BUDGETBOOK_DATA_DIR pointing at its notebook's own data."""
    items = [_nb(tmp_path / "a" / "one.ipynb", "import os; print(os.environ['BUDGETBOOK_DATA_DIR'])"),
             _nb(tmp_path / "b" / "two.ipynb", "import os; print(os.environ['BUDGETBOOK_DATA_DIR'])")]
    dirs = {items[0][0]: str(tmp_path / "only-the-edition"), items[1][0]: str(tmp_path / "all")}
    done = _run_in_fresh_kernels(items, timeout=120, data_dirs=dirs)
    assert [_text(nb).strip() for _, nb, *_ in done] == [dirs[items[0][0]], dirs[items[1][0]]]


def test_a_page_declares_the_files_it_reads():
    from budgetbook.inputs import declared
    files = {"edition.csv": b"e", "deliverables.csv": b"d", "raw/source.txt": b"r"}
    assert declared(files, ["edition.csv", "raw/"]) == {"edition.csv": b"e",
                                                        "raw/source.txt": b"r"}
    assert declared(files, []) == {}
    from budgetbook.inputs import declared_reads
    assert declared_reads("---\nbudgetbook:\n  reads: [edition.csv, raw/]\n---\n# t\n") == (
        "edition.csv", "raw/")
    assert declared_reads("---\nbudgetbook:\n  reads: []\n---\n") == ()
    assert declared_reads("---\nkernelspec: {name: python3}\n---\n") is None
    assert declared_reads("# no front matter\n") is None
