"""Two editions, one source: the Chinese edition's configuration, table of contents, page
names and the link between the editions; and its translations, current or marked stale."""
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from budgetbook import config, editions, translations
from budgetbook.sphinx_ext import edition_switch
from conftest import ROOT


def test_the_chinese_configuration_and_contents_are_generated_from_the_english():
    res = subprocess.run([sys.executable, "-m", "budgetbook", "editions", "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    toc = yaml.safe_load(config.EDITION_TOCS["zh"].read_text(encoding="utf-8"))
    english = config.toc_files()
    chinese = config.toc_files(config.EDITION_TOCS["zh"])
    assert chinese == [config.in_edition(f, "zh") for f in english]  # same pages, same order
    assert all(not any(c.isascii() and c.isalpha() for c in part["caption"])
               for part in toc["parts"])
    conf = yaml.safe_load(config.EDITION_CONFIGS["zh"].read_text(encoding="utf-8"))
    assert conf["sphinx"]["config"]["language"] == "zh_CN"
    assert conf["exclude_patterns"] == yaml.safe_load(
        (ROOT / "_config.yml").read_text(encoding="utf-8"))["exclude_patterns"]


def test_a_change_to_the_english_configuration_reaches_the_chinese_one():
    english = {"title": "T", "execute": {"timeout": 600},
               "sphinx": {"config": {"language": "en", "numfig": False}}}
    changed = editions.zh_config({**english, "execute": {"timeout": 900}})
    assert changed["execute"] == {"timeout": 900}
    assert changed["sphinx"]["config"]["language"] == "zh_CN"
    assert changed["sphinx"]["config"]["numfig"] is False
    with pytest.raises(KeyError, match="the caption 'New part' has no Chinese"):
        editions.zh_toc({"root": "book/intro", "parts": [{"caption": "New part",
                                                           "chapters": []}]})


@pytest.mark.parametrize("page", config.toc_files())
def test_every_page_has_its_counterpart_in_the_other_edition(page):
    chinese = config.in_edition(page, "zh")
    assert config.english_of(chinese) == page and config.english_of(page) == page
    assert config.edition_of_page(chinese) == "zh" and config.edition_of_page(page) == "en"
    suffixes = [".md", ".ipynb"]
    assert any((ROOT / f"{chinese}{s}").is_file() for s in suffixes), chinese


def test_the_edition_switch_links_the_same_page_in_the_other_site(tmp_path, monkeypatch):
    for name in config.EDITION_URL_ENV.values():  # no address: relative links
        monkeypatch.delenv(name, raising=False)
    for toc in config.EDITION_TOCS.values():  # the pages each edition has
        rel = toc.relative_to(ROOT)
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(toc, tmp_path / rel)
    english = SimpleNamespace(srcdir=str(tmp_path), outdir=str(tmp_path / "_build/html"))
    chinese = SimpleNamespace(srcdir=str(tmp_path),
                              outdir=str(tmp_path / "_build/zh/_build/html"))
    link = edition_switch(english, "notebooks/sp3_countering_corruption")
    href = link.split('href="')[1].split('"')[0]
    assert (tmp_path / "_build/html/notebooks" / href).resolve() == (
        tmp_path / "_build/zh/_build/html/notebooks/zh/sp3_countering_corruption.html")
    assert 'hreflang="zh-CN"' in link and "中文版" in link
    back = edition_switch(chinese, "book/zh/method")
    href = back.split('href="')[1].split('"')[0]
    assert (tmp_path / "_build/zh/_build/html/book/zh" / href).resolve() == (
        tmp_path / "_build/html/book/method.html")
    assert 'hreflang="en"' in back
    assert edition_switch(english, "search") == ""


def test_every_translation_is_current():
    """A stale translation fails here, naming the file (or the notebook cell) and, for a
    file, the commit whose English it translates: see the Contributing section of the
    README for what a translator does then."""
    res = subprocess.run([sys.executable, "-m", "budgetbook", "translations", "--check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def _catalogue(cells):
    return [{"sha256": translations.key(en), "en": en, "zh": zh} for en, zh in cells]


NOTEBOOK = ('# %% [markdown]\n# # Title\n#\n# First.\n\n# %%\nlanguage = "en"\n\n'
            '# %% [markdown]\n# Second.\n')


def test_a_notebook_is_translated_cell_by_cell_and_its_language_parameter_set():
    catalogue = _catalogue([("# Title\n\nFirst.", "# 标题\n\n第一。"), ("Second.", "第二。")])
    text, problems = translations.translate_notebook(NOTEBOOK, catalogue, "nb")
    assert problems == []
    assert text == ('# %% [markdown]\n# # 标题\n#\n# 第一。\n\n# %%\nlanguage = "zh"\n\n'
                    '# %% [markdown]\n# 第二。\n')


def test_a_changed_english_cell_is_marked_stale_on_the_chinese_page_and_listed():
    catalogue = _catalogue([("# Title\n\nFirst.", "# 标题\n\n第一。"), ("Second.", "第二。")])
    changed = NOTEBOOK.replace("# First.", "# First, revised.")
    text, problems = translations.translate_notebook(changed, catalogue, "nb")
    assert problems == [f"nb: markdown cell 1 (# Title) changed since it was translated (its "
                        f"sha256 is now {translations.key('# Title' + chr(10) * 2 + 'First, revised.')}"
                        f", the translation's {catalogue[0]['sha256']})"]
    # the heading stays first (the outline and anchors do not move), the mark follows
    assert "# # 标题\n#\n# > **译文待更新**" in text and "# 第一。" in text
    added = NOTEBOOK + "\n# %% [markdown]\n# Third.\n"
    text, problems = translations.translate_notebook(added, catalogue, "nb")
    assert problems == ["nb: markdown cell 3 (Third.) has no translation"]
    assert "# > **尚无译文**" in text and "# Third." in text


def test_a_translated_page_made_from_an_older_english_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    english, chinese = tmp_path / "book/method.md", tmp_path / "book/zh/method.md"
    chinese.parent.mkdir(parents=True)
    english.write_text("# Method\n", encoding="utf-8")
    assert translations.file_problem(english, chinese) == (
        "book/zh/method.md: missing (the translation of book/method.md)")
    chinese.write_text("# 方法\n", encoding="utf-8")
    assert "no 'translation_of:" in translations.file_problem(english, chinese)
    record = translations.key("# Method\n")
    chinese.write_text(f"---\ntranslation_of:\n  file: book/method.md\n  sha256: {record}\n"
                       f"---\n# 方法\n", encoding="utf-8")
    assert translations.file_problem(english, chinese) == ""
    english.write_text("# Method, revised\n", encoding="utf-8")
    assert translations.file_problem(english, chinese, where=False) == (
        "book/zh/method.md: translates an older book/method.md")


def test_a_run_in_an_unknown_language_is_refused():
    res = subprocess.run([sys.executable, "-m", "budgetbook", "run", "-s", "sp3", "--language",
                          "fr"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 2 and "invalid choice: 'fr'" in res.stderr
