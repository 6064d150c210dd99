"""The files a reader of such a book expects beside it: how to cite it, what changed."""
import csv
import json
import re
import tomllib

import yaml
from jsonschema import Draft7Validator

from conftest import ROOT

# The Citation File Format 1.2.0 schema, as the format publishes it
# (https://citation-file-format.github.io/1.2.0/schema.json), kept here so that the check
# runs offline.
CFF_SCHEMA = ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.json"


def _citation():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_file_is_valid_citation_file_format():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
              for e in Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
              .iter_errors(_citation())]
    assert not errors, errors


def test_a_broken_citation_file_is_caught():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    broken = dict(_citation(), authors=[])  # at least one author is required
    assert list(Draft7Validator(schema).iter_errors(broken))


def test_citation_names_the_book_its_version_and_the_document():
    cff = _citation()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert cff["title"] == config["title"]
    assert cff["version"] == project["project"]["version"]
    with open(ROOT / "data" / "edition.csv", encoding="utf-8") as fh:
        edition = next(csv.DictReader(fh))
    assert edition["symbol"] in cff["references"][0]["title"]


def test_introduction_says_how_to_cite_the_book():
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert "## How to cite" in intro
    section = intro.split("## How to cite", 1)[1]
    assert _citation()["title"] in section and "CITATION.cff" in section


def test_changelog_has_an_entry_for_the_current_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    log = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(project['project']['version'])}\b", log, re.M)
