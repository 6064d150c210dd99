"""Written commentary bound to the data it was written on: shown plainly on that data,
under a notice naming what changed on any other (a correction, another edition)."""
import jupytext
import papermill
import pytest

from budgetbook import chapters, commentary, config, language, load_all
from budgetbook.edition import edition_of
from conftest import rewrite_csv


@pytest.fixture(scope="module")
def tables():
    return load_all()


def _with_item_changed(tables, sp):
    changed = dict(tables)
    d = tables["deliverables"].copy()
    row = d.index[d["subprogramme"] == sp][0]
    d.loc[row, edition_of(tables).measure("prior_actual")] += 1
    changed["deliverables"] = d
    return changed


def test_no_notice_on_the_data_the_commentary_was_written_on(tables):
    symbol = edition_of(tables).symbol
    for sp in config.notebooks():
        stamped = commentary.read_commentary(chapters.commentary_path(sp)).written_on
        note = commentary.notice(tables, sp, written_for=symbol, written_on=stamped)
        assert (note.text, note.html) == ("", ""), sp


def test_a_corrected_row_puts_the_notice_on_its_chapter_and_the_overview_only(tables):
    symbol = edition_of(tables).symbol
    changed = _with_item_changed(tables, "sp3")
    notes = {sp: commentary.notice(changed, sp, written_for=symbol,
                                   written_on=commentary.fingerprints(tables, sp))
             for sp in config.notebooks()}
    flagged = {sp for sp, note in notes.items() if note.text}
    assert flagged == {"sp3", config.PROGRAMME_ID}
    text = notes["sp3"].text
    assert f"written for the published figures of {symbol}" in text
    assert "(deliverables.csv)" in text and "the numbers are the current ones" in text
    assert "warning" in notes["sp3"].html


def test_another_edition_gets_the_other_document_notice(tables):
    note = commentary.notice(tables, "sp3", written_for="A/78/6 (Sect. 16)",
                             written_on=commentary.fingerprints(tables, "sp3"))
    assert "written for A/78/6 (Sect. 16)" in note.text
    assert edition_of(tables).symbol in note.text


def _latin_words(text, allowed):
    """The Latin-letter words of ``text`` once the ``allowed`` strings are taken out."""
    import re
    for quoted in allowed:
        text = text.replace(quoted, " ")
    return re.findall(r"[A-Za-z]+", text)


def test_the_notices_are_written_in_chinese_in_the_chinese_edition(tables):
    """Both notices in Chinese, with Chinese punctuation; only the documents' symbols and
    the data files' names stay as they are."""
    symbol = edition_of(tables).symbol
    changed = _with_item_changed(tables, "sp3")
    targets = tables["targets"]
    changed["targets"] = targets.drop(targets.index[targets["subprogramme"] == "sp3"][:1])
    with language.using("zh"):
        corrected = commentary.notice(changed, "sp3", written_for=symbol,
                                      written_on=commentary.fingerprints(tables, "sp3"))
        other = commentary.notice(tables, "sp3", written_for="A/78/6 (Sect. 16)",
                                  written_on=commentary.fingerprints(tables, "sp3"))
        unchanged = commentary.notice(tables, "sp3", written_for=symbol,
                                      written_on=commentary.fingerprints(tables, "sp3"))
    assert (unchanged.text, unchanged.html) == ("", "")
    assert corrected.text == (
        f"下文评述是针对 {symbol} 公布的数字撰写的。本页的数据与之不同（deliverables.csv、"
        f"targets.csv），因此，评述与上文数字不一致之处，以上文的当前数字为准。")
    assert other.text == (f"下文评述是针对 A/78/6 (Sect. 16) 撰写的；本页的数字来自 {symbol}。"
                          f"请将评述理解为对该文件的评述，而不是对这些数字的评述。")
    for note in (corrected, other):
        assert not _latin_words(note.text, [symbol, "A/78/6 (Sect. 16)", "deliverables.csv",
                                            "targets.csv"]), note.text
        assert '<div class="admonition warning"><p>下文评述' in note.html
    # the English notice is unchanged, whatever language was used before
    assert commentary.notice(changed, "sp3", written_for=symbol,
                             written_on=commentary.fingerprints(tables, "sp3")).text.startswith(
        "The commentary below was written for the published figures of ")


