"""events.csv and netmap history: every interaction kept, read back as a timeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.loading import load_dataset
from netmap.outreach import OutreachBook, load_events

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "outreach" / "small"
HEADER = "date,kind,person,referrer,notes,item,until\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("contacts.csv", "introductions.csv"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def run(folder: Path, *args: str, today: str = "2026-03-01"):
    return CliRunner().invoke(cli, [*args, "--data", str(folder), "--today", today])


def test_two_meetings_with_the_same_person_both_stay(folder):
    assert run(folder, "log", "meeting", "eli", "--date", "2026-02-20", "--notes", "maps").exit_code == 0
    assert run(folder, "log", "meeting", "eli", "--notes", "second, longer").exit_code == 0
    assert (folder / "events.csv").read_text() == (
        HEADER + '2026-02-20,meeting,eli,bo,maps,,\n2026-03-01,meeting,eli,bo,"second, longer",,\n'
    )
    result = run(folder, "history", "Eli Fox", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "date,kind,name,referrer,notes,source\n"
        "2026-01-20,referral,Eli Fox,Bo Chen,,introductions.csv:5\n"
        "2026-02-01,introduced,Eli Fox,Bo Chen,,introductions.csv:5\n"
        "2026-02-12,referral,Dee Ek,Eli Fox,,introductions.csv:10\n"
        ",declined,Dee Ek,Eli Fox,date not recorded,introductions.csv:10\n"
        "2026-02-15,referral,Cy Diaz,Eli Fox,,introductions.csv:8\n"
        "2026-02-20,meeting,Eli Fox,Bo Chen,maps,events.csv:2\n"
        '2026-03-01,meeting,Eli Fox,Bo Chen,"second, longer",events.csv:3\n'
    )


def test_history_without_events_csv_comes_from_the_other_files(folder):
    result = run(folder, "history", "cy")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "date        kind        name     referrer  notes  source\n"
        "----------  ----------  -------  --------  -----  -------------------\n"
        "2026-01-20  referral    Cy Diaz  Bo Chen          introductions.csv:3\n"
        "2026-01-21  request     Cy Diaz  Bo Chen          introductions.csv:3\n"
        "2026-01-25  introduced  Cy Diaz  Bo Chen          introductions.csv:3\n"
        "2026-02-04  meeting     Cy Diaz  Bo Chen          introductions.csv:3\n"
        "2026-02-10  referral    Dee Ek   Cy Diaz          introductions.csv:4\n"
        "2026-02-15  referral    Cy Diaz  Eli Fox          introductions.csv:8\n"
        "2026-02-20  request     Dee Ek   Cy Diaz          introductions.csv:4\n"
    )
    assert not (folder / "events.csv").exists()


def test_history_json_and_names_without_accents(folder):
    path = folder / "contacts.csv"
    path.write_text(path.read_text().replace("Cy Diaz", "Cý Díaz"))
    result = run(folder, "history", "cy diaz", "--format", "json")
    assert result.exit_code == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert first == {
        "date": "2026-01-20",
        "kind": "referral",
        "person": "cy",
        "name": "Cý Díaz",
        "referrer": "bo",
        "referrer_name": "Bo Chen",
        "notes": "",
        "source": "introductions.csv:3",
    }


def test_history_of_someone_with_nothing_recorded(folder):
    result = run(folder, "history", "gus")
    assert result.stdout.startswith("date")  # Ana gave his name
    assert run(folder, "history", "Bo Chen", "--format", "json").exit_code == 0


def test_history_unknown_person_exits_3(folder):
    result = run(folder, "history", "Zed")
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: 'Zed' matches no id or name in contacts.csv")


def test_a_logged_step_shows_once(folder):
    """log intro writes both introductions.csv's date column and an event: history shows it once."""
    assert run(folder, "log", "intro", "gus", "--status", "requested").exit_code == 0
    rows = run(folder, "history", "gus", "--format", "csv").stdout.splitlines()
    assert rows[1:] == [
        "2026-02-25,referral,Gus Ho,Ana Lima,,introductions.csv:6",
        "2026-03-01,request,Gus Ho,Ana Lima,,events.csv:2",
    ]


