"""Each edition can be published alone: its link to the other edition goes to the address
that edition is published at, and a page the other edition lacks gets no link but a
build warning (an error under -W)."""
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from budgetbook import config, sphinx_ext
from conftest import ENGLISH, ROOT, build

BASE = "https://example.org/unodc-zh/"
# The variables the README documents (budgetbook.config.EDITION_URL_ENV).
URL_EN, URL_ZH = "BUDGETBOOK_EDITION_URL_EN", "BUDGETBOOK_EDITION_URL_ZH"


class _Warnings:
    """Stands in for the extension's Sphinx logger: records its warnings."""

    def __init__(self):
        self.messages = []

    def warning(self, message, *args, location=None, **kwargs):
        self.messages.append((message, location))

    def info(self, *args, **kwargs):
        pass


def _app(project: Path = ROOT, edition: str = "en"):
    """What edition_switch reads of a Sphinx application building ``edition``."""
    return SimpleNamespace(srcdir=project, outdir=project / config.EDITION_SITES[edition],
                           config=SimpleNamespace())


@pytest.fixture
def warnings(monkeypatch):
    recorder = _Warnings()
    monkeypatch.setattr(sphinx_ext, "logger", recorder)
    for name in (URL_EN, URL_ZH):
        monkeypatch.delenv(name, raising=False)
    return recorder


def test_a_page_without_a_counterpart_gets_no_link_and_a_warning_naming_it(warnings):
    assert sphinx_ext.edition_switch(_app(), "notebooks/my_page") == ""
    [(message, location)] = warnings.messages
    assert location == "notebooks/my_page"
    assert ("notebooks/my_page has no counterpart in the Chinese edition (book/zh/_toc.yml "
            "does not list notebooks/zh/my_page)") in message
    assert "python -m budgetbook editions" in message
    assert sphinx_ext.edition_switch(_app(edition="zh"), "book/zh/only_in_chinese") == ""
    message, location = warnings.messages[1]
    assert location == "book/zh/only_in_chinese"
    assert ("book/zh/only_in_chinese has no counterpart in the English edition (_toc.yml does "
            "not list book/only_in_chinese)") in message


def test_a_page_with_a_counterpart_links_to_it_relative_or_at_the_editions_address(
        warnings, monkeypatch):
    relative = sphinx_ext.edition_switch(_app(), "book/method")
    assert 'href="../../zh/_build/html/book/zh/method.html"' in relative
    assert 'href="../../../../../html/notebooks/sp3_countering_corruption.html"' in \
        sphinx_ext.edition_switch(_app(edition="zh"), "notebooks/zh/sp3_countering_corruption")
    monkeypatch.setenv(URL_ZH, BASE.rstrip("/"))  # the / is added
    monkeypatch.setenv(URL_EN, "/unodc/")
    assert f'href="{BASE}book/zh/method.html"' in sphinx_ext.edition_switch(_app(),
                                                                            "book/method")
    assert 'href="/unodc/book/method.html"' in sphinx_ext.edition_switch(
        _app(edition="zh"), "book/zh/method")
    assert warnings.messages == []


def test_an_editions_address_must_be_one():
    assert config.EDITION_URL_ENV == {"en": URL_EN, "zh": URL_ZH}
    name = URL_ZH
    assert config.edition_url("zh", {}) is None
    assert config.edition_url("zh", {name: " "}) is None
    assert config.edition_url("zh", {name: "https://example.org/zh"}) == "https://example.org/zh/"
    with pytest.raises(ValueError, match=rf"\${name} is 'example.org/zh': give the address"):
        config.edition_url("zh", {name: "example.org/zh"})


class _Links(HTMLParser):
    """Every address a page refers to, and the ones of its links to the other edition."""

    def __init__(self):
        super().__init__()
        self.refs, self.switches, self._in_switch = [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "p" and sphinx_ext.SWITCH_CLASS in (a.get("class") or "").split():
            self._in_switch += 1
        for attr in ("href", "src"):
            if a.get(attr) and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.refs.append(a[attr])
                if self._in_switch and tag == "a":
                    self.switches.append(a[attr])

    def handle_endtag(self, tag):
        if tag == "p" and self._in_switch:
            self._in_switch -= 1


def _broken(site: Path) -> list[str]:
    """The site's references that resolve to no file of the site itself."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] == "_static":  # the theme's template fragments
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", ref):  # an address, data:, an anchor
                continue
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            if not target.is_relative_to(site.resolve()) or not target.exists():
                broken.append(f"{page.relative_to(site)}: {ref}")
    return broken


@pytest.fixture(scope="module")
def english_alone(built_book, tmp_path_factory):
    """The built project without its Chinese edition's build, with the English edition
    built again alone, knowing the address the Chinese one is published at."""
    project = tmp_path_factory.mktemp("english_alone") / "project"
    # the Chinese edition's build folder (_build/zh) is left out
    zh_build = built_book / config.EDITION_SITES["zh"].parents[1]
    shutil.copytree(built_book, project, symlinks=True,
                    ignore=lambda folder, names: [zh_build.name] if Path(folder) == zh_build.parent
                    else [])
    assert not (project / config.EDITION_SITES["zh"]).exists()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(URL_ZH, BASE)
        res = build(project, ENGLISH)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return project


@pytest.mark.slow
@pytest.mark.xdist_group("english_alone")
def test_an_edition_built_alone_links_to_the_other_at_its_address(english_alone):
    """Every page of the English site links to its Chinese counterpart at the address
    given, and nothing in the site refers to a file outside it (or to none)."""
    site = english_alone / config.EDITION_SITES["en"]
    for entry in config.toc_files(english_alone / "_toc.yml"):
        parser = _Links()
        parser.feed((site / f"{entry}.html").read_text(encoding="utf-8"))
        assert parser.switches == [f"{BASE}{config.in_edition(entry, 'zh')}.html"], entry
    assert _broken(site) == []


@pytest.mark.slow
@pytest.mark.xdist_group("english_alone")
def test_a_page_dropped_from_the_other_edition_fails_the_build_naming_it(english_alone):
    """A page the Chinese table of contents no longer lists: the English build (which
    changed nothing of its own) rewrites its pages and stops on a warning naming it."""
    toc = english_alone / "book" / "zh" / "_toc.yml"
    text = toc.read_text(encoding="utf-8")
    assert "  - file: book/zh/status\n" in text
    toc.write_text(text.replace("  - file: book/zh/status\n", ""), encoding="utf-8")
    res = build(english_alone, ENGLISH)
    assert res.returncode != 0
    assert ("book/status has no counterpart in the Chinese edition (book/zh/_toc.yml does not "
            "list book/zh/status), so it gets no link to that edition") in res.stdout + res.stderr
