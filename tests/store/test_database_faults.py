"""Faults around a good database: missing or corrupt data files keep the last good
database in service with a notice; garbage inside the database is detected and rebuilt; a killed build leaves no
temporaries once the next build has run; concurrent builds do the work once; an unwritable location is one clear line.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from lsc_phm import cli, config
from lsc_phm.store import build, datasets, integrity
from lsc_phm.store.db import Database, DatabaseError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def good_copy(db: Database, tmp_path: Path) -> Path:
    """A copy of the current built database and its stored hash, in a scratch folder."""
    target = tmp_path / "db" / "lsc_phm.duckdb"
    target.parent.mkdir()
    shutil.copy(db.path, target)
    shutil.copy(integrity.hash_path(db.path), integrity.hash_path(target))
    return target


def _garbage(path: Path, fractions: tuple[float, ...] = (0.5,)) -> None:
    """Overwrite 1 MiB at each fraction of the file with fixed pseudo-random bytes (the 4 KiB header stays intact)."""
    size = path.stat().st_size
    noise = bytes((i * 7919 + 13) % 251 for i in range(1 << 20))
    with path.open("r+b") as handle:
        for fraction in fractions:
            handle.seek(max(4096, int(size * fraction)))
            handle.write(noise)


def _run_cli(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lsc_phm", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
        check=False,
        **kwargs,
    )


# --- 16.6: keep serving the last good database -------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["missing", "corrupt"])
def test_broken_data_file_keeps_the_last_good_database_with_a_notice(
    good_copy: Path, scratch_data: Path, fault: str
) -> None:
    smoking = scratch_data / "raw" / "fingertips_92443_smoking_adults.parquet"
    if fault == "missing":
        smoking.unlink()
    else:
        smoking.write_bytes(b"PAR1 this is not a parquet file")
    before = good_copy.read_bytes()
    database = build.open_current(good_copy)
    try:
        assert database.notice is not None
        assert database.notice.startswith("Showing the last good database, built ")
        assert "fingertips_92443_smoking_adults.parquet" in database.notice
        # and it still answers
        assert len(database.query("icb_list")) > 0
    finally:
        database.close()
    assert good_copy.read_bytes() == before
    assert not list(good_copy.parent.glob("*.tmp-*"))


def test_cli_warns_and_answers_from_the_last_good_database(
    good_copy: Path, scratch_data: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    (scratch_data / "raw" / "qof_2024_25_prevalence.parquet").unlink()
    monkeypatch.setattr(config, "DATABASE_PATH", good_copy)
    status = cli.main(["icbs"])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.out.startswith("icb_code,")
    warning = [line for line in captured.err.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "qof_2024_25_prevalence.parquet is missing" in warning[0]
    assert "Traceback" not in captured.err


def test_no_good_database_and_a_failed_build_explains_both(good_copy: Path, scratch_data: Path) -> None:
    (scratch_data / "raw" / "imd2019_lsoa11.parquet").unlink()
    _garbage(good_copy)
    before = good_copy.read_bytes()
    with pytest.raises(
        datasets.BuildError,
        match=r"imd2019_lsoa11\.parquet is missing.*existing database cannot be "
        r"used: .*damaged",
    ):
        build.open_current(good_copy)
    assert good_copy.read_bytes() == before


# --- 16.7: garbage inside the database ----------------------------------------------------------------------------


def test_garbage_inside_the_database_is_detected_by_the_stored_hash(good_copy: Path) -> None:
    assert integrity.database_problem(good_copy) is None and not build.is_stale(good_copy)
    _garbage(good_copy)
    Database(good_copy).close()  # header intact: it still opens, which is why a content check is needed
    assert "damaged" in integrity.database_problem(good_copy)
    assert build.is_stale(good_copy)


def test_garbage_inside_the_database_is_detected_by_a_full_read(good_copy: Path) -> None:
    # Without a stored hash (a database from an older build), every block in use is read and its checksum checked.
    integrity.hash_path(good_copy).unlink()
    integrity.verify_database(good_copy)  # intact: no error
    _garbage(good_copy, (0.2, 0.4, 0.6, 0.8))
    with pytest.raises(DatabaseError, match=r"is damaged \(table \w+\): .*checksum"):
        integrity.verify_database(good_copy)
    assert "checksum" in integrity.database_problem(good_copy)


def test_queries_on_a_damaged_database_say_so(good_copy: Path) -> None:
    _garbage(good_copy, (0.2, 0.4, 0.6, 0.8))
    opened = []
    # Usually the file still opens (header and catalogue intact) and a query meets a bad checksum; if the garbage hit
    # the catalogue, opening fails instead. Either way the message says the file is damaged and how to rebuild it.
    with pytest.raises(
        DatabaseError,
        match=r"(is damaged|could not be opened) .*rebuild it with "
        r"'python -m lsc_phm build' \(no source data is touched\)",
    ):
        opened.append(Database(good_copy))
        for table in opened[0].execute("select table_name from duckdb_tables()")["table_name"]:
            opened[0].execute(f'select bit_xor(hash(columns(*))) from "{table}"')  # names from the catalogue
    for database in opened:
        database.close()


# --- 16.11: killed builds, concurrent builds ----------------------------------------------------------------------


def _wait_for(condition, seconds: float = 300.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.mark.slow  # kills a real build, then builds again
def test_killed_build_leaves_temporaries_that_the_next_build_removes(good_copy: Path) -> None:
    # The database starts damaged (garbage inside); a build is killed half-way; the next open rebuilds it.
    _garbage(good_copy)
    env = {**os.environ, "LSC_PHM_DATABASE": str(good_copy)}
    process = subprocess.Popen(
        [sys.executable, "-m", "lsc_phm", "build"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for line in process.stderr:
            if "running stg_" in line:  # the temporary database exists and is being written
                break
        time.sleep(1.0)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()  # a pipe left open is a ResourceWarning, an error in this suite
    left = sorted(p.name for p in good_copy.parent.glob("*.tmp-*"))
    assert left and all(name.startswith("lsc_phm.duckdb.tmp-") for name in left)
    database = build.open_current(good_copy)
    try:
        assert database.notice is None
        assert database.execute("select count(*) as n from mart_lsoas")["n"].iloc[0] == 32_844 + 33_755
    finally:
        database.close()
    assert not list(good_copy.parent.glob("*.tmp-*"))
    assert integrity.database_problem(good_copy) is None


@pytest.mark.slow  # real builds in parallel
def test_concurrent_builds_do_the_work_once(tmp_path: Path) -> None:
    database = tmp_path / "shared" / "lsc_phm.duckdb"
    env = {**os.environ, "LSC_PHM_DATABASE": str(database)}
    command = [sys.executable, "-m", "lsc_phm", "build"]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def first_holds_the_lock() -> bool:
        if not build.lock_path(database).exists():
            return False
        with build.lock_path(database).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False

    _wait_for(first_holds_the_lock)
    second = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first_err = first.communicate(timeout=600)[1]
    second_err = second.communicate(timeout=600)[1]
    assert first.returncode == 0 and second.returncode == 0, first_err + second_err
    assert f"built {database} in" in first_err
    assert "waiting for another build of lsc_phm.duckdb to finish" in second_err
    assert f"using {database}, just built by another process" in second_err
    assert "running stg_" not in second_err  # the second did none of the work
    assert "Traceback" not in first_err + second_err
    assert not list(database.parent.glob("*.tmp-*"))
    assert integrity.database_problem(database) is None


# --- 16.8: a location that cannot be written ----------------------------------------------------------------------


def test_database_below_a_plain_file_is_one_clear_line(tmp_path: Path) -> None:
    # Works as root too: no permission bits involved.
    plain = tmp_path / "a-file"
    plain.write_text("not a folder")
    result = _run_cli("build", env={"LSC_PHM_DATABASE": str(plain / "lsc_phm.duckdb")})
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode == 2
    assert len(errors) == 1 and f"{plain} is a file, not a folder" in errors[0]
    assert "set LSC_PHM_DATABASE to a writable file path" in errors[0]
    assert "Traceback" not in result.stderr


def test_read_only_folder_is_one_clear_line() -> None:
    # Root ignores permission bits, so as root the build runs as user nobody (setpriv); otherwise as ourselves.
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot drop privileges to test permissions")
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    folder = Path(tempfile.mkdtemp(prefix="lsc-phm-readonly-", dir="/tmp"))
    try:
        folder.chmod(0o555)
        database = folder / "lsc_phm.duckdb"
        result = subprocess.run(
            [*prefix, sys.executable, "-B", "-m", "lsc_phm", "build"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "LSC_PHM_DATABASE": str(database), "HOME": "/tmp"},
            check=False,
        )
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert result.returncode == 1, result.stderr
        assert len(errors) == 1
        assert f"cannot write the database in {folder} (Permission denied)" in errors[0]
        assert "set LSC_PHM_DATABASE to a writable file path" in errors[0]
        assert "Traceback" not in result.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_remembered_queries_answer_repeats_with_copies(db) -> None:
    from lsc_phm.store.db import Database

    own = Database(db.path)
    try:
        own.remember(2)
        first = own.query("icb_list")
        first.loc[:, first.columns[0]] = "changed"  # a caller's edit does not reach the next caller
        again = own.query("icb_list")
        assert (again[again.columns[0]] != "changed").all() and len(again) == len(first)
        assert len(own._memo) == 1
        catalogue = own.constant("datasets")
        assert own.constant("datasets").equals(catalogue) and own.constant("datasets") is not catalogue
        own.remember(0)
        assert own._memo is None and len(own.query("icb_list")) == len(first)
    finally:
        own.close()
