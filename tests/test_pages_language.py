"""The reference pages (budgetbook/pages.py) in the Chinese edition: the source audit, the
source text and the data dictionary say everything in Chinese, except what the data hold in
English only, the source's own Latin-letter words, ids and the data contract's names; and
they show the same numbers as the English pages."""
import json
import re

import pytest

from budgetbook import language, load_all, pages, render, source
from budgetbook.loading import data_dir
from chinese import english_left, visible


@pytest.fixture(scope="module")
def tables():
    return load_all()


def test_the_kinds_of_finding_are_named_in_the_language_in_use():
    english = dict(pages.CATEGORY_NAMES)
    assert english["status_against_numbers"] == "A status word the numbers contradict"
    with language.using("zh"):
        chinese = dict(pages.CATEGORY_NAMES)
        assert pages.CATEGORY_NAMES["total_mismatch"] == "印出的合计不等于各项之和"
    assert list(chinese) == list(english)  # the same kinds, in the same order
    assert len(set(chinese.values())) == len(chinese)  # no two kinds share a name
    left = english_left(" ".join(chinese.values()))
    assert not left, f"English words in the Chinese names of the kinds of finding: {left}"
    assert dict(pages.CATEGORY_NAMES) == english  # read again in English: English again


def test_the_audit_counts_are_the_same_numbers_under_chinese_headers(tables):
    english = pages.audit_counts(tables)
    with language.using("zh"):
        chinese = pages.audit_counts(tables)
        names = [pages.CATEGORY_NAMES[c] for c in pages.CATEGORY_NAMES
                 if c in set(tables["source_issues"]["category"])]
    assert list(chinese.columns) == ["问题类别", "经计算核查发现", "经阅读发现", "合计"]
    assert chinese["问题类别"].tolist() == names
    assert chinese.iloc[:, 1:].to_numpy().tolist() == english.iloc[:, 1:].to_numpy().tolist()
    left = english_left(" ".join(list(chinese.columns) + chinese["问题类别"].tolist()))
    assert not left, f"English words in the Chinese audit counts: {left}"


# What the schema's meanings quote as it is in Chinese too: the measure columns' name
# templates, the data directory's paths, the words of the measure codes ('Figure <n>.I',
# 'Table <n>.2', values of results.measure), the ISO code, a module and a data prefix.
QUOTED_IN_MEANINGS = {"plan_{Y-2}", "actual_{Y-2}", "plan_{Y-1}", "plan_{Y}", "data/raw",
                      "raw/", "Figure", "Table", "ISO 639-1", "budgetbook.audit",
                      "Planned target:"}


def _contract_names():
    """The column names of the data contract that a finding may quote in any language
    (footnote_zh, plan_2025: the names with an underscore, so that no short name is taken
    out of a word it is part of)."""
    descriptor = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    return {f["name"] for res in descriptor["resources"] for f in res["schema"]["fields"]
            if "_" in f["name"]}


def test_the_chinese_audit_page_says_every_finding_in_chinese(tables):
    """On the Chinese page, every finding's location, description and what the book does
    are the book's Chinese (location_zh, description_zh, book_action_zh): nothing is quoted
    in English any more, and no English word is left but the source's own, ids and the
    names of the data contract."""
    issues = tables["source_issues"]
    english = pages.audit_by_category(tables)
    with language.using("zh"):
        note = pages.audit_by_category(tables)
    assert '<span lang="en">' not in note.html
    for r in issues.itertuples():
        assert render.escape(r.location_zh) in note.html
        assert pages._inline_markdown(r.description_zh) in note.html
        assert pages._inline_markdown(r.book_action_zh) in note.html
        assert f"  {r.issue_id} {r.location_zh}：{r.description_zh}" in note.text.split("\n")
        # the English page is as it was: the English columns, unmarked
        assert pages._inline_markdown(r.description_en) in english.html
        assert pages._inline_markdown(r.description_zh) not in english.html
    left = english_left(visible(note.html), allowed=_contract_names())
    assert not left, f"English words on the Chinese source audit page: {left}"
    # the same findings, linked to the same chapters and lines, in the same order
    assert note.html.count("<li>") == english.html.count("<li>") == len(issues)
    # (the Chinese page, in book/zh/, links the Chinese chapters, in notebooks/zh/)
    chinese_links = re.findall(r'href="([^"]+)"', note.html)
    assert any(h.startswith("../../notebooks/zh/") for h in chinese_links)
    assert [h.replace("../../notebooks/zh/", "../notebooks/") for h in chinese_links] == \
        re.findall(r'href="([^"]+)"', english.html)
    # the links to the source's lines (a description may name other lines, in words)
    assert re.findall(r">第 (\d+) 行<", note.html) == re.findall(r">line (\d+)<", english.html)
    headings = re.findall(r"<h3 id=\"audit-[a-z-]+\">(.+?)（(\d+)）</h3>", note.html)
    assert headings and [int(n) for _, n in headings] == [
        int(n) for n in re.findall(r"</?h3[^>]*>[^<]* \((\d+)\)</h3>", english.html)]
    assert "<em>本书的处理：</em>" in note.html
    text_left = english_left(note.text, allowed=_contract_names())
    assert not text_left, text_left


