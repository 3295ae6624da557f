"""netmap due: order, staleness, done and snooze, the calendar, and the inputs that used to crash it."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.loading import load_dataset
from netmap.model import Contact, Dataset, Introduction
from netmap.outreach import DueOptions, Event, due, load_due_options

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "outreach" / "small"
SAMPLE = ROOT / "sample_data"
HEADER = "date,kind,person,referrer,notes,item,until\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("contacts.csv", "introductions.csv"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    for name in ("contacts.csv", "introductions.csv", "companies.csv"):
        shutil.copy(SAMPLE / name, tmp_path / name)
    return tmp_path


def run(folder: Path, *args: str, today: str = "2026-03-01"):
    return CliRunner().invoke(cli, [*args, "--data", str(folder), "--today", today])


# -- the sample, as the issue asks -------------------------------------------------------------


def test_sample_due_shows_nothing_more_than_90_days_overdue(sample):
    result = run(sample, "due", "--format", "json", today="2026-11-15")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert items and max(i["overdue_days"] for i in items) <= 90
    assert [i["kind"] for i in items][0] == "thank"  # what to do first comes first
    stale = run(sample, "due", "--all", "--format", "json", today="2026-11-15")
    every = json.loads(stale.stdout)
    hidden = len(every) - len(items)
    assert hidden > 0 and any(i["overdue_days"] > 90 for i in every)
    assert result.stderr == f"({hidden} items more than 90 days overdue not shown: --all lists them)\n"
    assert stale.stderr == ""


def test_sample_due_top_5(sample):
    result = run(sample, "due", "--top", "5", "--format", "csv", today="2026-11-15")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 6


def test_stale_days_from_netmap_toml_and_the_command_line(sample):
    (sample / "netmap.toml").write_text("[due]\nstale_days = 30\n")
    narrow = json.loads(run(sample, "due", "--format", "json", today="2026-11-15").stdout)
    assert max(i["overdue_days"] for i in narrow) <= 30
    wide = json.loads(run(sample, "due", "--format", "json", "--stale-days", "3000", today="2026-11-15").stdout)
    assert len(wide) == len(json.loads(run(sample, "due", "--all", "--format", "json", today="2026-11-15").stdout))


def test_unknown_due_setting_is_a_one_line_config_error(sample):
    (sample / "netmap.toml").write_text("[due]\nstale = 30\n")
    result = run(sample, "due", today="2026-11-15")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {sample / 'netmap.toml'}: unknown key 'stale' in [due] - use one of: thank_days, nudge_days, "
        "reach_days, keep_days, strong, stale_days\n"
    )


def test_kind_filter(folder):
    result = run(folder, "due", "--kind", "keep_in_touch", "--kind", "thank", "--format", "csv")
    kinds = [line.split(",")[3] for line in result.stdout.splitlines()[1:]]
    assert kinds == ["thank", "keep_in_touch", "keep_in_touch"]


# -- meetings owe thank-yous -------------------------------------------------------------------


def test_a_meeting_with_a_direct_contact_owes_a_dated_thank_you_until_thanked(folder):
    assert run(folder, "log", "meeting", "fay", "--date", "2026-02-26").exit_code == 0
    items = json.loads(run(folder, "due", "--kind", "thank", "--format", "json").stdout)
    assert [(i["id"], i["due_on"], i["overdue_days"]) for i in items] == [
        ("thank-cy-20260204", "2026-02-05", 24),
        ("thank-fay-20260226", "2026-02-27", 2),
    ]
    thanked = run(folder, "log", "thanks", "fay")
    assert thanked.stdout == "Logged a thank-you to Fay Gu on 2026-03-01\nSaved events.csv (previous as .bak)\n"
    items = json.loads(run(folder, "due", "--kind", "thank", "--format", "json").stdout)
    assert [i["id"] for i in items] == ["thank-cy-20260204"]


def test_an_old_meeting_without_a_date_is_dated_by_its_introduction():
    ds = Dataset([Contact("ana", "Ana"), Contact("bo", "Bo")],
                 [Introduction("ana", "bo", date(2026, 1, 5), "met", extra={"made_on": "2026-01-08"})])  # fmt: skip
    (item,) = due(ds, today=date(2026, 1, 20))
    assert (item.id, item.due_on, item.overdue_days) == ("thank-bo-20260108", date(2026, 1, 9), 11)


def test_a_thank_you_before_a_second_meeting_does_not_cover_it():
    ds = Dataset([Contact("bo", "Bo")], [])
    events = [Event(date(2026, 1, 5), "meeting", "bo"), Event(date(2026, 1, 6), "thanks", "bo"),
              Event(date(2026, 2, 1), "meeting", "bo")]  # fmt: skip
    assert [i.id for i in due(ds, events, today=date(2026, 2, 3))] == ["thank-bo-20260201"]


# -- done and snooze ---------------------------------------------------------------------------


def test_done_takes_an_item_off(folder):
    result = run(folder, "done", "close-hal-fay")
    assert result.exit_code == 0
    assert result.stdout == "Done: close-hal-fay (2026-03-01)\nSaved events.csv (previous as .bak)\n"
    assert "close-hal-fay" not in run(folder, "due").stdout
    assert (folder / "events.csv").read_text() == HEADER + "2026-03-01,done,,,,close-hal-fay,\n"


def test_done_keep_in_touch_comes_back_after_keep_days(folder):
    assert run(folder, "done", "keep-in-touch-ana").exit_code == 0
    assert "keep-in-touch-ana" not in run(folder, "due").stdout
    later = run(folder, "due", "--kind", "keep_in_touch", "--format", "csv", today="2026-05-30")
    assert "keep-in-touch-ana,2026-05-30,0,keep_in_touch,Ana Lima," in later.stdout


def test_snooze_until_a_date(folder):
    result = run(folder, "snooze", "nudge-dee-cy", "--until", "2026-03-05")
    assert result.exit_code == 0
    assert result.stdout == "Snoozed nudge-dee-cy until 2026-03-05\nSaved events.csv (previous as .bak)\n"
    assert "nudge-dee-cy" not in run(folder, "due").stdout
    back = run(folder, "due", "--kind", "nudge", "--format", "csv", today="2026-03-05")
    assert back.stdout.splitlines()[1].startswith("nudge-dee-cy,2026-03-05,0,nudge,")


def test_snooze_into_the_past_is_refused(folder):
    result = run(folder, "snooze", "nudge-dee-cy", "--until", "2026-03-01")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --until 2026-03-01 is not after today (2026-03-01) - give a later date\n",
    )
    assert not (folder / "events.csv").exists()


def test_unknown_item_exits_3_with_a_suggestion(folder):
    result = run(folder, "done", "nudge-de-cy")
    assert result.exit_code == 3
    assert result.stderr == "Error: no item 'nudge-de-cy' in 'netmap due' - did you mean 'nudge-dee-cy'?\n"
    assert not (folder / "events.csv").exists()


# -- inputs that used to crash (issue 13) --------------------------------------------------------


def test_last_contact_in_year_9999_never_falls_due(folder):
    path = folder / "contacts.csv"
    path.write_text(path.read_text().replace("2025-12-01", "9999-12-31"))
    result = run(folder, "due", "--ahead", "36500", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "keep-in-touch-ana" not in result.stdout and "keep-in-touch-fay" in result.stdout


@pytest.mark.parametrize("option,value", [("--ahead", "999999999"), ("--nudge-days", "1" * 20),
                                          ("--keep-days", "0"), ("--stale-days", "-1")])  # fmt: skip
def test_out_of_range_days_are_usage_errors(folder, option, value):
    result = run(folder, "due", option, value)
    assert result.exit_code == 2
    assert re.search(rf"Error: Invalid value for '{option}': {re.escape(value)} is not in the range", result.stderr)


def test_library_dates_beyond_9999_are_skipped():
    ds = Dataset([Contact("ana", "Ana", strength=5, last_contact=date(9999, 12, 1))], [])
    assert due(ds, today=date(9999, 12, 30), options=DueOptions(ahead=36500)) == []


def test_load_due_options_range(tmp_path):
    (tmp_path / "netmap.toml").write_text("[due]\nkeep_days = 99999999999999999999\n")
    with pytest.raises(Exception, match=r"due.keep_days: must be a whole number from 1 to 36500"):
        load_due_options(tmp_path / "netmap.toml")


# -- the calendar ------------------------------------------------------------------------------


def test_ics_is_rfc5545_clean_and_parses_back(folder):
    import icalendar

    path = folder / "contacts.csv"
    hostile = '"Gus\x07 Ho\x1b[31m\r\nBEGIN:VEVENT\rSUMMARY:x\\, y; z ' + "é" * 60 + '"'
    path.write_bytes(path.read_bytes().replace(b"Gus Ho", hostile.encode()))
    ics = folder / "due.ics"
    result = run(folder, "due", "--ahead", "5", "--ics", str(ics))
    assert result.exit_code == 0, result.stderr
    data = ics.read_bytes()
    assert data.endswith(b"\r\n")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line  # folded
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line  # no raw control characters
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 7
    (gus,) = [e for e in events if str(e["uid"]) == "reach-out-gus-ana@netmap"]
    assert re.fullmatch(r"Reach out: Gus Ho ?\[31m BEGIN:VEVENT SUMMARY:x\\, y; z " + "é" * 60, str(gus["summary"]))
    assert gus.decoded("dtstart") == date(2026, 3, 4)
    assert gus.decoded("dtend") == date(2026, 3, 5)


def test_ics_leaves_stale_items_out_and_puts_overdue_ones_today(sample):
    ics = sample / "due.ics"
    result = run(sample, "due", "--all", "--ics", str(ics), "--format", "csv", today="2026-11-15")
    import icalendar

    shown = len(result.stdout.splitlines()) - 1
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert 0 < len(events) < shown
    assert result.stderr == f"Wrote {len(events)} events to {ics}\n"
    assert {e.decoded("dtstart") for e in events} == {date(2026, 11, 15)}
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    ids = {line.split(",")[0] for line in result.stdout.splitlines()[1:]}
    assert {u.removesuffix("@netmap") for u in uids} <= ids  # the UID is the id of 'netmap due'


def test_due_on_the_sample_matches_the_loader():
    """The library on the sample gives the same ids as the command (one implementation)."""
    ds = load_dataset(SAMPLE)
    items = due(ds, today=date(2026, 11, 15))
    assert len({i.id for i in items}) == len(items)
