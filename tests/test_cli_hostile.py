"""The hostile-file suite through the command line: one line on stderr, exit 2, nothing on stdout, the database
unchanged; ``briefing --out ""`` and a bomb template refused; a killed build's temporaries gone at the next start."""

from __future__ import annotations

import shutil

import pytest

from lsc_phm.cli import main
from lsc_phm.store import build, integrity
from tests import hostile_files as hf
from tests.domain.test_hostile_files import HOSTILE

REFUSED = [case for case, (_, _, message) in HOSTILE.items() if message is not None]


@pytest.fixture(scope="module")
def database_sha(db):
    before = integrity.file_sha256(db.path)
    yield before
    assert integrity.file_sha256(db.path) == before  # no case wrote to the database


@pytest.mark.parametrize("case", REFUSED)
def test_hostile_upload_is_one_line_and_exit_2(database_sha, capsys, tmp_path, case):
    name, data, message = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(data)
    status = main(["upload", str(path), "--level", "district"])
    captured = capsys.readouterr()
    assert (status, captured.out, captured.err) == (2, "", f"error: {message}\n")


def test_help_states_the_limits_the_code_enforces(capsys):
    from lsc_phm.domain import upload_files

    with pytest.raises(SystemExit):
        main(["upload", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"at most {upload_files.MAX_ROWS:,} rows" in text and "50 MB or smaller" in text
    unpacked = upload_files.MAX_UNPACKED_BYTES // 1024 // 1024
    assert f"at most {unpacked} MB and {upload_files.MAX_MEMBERS:,} parts" in text


def test_briefing_out_empty_is_refused(database_sha, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status = main(["briefing", "--area", "Blackpool", "--format", "html", "--out", ""])
    assert status == 2 and capsys.readouterr().err == (
        "error: --out is empty; give a folder to write into (use --out . for the current folder)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_bomb_template_is_refused_before_any_briefing(database_sha, capsys, tmp_path):
    from tests.reports.test_template import _default_template

    bomb = tmp_path / "bomb.pptx"
    bomb.write_bytes(hf.with_zeros(_default_template(), "ppt/media/image9.png", hf.upload_files.MAX_UNPACKED_BYTES + 1))
    status = main(["briefing", "--area", "Blackpool", "--out", str(tmp_path / "out"), "--template", str(bomb)])
    assert status == 2 and capsys.readouterr().err == (
        "error: The template expands to 100.1 MB when unpacked; at most 100 MB is read. Remove large pictures or "
        "embedded files, or upload only the data you need.\n"
    )
    assert not (tmp_path / "out").exists()  # refused before anything was made


def test_a_killed_builds_temporaries_are_removed_at_the_next_start(db, tmp_path):
    copy = tmp_path / "lsc_phm.duckdb"
    shutil.copy(db.path, copy)
    shutil.copy(integrity.hash_path(db.path), integrity.hash_path(copy))
    leftovers = [tmp_path / "lsc_phm.duckdb.tmp-dead0001", tmp_path / "lsc_phm.duckdb.tmp-dead0001.wal"]
    for leftover in leftovers:
        leftover.write_bytes(b"x" * 1000)
    build.open_current(copy).close()
    assert not any(leftover.exists() for leftover in leftovers)
