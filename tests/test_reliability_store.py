"""netmap.store transactions: one lock, all files or none, numbered backups, recovery after kill -9."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from netmap.errors import ConfigError, ConflictError, NetmapError
from netmap.store import (
    JOURNAL,
    CsvDocument,
    FolderLock,
    InterruptedChange,
    LockTimeout,
    backup_names,
    save_all,
    tidy,
    transaction,
)

CONTACTS = b"id,name\nana,Ana\n"
INTROS = b"referrer,contact,status\n"


def folder_with(tmp_path: Path, contacts: bytes = CONTACTS, intros: bytes | None = INTROS) -> Path:
    (tmp_path / "contacts.csv").write_bytes(contacts)
    if intros is not None:
        (tmp_path / "introductions.csv").write_bytes(intros)
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def add_bo(tx) -> None:
    tx.read("contacts.csv").append({"id": "bo", "name": "Bo"})
    tx.read("introductions.csv", header=["referrer", "contact", "status"]).append(
        {"referrer": "ana", "contact": "bo", "status": "made"}
    )


def test_commit_writes_every_changed_file_and_backs_each_up(tmp_path):
    folder = folder_with(tmp_path)
    with transaction(folder) as tx:
        add_bo(tx)
        assert [p.name for p in tx.commit()] == ["contacts.csv", "introductions.csv"]
    assert (folder / "contacts.csv").read_bytes() == CONTACTS + b"bo,Bo\n"
    assert (folder / "introductions.csv").read_bytes() == INTROS + b"ana,bo,made\n"
    assert (folder / "contacts.csv.bak").read_bytes() == CONTACTS
    assert (folder / "introductions.csv.bak").read_bytes() == INTROS
    assert names(folder) == ["contacts.csv", "contacts.csv.bak", "introductions.csv", "introductions.csv.bak"]


def test_leaving_without_commit_or_by_an_exception_writes_nothing(tmp_path):
    folder = folder_with(tmp_path)
    with transaction(folder) as tx:
        add_bo(tx)
    with pytest.raises(RuntimeError), transaction(folder) as tx:
        add_bo(tx)
        raise RuntimeError("boom")
    assert (folder / "contacts.csv").read_bytes() == CONTACTS
    assert names(folder) == ["contacts.csv", "introductions.csv"]


def test_a_conflict_in_the_second_file_writes_neither(tmp_path):
    """Documents read before the lock: one changed on disk meanwhile, so nothing is written."""
    folder = folder_with(tmp_path)
    contacts, intros = CsvDocument.read(folder / "contacts.csv"), CsvDocument.read(folder / "introductions.csv")
    contacts.append({"id": "bo", "name": "Bo"})
    intros.append({"referrer": "ana", "contact": "bo", "status": "made"})
    edited = INTROS + b"ana,cy,made\n"
    (folder / "introductions.csv").write_bytes(edited)
    with pytest.raises(ConflictError) as info:
        save_all([contacts, intros])
    assert info.value.exit_code == 4
    message = f"{folder / 'introductions.csv'} changed on disk since netmap read it - re-run the command"
    assert str(info.value) == message
    assert (folder / "contacts.csv").read_bytes() == CONTACTS
    assert (folder / "introductions.csv").read_bytes() == edited
    assert names(folder) == ["contacts.csv", "introductions.csv"]


def test_an_unchanged_document_is_checked_but_not_written(tmp_path):
    folder = folder_with(tmp_path)
    with transaction(folder) as tx:
        tx.read("introductions.csv")
        tx.read("contacts.csv").append({"id": "bo", "name": "Bo"})
        (folder / "introductions.csv").write_bytes(INTROS + b"x,y,made\n")  # someone else, without the lock
        with pytest.raises(ConflictError):
            tx.commit()
    assert (folder / "contacts.csv").read_bytes() == CONTACTS


def test_numbered_backups_keep_the_last_five(tmp_path):
    folder = folder_with(tmp_path, intros=None)
    versions = [CONTACTS]
    for i in range(7):
        with transaction(folder) as tx:
            tx.read("contacts.csv").append({"id": f"p{i}", "name": f"P{i}"})
            tx.commit()
        versions.append((folder / "contacts.csv").read_bytes())
    kept = backup_names(folder / "contacts.csv", 5)
    assert [p.read_bytes() for p in kept] == versions[-2:-7:-1]  # newest first: .bak is one save ago
    assert names(folder) == ["contacts.csv"] + sorted(p.name for p in kept)


def test_backups_are_configurable_in_netmap_toml_and_keep_the_files_mode(tmp_path):
    folder = folder_with(tmp_path, intros=None)
    (folder / "netmap.toml").write_text("[store]\nbackups = 2\n")
    (folder / "contacts.csv").chmod(0o600)
    for i in range(4):
        doc = CsvDocument.read(folder / "contacts.csv")
        doc.append({"id": f"p{i}", "name": f"P{i}"})
        doc.save()
    assert names(folder) == ["contacts.csv", "contacts.csv.bak", "contacts.csv.bak.2", "netmap.toml"]
    for name in ("contacts.csv", "contacts.csv.bak", "contacts.csv.bak.2"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name  # contacts stay private


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[store]\nbackups = -1\n", "store.backups: must be a whole number from 0 to 100, got -1 - fix the value"),
        ("[store]\nbackups = 2.5\n", "store.backups: must be a whole number from 0 to 100, got 2.5 - fix the value"),
        ("[store]\nlock_timeout = 1e309\n", "store.lock_timeout: must be a number of seconds from 0 to 3600, got inf"),
        ("[store]\nretries = 3\n", "unknown key 'retries' in [store] - use one of: backups, lock_timeout"),
    ],
)
def test_bad_store_settings_are_config_errors(tmp_path, toml, message):
    folder = folder_with(tmp_path)
    (folder / "netmap.toml").write_text(toml)
    with pytest.raises(ConfigError) as info:
        with transaction(folder):
            pass
    assert str(info.value).startswith(f"{folder / 'netmap.toml'}: {message}")


def test_a_symlinked_file_is_written_through_to_its_target(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "contacts.csv").write_bytes(CONTACTS)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "contacts.csv").symlink_to(real / "contacts.csv")
    doc = CsvDocument.read(folder / "contacts.csv")
    doc.append({"id": "bo", "name": "Bo"})
    doc.save()
    assert (folder / "contacts.csv").is_symlink()
    assert (real / "contacts.csv").read_bytes() == CONTACTS + b"bo,Bo\n"
    assert (folder / "contacts.csv.bak").read_bytes() == CONTACTS
    assert names(real) == ["contacts.csv"]


def test_a_new_file_gets_the_umask_mode(tmp_path):
    folder = folder_with(tmp_path, intros=None)
    old = os.umask(0o027)
    try:
        with transaction(folder) as tx:
            tx.read("events.csv", header=["date", "person"]).append({"date": "2026-01-01", "person": "ana"})
            tx.commit()
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder / "events.csv").stat().st_mode) == 0o640
    assert (folder / "events.csv").read_bytes() == b"date,person\n2026-01-01,ana\n"


HOLD = textwrap.dedent(
    """
    import sys, time
    from netmap.store import FolderLock
    with FolderLock(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


def hold_lock(folder: Path, seconds: float) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), str(seconds)], stdout=subprocess.PIPE)
    assert child.stdout.readline() == b"locked\n"
    return child


