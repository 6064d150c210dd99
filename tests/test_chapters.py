"""Every chapter notebook comes from one template, with its own commentary merged in."""
import subprocess
import sys

import jupytext
import papermill
import pytest

from budgetbook import chapters, config
from conftest import ROOT


def test_committed_chapters_equal_what_the_template_gives():
    wanted = chapters.expected()
    # every chapter and the overview, in both editions
    assert len(wanted) == 2 * len(config.notebooks())
    for path, text in wanted.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} differs from the template: run 'python -m budgetbook chapters'")
    res = subprocess.run([sys.executable, "-m", "budgetbook", "chapters", "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr


def _template():
    return config.CHAPTER_TEMPLATE.read_text(encoding="utf-8")


def test_commentary_and_title_are_merged_into_the_template():
    text = chapters.render(_template(), "sp42", "Subprogramme 42: Testing",
                           chapters.Commentary("X/1", "First paragraph.\n\nSecond one."))
    stamped = chapters.render(_template(), "sp42", "Subprogramme 42: Testing",
                              chapters.Commentary("X/1", "Text.", {"a.csv": "0123abcd"}))
    assert '"a.csv": "0123abcd",' in stamped
    assert "# # Subprogramme 42: Testing\n" in text
    assert 'subprogramme = "sp42"\n' in text
    assert 'views.check_subprogramme(tables, subprogramme, written_for="sp42")' in text
    assert 'commentary.notice(tables, sp, written_for="X/1")' in text
    assert "# ## Commentary\n#\n# First paragraph.\n#\n# Second one.\n" in text
    assert "A subprogramme chapter" not in text and "Each chapter's written" not in text


def test_a_template_missing_a_part_is_named():
    assert "# # A subprogramme chapter\n" in _template()
    broken = _template().replace("# # A subprogramme chapter\n", "#\n")
    with pytest.raises(chapters.TemplateError, match="expected the title line once, found 0"):
        chapters.render(broken, "sp1", "t", chapters.Commentary("X/1", "c"))


def _cells(path):
    return jupytext.read(path).cells


@pytest.mark.parametrize("stem", sorted(config.notebooks().values()))
def test_the_chinese_notebook_runs_the_same_code_with_the_language_parameter_set(stem):
    english = _cells(chapters.notebook_path(stem))
    chinese = _cells(chapters.notebook_path(stem, "zh"))
    assert [c.cell_type for c in chinese] == [c.cell_type for c in english]
    differing = [(e.source, z.source) for e, z in zip(english, chinese)
                 if e.cell_type == "code" and e.source != z.source]
    # One code cell differs, in one line: the parameter.
    assert len(differing) == 1
    (e, z), = differing
    assert e.replace('language = "en"', 'language = "zh"') == z
    prose = [z.source for e, z in zip(english, chinese) if e.cell_type == "markdown"]
    assert all(p != e.source for p, e in zip(prose, [c for c in english
                                                     if c.cell_type == "markdown"]))


@pytest.mark.slow
def test_the_template_runs_as_a_chapter_for_any_subprogramme(tmp_path):
    nb = jupytext.read(config.CHAPTER_TEMPLATE)
    out = tmp_path / "sp5.ipynb"
    papermill.execute_notebook(nb, str(out), parameters={"subprogramme": "sp5"},
                               kernel_name="python3", cwd=str(config.NOTEBOOKS_DIR),
                               progress_bar=False, extra_arguments=["--IPKernelApp.log_level=50"])
    executed = out.read_text(encoding="utf-8")
    assert "Subprogramme 5: Justice" in executed
    assert "Subprogramme 1:" not in executed
    assert "{glue:text}`delivery_finding`" in executed  # the at-a-glance lines are glued
    assert "application/papermill.record/text/plain" in executed