def test_fingerprints_cover_the_chapters_rows_and_the_edition(tables):
    prints = commentary.fingerprints(tables, "sp3")
    assert {"deliverables.csv", "targets.csv", "mandates.csv", "edition.csv",
            "subprogrammes.csv"} <= set(prints)
    other = dict(tables)
    other["edition"] = tables["edition"].assign(budget_year=tables["edition"]["budget_year"] + 1)
    assert commentary.fingerprints(other, "sp3")["edition.csv"] != prints["edition.csv"]


def test_commentary_files_round_trip(tmp_path):
    path = tmp_path / "sp1.md"
    written = commentary.Commentary("X/1", "First.\n\nSecond.", {"b.csv": "2", "a.csv": "1"})
    commentary.write_commentary(path, written)
    assert commentary.read_commentary(path) == written
    path.write_text("Just text.\n", encoding="utf-8")
    with pytest.raises(commentary.CommentaryError, match="written_for: <document symbol>"):
        commentary.read_commentary(path)


def test_stamp_records_the_datas_fingerprints(tmp_path, monkeypatch, data_copy, tables):
    folder = tmp_path / "commentary"
    folder.mkdir()
    (folder / "sp3.md").write_text("---\nwritten_for: X/1\n---\n\nText.\n", encoding="utf-8")
    (folder / "zh").mkdir()
    (folder / "zh" / "sp3.md").write_text(
        "---\nwritten_for: X/1\ntranslation_of:\n  file: book/commentary/sp3.md\n"
        "  sha256: 0123456789ab\n---\n\n文本。\n", encoding="utf-8")
    monkeypatch.setattr(config, "COMMENTARY_DIR", folder)
    rewrite_csv(data_copy / "targets.csv", lambda rows: rows.pop())  # some other rows
    chapters.stamp(["sp3"], data_copy)
    stamped = commentary.read_commentary(folder / "sp3.md")
    assert stamped.written_on == commentary.fingerprints(load_all(data_copy), "sp3")
    assert stamped.text == "Text." and stamped.written_for == "X/1"
    # the translation is about the same rows: stamped alike, its record kept as written
    translated = commentary.read_commentary(folder / "zh" / "sp3.md")
    assert translated.written_on == stamped.written_on and translated.text == "文本。"
    assert translated.other == {"translation_of": {"file": "book/commentary/sp3.md",
                                                   "sha256": "0123456789ab"}}
    with pytest.raises(chapters.TemplateError, match="unknown chapter id 'sp99'"):
        chapters.stamp(["sp99"], data_copy)


@pytest.mark.slow
def test_the_page_shows_the_notice_on_corrected_data(tmp_path, data_copy, tables):
    """End to end: the committed sp3 notebook, run on a copy with one sp3 item corrected,
    prints the notice above its commentary; on data/ it prints none (test_notebooks)."""
    actual = edition_of(tables).measure("prior_actual")

    def correct(rows):
        col = rows[0].index(actual)
        row = next(r for r in rows[1:] if r[rows[0].index("subprogramme")] == "sp3")
        row[col] = str(int(row[col]) + 1)
    rewrite_csv(data_copy / "deliverables.csv", correct)
    stem = config.notebooks()["sp3"]
    out = tmp_path / "sp3.ipynb"
    papermill.execute_notebook(jupytext.read(config.NOTEBOOKS_DIR / f"{stem}.py"), str(out),
                               parameters={"data_dir": str(data_copy)}, kernel_name="python3",
                               cwd=str(config.NOTEBOOKS_DIR), progress_bar=False,
                               extra_arguments=["--IPKernelApp.log_level=50"])
    executed = out.read_text(encoding="utf-8")
    assert "written for the published figures of" in executed
    assert "(deliverables.csv)" in executed
