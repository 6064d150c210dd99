"""The build's execution helper: notebooks sharing a kernel do not share state."""
import nbformat
import pytest

from budgetbook.sphinx_ext import _run_in_one_kernel, inputs_digest


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
def test_shared_kernel_resets_namespace_and_cwd_and_drops_failures(tmp_path):
    items = [
        _nb(tmp_path / "a" / "one.ipynb", "secret = 42", "import os; print(os.getcwd())"),
        _nb(tmp_path / "b" / "two.ipynb", "raise ValueError('boom')"),
        _nb(tmp_path / "c" / "three.ipynb", "print('secret' in dir())",
            "import os; print(os.getcwd())"),
    ]
    done = _run_in_one_kernel(items, timeout=120)
    names = [path.name for path, *_ in done]
    assert names == ["one.ipynb", "three.ipynb"]  # the failing one is left to MyST-NB
    one, three = done[0][1], done[1][1]
    assert str(tmp_path / "a") in _text(one)
    assert "False" in _text(three) and str(tmp_path / "c") in _text(three)
    # the notebooks' own cells are untouched (the cache key depends on them)
    assert [c.cell_type for c in three.cells] == ["markdown", "code", "code"]


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
    """A page that declares what it reads runs on a copy holding only those files: the
    shared kernel points $BUDGETBOOK_DATA_DIR at each notebook's own data."""
    items = [_nb(tmp_path / "a" / "one.ipynb", "import os; print(os.environ['BUDGETBOOK_DATA_DIR'])"),
             _nb(tmp_path / "b" / "two.ipynb", "import os; print(os.environ['BUDGETBOOK_DATA_DIR'])")]
    dirs = {items[0][0]: str(tmp_path / "only-the-edition"), items[1][0]: str(tmp_path / "all")}
    done = _run_in_one_kernel(items, timeout=120, data_dirs=dirs)
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
