"""The pages' Chinese font: cut to the characters the site shows, and only made again when
they change."""
from fontTools.ttLib import TTFont

from budgetbook import webfont


def _site(tmp_path, pages):
    site = tmp_path / "html"
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"<html><body>{text}</body></html>", encoding="utf-8")
    return site


def _characters(path):
    return {chr(c) for c in TTFont(str(path)).getBestCmap()}


def test_the_font_holds_every_chinese_character_of_the_site_and_no_latin(tmp_path):
    site = _site(tmp_path, {"a.html": "交付率 Delivery（计划）", "b/c.html": "反腐败，2023 年"})
    font = webfont.write(site)
    assert font == site / "_static" / webfont.FILE
    held = _characters(font)
    assert set("交付率（计划）反腐败，年") <= held
    assert not set("Delivery2023") & held  # Latin text keeps the theme's fonts
    assert webfont.characters(site) == "".join(sorted(set("交付率（计划）反腐败，年")))


def test_the_font_is_made_again_only_when_the_characters_change(tmp_path):
    site = _site(tmp_path, {"a.html": "交付率"})
    font = webfont.write(site)
    font.write_bytes(font.read_bytes())  # same bytes, a later time
    touched = font.stat().st_mtime_ns
    webfont.write(site)
    assert font.stat().st_mtime_ns == touched  # the same characters: not written again
    (site / "a.html").write_text("<p>交付率和计划</p>", encoding="utf-8")
    webfont.write(site)
    assert {"和", "计", "划"} <= _characters(font)
