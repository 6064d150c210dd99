"""The API page's examples ("By what you do") run, in order, as a reader would paste them,
and both editions show the same code."""
import re

from budgetbook import config

PAGES = {lang: config.PROJECT_ROOT / f"{config.in_edition('book/api', lang)}.md"
         for lang in config.EDITION_TOCS}


def _examples(path):
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_api_pages_examples_run_in_order():
    examples = _examples(PAGES["en"])
    assert len(examples) >= 6
    namespace = {}
    for code in examples:
        exec(compile(code, str(PAGES["en"]), "exec"), namespace)  # noqa: S102
    # what they computed is what the book states
    assert len(namespace["written"]) == 3  # PNG, SVG and CSV
    assert namespace["labels_zh"]["sp3"] == "次级方案 3"
    assert namespace["below_80"]["delivery_rate"].lt(0.8).all()
    assert set(namespace["note"].data.columns) == {"subprogramme", "planned", "in_full"}


def test_both_editions_show_the_same_examples():
    assert _examples(PAGES["zh"]) == _examples(PAGES["en"])
