"""data/raw holds the source text unchanged; its sha256 is recorded beside it."""
import hashlib

from conftest import DATA


def test_raw_text_matches_recorded_sha256():
    sums = (DATA / "raw" / "SHA256SUMS").read_text().split("\n")
    entries = [line.split() for line in sums if line.strip()]
    assert entries, "SHA256SUMS is empty"
    for digest, name in entries:
        actual = hashlib.sha256((DATA / "raw" / name).read_bytes()).hexdigest()
        assert actual == digest, f"data/raw/{name} changed: {actual} != recorded {digest}"


def test_every_raw_file_is_recorded():
    recorded = {line.split()[1] for line in (DATA / "raw" / "SHA256SUMS").read_text().splitlines()
                if line.strip()}
    present = {p.name for p in (DATA / "raw").iterdir() if p.name != "SHA256SUMS"}
    assert present == recorded