def test_the_chinese_source_text_page_counts_its_lines_in_chinese():
    lines = source.raw_lines()
    with language.using("zh"):
        note = pages.source_text(lines)
    assert note.text == f"原文共 {len(lines)} 行"
    assert note.html == pages.source_text(lines).html  # the text itself is the source's


def test_the_chinese_data_dictionary_keeps_the_contracts_names_and_says_the_rest_in_chinese():
    """The file and column names, codes and patterns are the data contract and stay as
    they are, and so are the name templates, paths and codes the meanings quote
    (QUOTED_IN_MEANINGS); the titles, descriptions and meanings are Chinese (from schema.py,
    beside the English); every other word of the page is Chinese, and the row counts are the English page's."""
    descriptor = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    english = pages.data_dictionary(descriptor, data_dir())
    with language.using("zh"):
        note = pages.data_dictionary(descriptor, data_dir())
    contract = {"subprogramme", "subprogrammes.csv"}
    for res in descriptor["resources"]:
        contract |= {res["path"]}
        contract |= set(res["schema"]["primaryKey"])
        for f in res["schema"]["fields"]:
            constraints = f.get("constraints", {})
            contract |= {f["name"], constraints.get("pattern", "")}
            contract |= {str(v) for v in constraints.get("enum", [])}
    contract |= QUOTED_IN_MEANINGS
    contract.discard("")
    left = english_left(visible(note.html), allowed=contract)
    assert not left, f"English words on the Chinese data dictionary: {left}"
    assert "<th>列</th>" in note.html and "<th>含义</th>" in note.html
    assert re.findall(r"<p>(\d+) 行；", note.html) == re.findall(r"<p>(\d+) rows; ",
                                                                 english.html)
    assert note.text.count("\n") == english.text.count("\n")
    assert not english_left(note.text, allowed=contract)


def test_the_chinese_data_dictionary_says_every_title_description_and_meaning_in_chinese():
    """Every resource's title and description and every field's description has its Chinese
    (budgetbook/schema.py, beside the English); the Chinese data dictionary shows it, not
    marked as English, with no English word left but the contract's column names, its enum
    codes and the column-name templates, paths and codes the English quotes; and each
    Chinese text states the same numbers as its English."""
    from budgetbook import schema

    descriptor = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    chinese = schema.chinese_texts(schema_edition())
    numbers = re.compile(r"[0-9]+")
    texts = []
    for res in descriptor["resources"]:
        zh = chinese[res["name"]]
        pairs = [(res["title"], zh["title"])]
        if res.get("description"):
            pairs.append((res["description"], zh["description"]))
        else:
            assert "description" not in zh, res["name"]
        assert set(zh["fields"]) == {f["name"] for f in res["schema"]["fields"]}, res["name"]
        pairs += [(f["description"], zh["fields"][f["name"]]) for f in res["schema"]["fields"]]
        for english, text in pairs:
            assert text and text.strip() and re.search(r"[\u4e00-\u9fff]", text), english
            assert set(numbers.findall(text)) == set(numbers.findall(english)), (english, text)
            texts.append(text)
    with language.using("zh"):
        html = pages.data_dictionary(descriptor, data_dir()).html
    assert 'lang="en"' not in html
    for text in texts:
        assert render.escape(text) in html, text
    names = {f["name"] for res in descriptor["resources"] for f in res["schema"]["fields"]}
    codes = {str(v) for res in descriptor["resources"] for f in res["schema"]["fields"]
             for v in f.get("constraints", {}).get("enum", [])}
    # the meanings themselves (the rest of the page: the test above)
    files = {res["path"] for res in descriptor["resources"]}  # before the names they hold
    left = english_left(" ".join(texts), allowed=names | codes | files | QUOTED_IN_MEANINGS)
    assert not left, f"English words in the Chinese data dictionary's meanings: {left}"


def schema_edition():
    from budgetbook.loading import read_edition
    return read_edition(data_dir())
