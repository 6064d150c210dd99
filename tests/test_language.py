"""The language switch: phrases, label columns, names of tables and figures."""
import pandas as pd
import pytest

from budgetbook import language


def test_a_phrase_and_a_label_column_follow_the_language_in_use():
    row = pd.Series({"title_en": "Countering corruption", "title_zh": "反腐败"})
    assert language.current() == "en"
    assert language.t("Delivery", "交付") == "Delivery"
    assert language.label(row, "title") == "Countering corruption"
    with language.using("zh"):
        assert language.t("Delivery", "交付") == "交付"
        assert language.column("title") == "title_zh"
        assert language.label(row, "title") == "反腐败"
    assert language.current() == "en"  # restored after the block


def test_a_blank_label_falls_back_to_the_other_language_never_to_an_empty_cell():
    frame = pd.DataFrame({"title_en": [None, "Convention"], "title_zh": ["公约一", None]})
    assert list(language.labels(frame, "title")) == ["公约一", "Convention"]
    with language.using("zh"):
        assert list(language.labels(frame, "title")) == ["公约一", "Convention"]
        assert language.label(frame.iloc[1], "title") == "Convention"
    assert language.label(pd.Series({"title_en": None, "title_zh": None}), "title") is None


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="unknown language 'fr'; choose one of: en, zh"):
        language.use("fr")
    assert language.current() == "en"


@pytest.mark.parametrize("n, numeral", [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"),
                                        (26, "二十六"), (99, "九十九")])
def test_figures_are_numbered_in_chinese_numerals_as_the_chinese_edition_prints_them(n, numeral):
    assert language.chinese_numeral(n) == numeral
    with language.using("zh"):
        assert language.figure_name("16.XIV", 14) == "图 16.十四"
        assert language.table_name("16.4") == "表 16.4"
        assert language.paragraph_name("16.19") == "第 16.19 段"
    assert language.figure_name("16.XIV", 14) == "Figure 16.XIV"


def test_the_figure_numerals_match_the_source_text_of_every_figure():
    # The source (Chinese) prints each figure as 图 16.<numeral>: the names the Chinese
    # edition gives must be the ones a reader finds in the source.
    from budgetbook import load_all
    from budgetbook.source import raw_lines

    tables = load_all()
    text = "\n".join(raw_lines())
    with language.using("zh"):
        for fig in tables["figures"].itertuples():
            name = language.figure_name(fig.figure, fig.number).replace(" ", "")
            assert name in text.replace(" ", ""), name


def test_lists_are_joined_as_each_language_writes_them():
    assert language.join_list(["a", "b", "c"]) == "a, b and c"
    with language.using("zh"):
        assert language.join_list(["甲", "乙", "丙"]) == "甲、乙和丙"