def test_each_log_command_records_its_event(folder):
    for args in (["log", "referral", "--from", "ana", "--name", "Ivy Jo", "--notes", "ask about maps"],
                 ["log", "intro", "ivy-jo", "--status", "requested"],
                 ["log", "intro", "ivy-jo", "--status", "requested"],
                 ["log", "intro", "ivy-jo", "--status", "made"], ["log", "meeting", "ivy-jo"],
                 ["log", "thanks", "ivy-jo"], ["log", "call", "ana", "--notes", "catch-up"],
                 ["log", "message", "bo"]):  # fmt: skip
        result = run(folder, *args)
        assert result.exit_code == 0, (args, result.output)
    assert (folder / "events.csv").read_text() == HEADER + (
        "2026-03-01,referral,ivy-jo,ana,ask about maps,,\n"
        "2026-03-01,request,ivy-jo,ana,,,\n"
        "2026-03-01,nudge,ivy-jo,ana,,,\n"
        "2026-03-01,introduced,ivy-jo,ana,,,\n"
        "2026-03-01,meeting,ivy-jo,ana,,,\n"
        "2026-03-01,thanks,ivy-jo,ana,,,\n"
        "2026-03-01,call,ana,,catch-up,,\n"
        "2026-03-01,message,bo,,,,\n"
    )


def test_events_csv_problems_name_file_line_and_column(folder):
    (folder / "events.csv").write_text(
        HEADER + "2026-02-30,meeting,cy,,,,\n2026-02-01,meting,cy,,,,\n"
        "2026-02-01,call,Zed,,,,\n2026-02-01,snooze,,,,nudge-dee-cy,\n"
    )
    result = run(folder, "due")
    assert result.exit_code == 1
    events = str(folder / "events.csv")
    assert result.stderr.splitlines() == [
        f"Error: {events}:2: date: impossible date '2026-02-30' (day is out of range for month) - "
        "write dates as YYYY-MM-DD",
        f"Error: {events}:3: kind: unknown kind 'meting' - did you mean 'meeting'? Otherwise use one of: "
        "meeting, call, "
        "message, referral, request, nudge, introduced, declined, no_response, thanks, done, snooze, note",
        f"Error: {events}:4: person: 'Zed' matches no id or name in contacts.csv - write the id from contacts.csv",
        f"Error: {events}:5: until: a snooze needs the date it ends - write it as YYYY-MM-DD",
        "4 errors in the data - fix them and run 'netmap check' to confirm",
    ]
    assert run(folder, "log", "meeting", "cy").exit_code == 1  # nothing is written on top of a broken file
    assert (folder / "events.csv").read_text().count("\n") == 5


def test_events_csv_by_hand_with_names_and_other_columns(folder):
    (folder / "events.csv").write_bytes(b"Kind;Date;Person;Mood\r\nmeeting;2026-02-27;Dee Ek;good\r\n")
    ds = load_dataset(folder)
    (event,) = load_events(ds)
    assert (event.kind, event.person, event.line) == ("meeting", "dee", 2)
    assert run(folder, "log", "thanks", "dee").exit_code == 0
    assert (folder / "events.csv").read_bytes() == (
        b"Kind;Date;Person;Mood\r\nmeeting;2026-02-27;Dee Ek;good\r\nthanks;2026-03-01;dee;\r\n"
    )  # the user's columns, order, separator and line ends kept; no column added that the row does not need


def test_events_csv_changed_meanwhile_nothing_written(folder, monkeypatch):
    """Every guarantee of the store holds for events.csv: a change on disk since it was read is exit 4."""
    (folder / "events.csv").write_text(HEADER)
    book = OutreachBook(folder)
    from datetime import date

    book.meeting("eli", on=date(2026, 3, 1), today=date(2026, 3, 1))
    (folder / "events.csv").write_text(HEADER + "2026-02-01,note,ana,,typed by hand,,\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    from netmap.errors import ConflictError

    with pytest.raises(ConflictError):
        book.save()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_folder_without_events_keeps_working_for_every_reader(folder):
    for args in (["due"], ["report"], ["check"], ["history", "ana"]):
        assert run(folder, *args).exit_code == 0, args
    assert not (folder / "events.csv").exists()


def test_log_with_a_relative_data_folder(folder, monkeypatch):
    """events.csv lands in the data folder when --data is relative (not in DATA/DATA)."""
    monkeypatch.chdir(folder.parent)
    result = CliRunner().invoke(cli, ["log", "meeting", "ana", "--data", folder.name, "--today", "2026-03-01"])
    assert result.exit_code == 0, result.stderr
    assert (folder / "events.csv").read_text() == HEADER + "2026-03-01,meeting,ana,dee,,,\n"