def test_a_second_writer_waits_then_gives_up_having_written_nothing(tmp_path):
    folder = folder_with(tmp_path)
    child = hold_lock(folder, 30)
    try:
        start = time.monotonic()
        with pytest.raises(LockTimeout) as info, transaction(folder, timeout=0.3) as tx:
            add_bo(tx)
            tx.commit()
        assert time.monotonic() - start >= 0.3
    finally:
        child.kill()
        child.wait()
    assert info.value.exit_code == 4
    assert str(info.value) == (
        f"{folder} is being changed by another netmap command (waited 0.3 s) - nothing was written; "
        "run the command again when it is done"
    )
    assert (folder / "contacts.csv").read_bytes() == CONTACTS


def test_a_second_writer_gets_the_lock_when_the_first_finishes(tmp_path):
    folder = folder_with(tmp_path)
    child = hold_lock(folder, 0.5)
    try:
        with transaction(folder, timeout=10) as tx:
            add_bo(tx)
            tx.commit()
    finally:
        child.wait()
    assert (folder / "contacts.csv").read_bytes() == CONTACTS + b"bo,Bo\n"


def test_the_lock_of_a_killed_process_is_released(tmp_path):
    folder = folder_with(tmp_path)
    child = hold_lock(folder, 600)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with transaction(folder, timeout=2) as tx:
        add_bo(tx)
        tx.commit()
    assert (folder / "contacts.csv").read_bytes() == CONTACTS + b"bo,Bo\n"


def test_the_lock_timeout_comes_from_the_environment(tmp_path, monkeypatch):
    folder = folder_with(tmp_path)
    monkeypatch.setenv("NETMAP_LOCK_TIMEOUT", "0.2")
    child = hold_lock(folder, 30)
    try:
        with pytest.raises(LockTimeout, match=r"waited 0\.2 s"), transaction(folder):
            pass
    finally:
        child.kill()
        child.wait()
    monkeypatch.setenv("NETMAP_LOCK_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match=r"\$NETMAP_LOCK_TIMEOUT: 'soon' is not a valid lock timeout"):
        with transaction(folder):
            pass


# A child that commits contacts.csv + introductions.csv and dies (SIGKILL) right after the
# n-th os.replace of the commit: n = 0 before any, 1 after the journal, 2 after one file...
KILL_AT_REPLACE = textwrap.dedent(
    """
    import os, signal, sys
    from netmap.store import transaction
    import netmap.store.journal as journal

    count, real_replace = [0], os.replace
    limit = int(sys.argv[2])

    def replace(src, dst):
        if count[0] == limit:
            os.kill(os.getpid(), signal.SIGKILL)
        count[0] += 1
        real_replace(src, dst)

    journal.os.replace = replace
    with transaction(sys.argv[1], backups=0) as tx:
        tx.read("contacts.csv").append({"id": "bo", "name": "Bo"})
        tx.read("introductions.csv").append({"referrer": "ana", "contact": "bo", "status": "made"})
        tx.commit()
    print("done")
    """
)


@pytest.mark.parametrize("kill_at", [0, 1, 2, 3])
def test_kill_at_each_step_of_a_commit_then_the_next_command_finishes_or_undoes_it(tmp_path, kill_at):
    """backups=0, so the replaces are: journal, contacts.csv, introductions.csv."""
    folder = folder_with(tmp_path)
    child = subprocess.run([sys.executable, "-c", KILL_AT_REPLACE, str(folder), str(kill_at)], capture_output=True)
    assert child.returncode == (-signal.SIGKILL if kill_at < 3 else 0), child.stderr.decode()
    after_kill = ((folder / "contacts.csv").read_bytes(), (folder / "introductions.csv").read_bytes())
    tidy(folder)  # what a reading command does first
    both_new = (CONTACTS + b"bo,Bo\n", INTROS + b"ana,bo,made\n")
    expected = (CONTACTS, INTROS) if kill_at == 0 else both_new
    assert ((folder / "contacts.csv").read_bytes(), (folder / "introductions.csv").read_bytes()) == expected
    if kill_at == 2:
        assert after_kill == (both_new[0], INTROS)  # half applied until the next command
    assert names(folder) == ["contacts.csv", "introductions.csv"]  # journal and temp files gone


def test_recovery_refuses_when_a_file_was_edited_after_the_interruption(tmp_path):
    folder = folder_with(tmp_path)
    subprocess.run([sys.executable, "-c", KILL_AT_REPLACE, str(folder), "2"], check=False)
    (folder / "introductions.csv").write_bytes(INTROS + b"hand,edit,made\n")
    with pytest.raises(InterruptedChange) as info:
        with transaction(folder):
            pass
    assert info.value.exit_code == 4
    assert str(info.value).endswith(
        f"and {folder / 'introductions.csv'} was changed since - check them against their .bak copies, "
        f"then delete {folder / JOURNAL} and run the command again"
    )
    assert (folder / JOURNAL).exists()
    (folder / JOURNAL).unlink()  # what the message says to do
    with transaction(folder) as tx:
        assert tx.recovered == []


def test_a_damaged_journal_stops_with_advice(tmp_path):
    folder = folder_with(tmp_path)
    (folder / JOURNAL).write_text("{not json")
    with pytest.raises(InterruptedChange, match=r"is damaged - an earlier netmap command was interrupted"):
        tidy(folder)


def test_stale_temp_files_are_removed_by_the_next_run_and_others_kept(tmp_path):
    folder = folder_with(tmp_path)
    stale = [".contacts.csv.a1b2c3d4.tmp", ".introductions.csv.zz_9y8x7.tmp", ".contacts.csv.bak.2.qwertyui.tmp",
             ".netmap-journal.json.abcdefgh.tmp"]  # fmt: skip
    kept = [".paths.csv.abcdefgh.part", "notes.tmp", ".contacts.csv.mine"]
    for name in stale + kept:
        (folder / name).write_bytes(b"x" * 1000)
    assert tidy(folder) == []
    assert names(folder) == sorted(["contacts.csv", "introductions.csv"] + kept)


def test_tidy_never_waits_for_a_writer(tmp_path):
    folder = folder_with(tmp_path)
    (folder / ".contacts.csv.a1b2c3d4.tmp").write_bytes(b"in progress")
    child = hold_lock(folder, 30)
    try:
        start = time.monotonic()
        assert tidy(folder) == []
        assert time.monotonic() - start < 1
        assert (folder / ".contacts.csv.a1b2c3d4.tmp").exists()  # the writer's, not stale
    finally:
        child.kill()
        child.wait()


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    folder = folder_with(tmp_path)
    with transaction(folder, timeout=0) as tx:
        doc = tx.read("contacts.csv")
        doc.append({"id": "bo", "name": "Bo"})
        doc.save()  # a one-file transaction inside the outer one: no deadlock
    assert (folder / "contacts.csv").read_bytes() == CONTACTS + b"bo,Bo\n"
    with FolderLock(folder, timeout=0), FolderLock(folder, timeout=0):
        pass


def test_the_journal_names_old_and_new_bytes(tmp_path, monkeypatch):
    """What recovery relies on: the journal is written before any file is replaced."""
    folder = folder_with(tmp_path)
    seen: list[dict] = []
    import netmap.store.journal as journal

    real_apply = journal._apply

    def spy(entries):
        seen.append(json.loads((folder / JOURNAL).read_text()))
        real_apply(entries)

    monkeypatch.setattr(journal, "_apply", spy)
    with transaction(folder) as tx:
        add_bo(tx)
        tx.commit()
    [entry_c, entry_i] = seen[0]["files"]
    assert entry_c["path"] == str((folder / "contacts.csv").resolve())
    assert entry_c["old"] == journal.sha256(CONTACTS)
    assert entry_c["new"] == journal.sha256(CONTACTS + b"bo,Bo\n")
    assert entry_i["old"] == journal.sha256(INTROS)
    assert not (folder / JOURNAL).exists()


def test_a_symlink_into_a_missing_folder_is_one_line_and_writes_nothing(tmp_path):
    folder = folder_with(tmp_path, intros=None)
    (folder / "introductions.csv").symlink_to(tmp_path / "gone" / "introductions.csv")
    with pytest.raises(NetmapError) as info, transaction(folder) as tx:
        tx.read("contacts.csv").append({"id": "bo", "name": "Bo"})
        tx.read("introductions.csv", header=["referrer", "contact"]).append({"referrer": "ana", "contact": "bo"})
        tx.commit()
    assert str(info.value) == (
        f"cannot write {folder / 'introductions.csv'}: it links to {tmp_path / 'gone' / 'introductions.csv'}, "
        "whose folder does not exist - fix or remove the link"
    )
    assert (folder / "contacts.csv").read_bytes() == CONTACTS
