"""netmap log meeting|referral|intro|thanks and netmap due, on a hand-built data folder."""

from __future__ import annotations

import codecs
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.loading import load_dataset
from netmap.outreach import TRANSITIONS, OutreachBook

SMALL = Path(__file__).parent / "data" / "outreach" / "small"
TODAY = "2026-03-01"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("contacts.csv", "introductions.csv"):
        shutil.copy(SMALL / name, tmp_path / name)
    return tmp_path


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, [*args, "--data", str(folder), "--today", TODAY])


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def changed_lines(before: list[bytes], after: list[bytes]) -> list[int]:
    assert len(before) == len(after)
    return [n for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]


# -- log meeting ---------------------------------------------------------------------------


def test_log_meeting(folder):
    """A meeting moves last contact, adds the notes and moves the introduction to met."""
    contacts, intros = lines(folder / "contacts.csv"), lines(folder / "introductions.csv")
    result = run(folder, "log", "meeting", "Eli Fox", "--notes", "likes maps,  a lot")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Logged a meeting with Eli Fox on 2026-03-01\n"
        "Last contact with Eli Fox: none -> 2026-03-01\n"
        "Notes added to Eli Fox\n"
        "Introduction from Bo Chen to Eli Fox: made -> met (2026-03-01)\n"
        "Next: send Eli Fox a written thank-you, then 'netmap log thanks eli'; "
        "and ask for more names\n"
        "Saved contacts.csv, introductions.csv, events.csv (previous as .bak)\n"
    )
    new_contacts = lines(folder / "contacts.csv")
    assert changed_lines(contacts, new_contacts) == [6]
    assert new_contacts[5] == (b'eli,Eli Fox,Hooli,,,,,,2026-03-01,"2026-03-01 meeting: likes maps, a lot",\n')
    new_intros = lines(folder / "introductions.csv")
    assert changed_lines(intros, new_intros) == [5]
    assert new_intros[4] == b"bo,eli,2026-01-20,met,,,,2026-02-01,2026-03-01,,\n"
    assert (folder / "contacts.csv.bak").read_bytes() == (SMALL / "contacts.csv").read_bytes()
    assert (folder / "introductions.csv.bak").read_bytes() == (SMALL / "introductions.csv").read_bytes()


def test_log_meeting_keeps_crlf_bom_quoting_and_user_rows(folder):
    """Only the met person's row changes; BOM, CRLF, quoting, blank lines and user rows stay."""
    path = folder / "contacts.csv"
    original = codecs.BOM_UTF8 + (
        (SMALL / "contacts.csv").read_bytes().replace(b"\n", b"\r\n")
        + b'\r\n"zed","Zed, Q.",,,,,,,,"two\nlines","\xc3\xa9"\r\n'
    )
    path.write_bytes(original)
    result = run(folder, "log", "meeting", "eli")
    assert result.exit_code == 0, result.stderr
    expected = original.replace(b"eli,Eli Fox,Hooli,,,,,,,,\r\n", b"eli,Eli Fox,Hooli,,,,,,2026-03-01,,\r\n")
    assert path.read_bytes() == expected


def test_log_meeting_adds_the_columns_it_needs(tmp_path):
    """Files without last_contact or met_on get them at the end; other bytes stay."""
    (tmp_path / "contacts.csv").write_bytes(b"id;name;Mood\nbo;Bo;ok\neli;Eli;\n")
    (tmp_path / "introductions.csv").write_bytes(b"referrer;contact;status\nbo;eli;made\n")
    result = run(tmp_path, "log", "meeting", "eli", "--date", "2026-02-27")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "contacts.csv").read_bytes() == (b"id;name;Mood;last_contact\nbo;Bo;ok;\neli;Eli;;2026-02-27\n")
    assert (tmp_path / "introductions.csv").read_bytes() == (b"referrer;contact;status;met_on\nbo;eli;met;2026-02-27\n")


def test_log_meeting_already_met_only_records_the_event(folder):
    """contacts.csv and introductions.csv already say it; events.csv gains the meeting."""
    before = {name: (folder / name).read_bytes() for name in ("contacts.csv", "introductions.csv")}
    result = run(folder, "log", "meeting", "cy", "--date", "2026-02-04")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Logged a meeting with Cy Diaz on 2026-02-04\n"
        "Introduction from Bo Chen to Cy Diaz was already met\n"
        "Next: send Cy Diaz a written thank-you, then 'netmap log thanks cy'; and ask for more names\n"
        "Saved events.csv (previous as .bak)\n"
    )
    assert {name: (folder / name).read_bytes() for name in before} == before
    events = (folder / "events.csv").read_text()
    assert events == "date,kind,person,referrer,notes,item,until\n2026-02-04,meeting,cy,bo,,,\n"


def test_log_meeting_without_an_introduction(folder):
    result = run(folder, "log", "meeting", "fay")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-3:] == [
        "No introduction led to Fay Gu",
        "Next: send Fay Gu a written thank-you, then 'netmap log thanks fay'; and ask for more names",
        "Saved contacts.csv, events.csv (previous as .bak)",
    ]


def test_log_meeting_in_the_future_is_refused(folder):
    result = run(folder, "log", "meeting", "eli", "--date", "2026-03-02")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: the meeting date 2026-03-02 is after today (2026-03-01) - log a meeting once it has happened\n"
    )


# -- people ---------------------------------------------------------------------------------


def test_unknown_person_exits_3_with_suggestions(folder):
    result = run(folder, "log", "thanks", "cyy")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        "Error: 'cyy' matches no id or name in contacts.csv - did you mean 'Cy Diaz'? "
        "If not, add them to contacts.csv\n"
    )


def test_ambiguous_person_exits_3_listing_ids(folder):
    with (folder / "contacts.csv").open("a") as f:
        f.write("eli2,Eli Fox,Acme,,,,,,,,\n")
    result = run(folder, "log", "meeting", "Eli Fox")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: 'Eli Fox' is ambiguous: 2 people have that name: 'eli' (Hooli, line 6), "
        "'eli2' (Acme, line 10) - write the id instead of the name\n"
    )


def test_invalid_data_fails_as_everywhere_and_writes_nothing(folder):
    path = folder / "contacts.csv"
    path.write_bytes(path.read_bytes().replace(b"colleague,4", b"colleague,9"))
    before = path.read_bytes()
    result = run(folder, "log", "meeting", "eli")
    stats = run(folder, "stats")
    assert result.exit_code == stats.exit_code == 1
    assert result.stderr == stats.stderr
    assert "contacts.csv:7: strength: '9' is outside 1-5" in result.stderr
    assert path.read_bytes() == before and not (folder / "contacts.csv.bak").exists()


# -- log referral ---------------------------------------------------------------------------


def test_log_referral_adds_the_person_and_the_introduction(folder):
    result = run(
        folder, "log", "referral", "--from", "Cy Diaz", "--name", " Ivy  Jo ",
        "--company", "Acme", "--email", "ivy@acme.example", "--notes", "ask about data",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Added Ivy Jo to contacts.csv as 'ivy-jo'\n"
        "Introduction from Cy Diaz to Ivy Jo recorded as suggested\n"
        "Saved contacts.csv, introductions.csv, events.csv (previous as .bak)\n"
    )
    assert (folder / "contacts.csv").read_bytes() == (SMALL / "contacts.csv").read_bytes() + (
        b"ivy-jo,Ivy Jo,Acme,,,ivy@acme.example,,,,,\n"
    )
    assert (folder / "introductions.csv").read_bytes() == (
        SMALL / "introductions.csv"
    ).read_bytes() + b"cy,ivy-jo,2026-03-01,suggested,,ask about data,,,,,\n"
    ds = load_dataset(folder)
    assert (ds.introductions[-1].referrer, ds.introductions[-1].contact) == ("cy", "ivy-jo")


def test_log_referral_matches_an_existing_person_by_email(folder):
    result = run(
        folder, "log", "referral", "--from", "cy", "--name", "Ana L.",
        "--email", "ANA@acme.example", "--company", "Globex", "--title", "Engineer",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Ana Lima is already in contacts.csv as 'ana'\n"
        "Kept company 'Acme' (you gave 'Globex'): edit the file to change it\n"
        "Introduction from Cy Diaz to Ana Lima recorded as suggested\n"
        "Saved introductions.csv, events.csv (previous as .bak)\n"
    )
    assert (folder / "contacts.csv").read_bytes() == (SMALL / "contacts.csv").read_bytes()


def test_log_referral_fills_empty_fields_of_a_known_person(folder):
    result = run(folder, "log", "referral", "--from", "ana", "--name", "hal ito",
                 "--office", "Berlin")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "Hal Ito is already in contacts.csv as 'hal'",
        "Filled in office for Hal Ito",
    ]
    assert lines(folder / "contacts.csv")[8] == b"hal,Hal Ito,,,Berlin,,,,,,\n"


def test_log_referral_twice_adds_nothing(folder):
    result = run(folder, "log", "referral", "--from", "ana", "--name", "Gus Ho")
    assert result.exit_code == 0
    assert result.stdout == (
        "Gus Ho is already in contacts.csv as 'gus'\n"
        "The introduction from Ana Lima to Gus Ho is already on introductions.csv line 6 "
        "(suggested); nothing added\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["contacts.csv", "introductions.csv"]


def test_log_referral_without_an_id_column_uses_the_derived_id(tmp_path):
    (tmp_path / "contacts.csv").write_bytes(b"name,company\nAna Lima,Acme\nIvy Jo,Acme\n")
    result = run(tmp_path, "log", "referral", "--from", "Ana Lima", "--name", "Ivy Jo",
                 "--company", "Hooli")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    result = run(tmp_path, "log", "referral", "--from", "Ana Lima", "--name", "Ivy Ju")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "contacts.csv").read_bytes() == (b"name,company\nAna Lima,Acme\nIvy Jo,Acme\nIvy Ju,\n")
    assert (tmp_path / "introductions.csv").read_bytes() == (
        b"referrer,contact,date,status,strength,notes\n"
        b"ana-lima,ivy-jo,2026-03-01,suggested,,\n"
        b"ana-lima,ivy-ju,2026-03-01,suggested,,\n"
    )
    assert len(load_dataset(tmp_path).introductions) == 2


def test_log_referral_new_id_never_takes_an_existing_one(folder):
    with (folder / "contacts.csv").open("a") as f:
        f.write("ivy-jo,Someone Else,,,,,,,,,\n")
    result = run(folder, "log", "referral", "--from", "ana", "--name", "Ivy Jo")
    assert result.stdout.splitlines()[0] == "Added Ivy Jo to contacts.csv as 'ivy-jo-2'"


# -- log intro and thanks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "status", "row", "message"),
    [
        ("gus", "requested", b"ana,gus,2026-02-25,requested,,,2026-03-01,,,,\n",
         "Introduction from Ana Lima to Gus Ho: suggested -> requested (2026-03-01)"),
        ("dee", "requested", b"cy,dee,2026-02-10,requested,,,2026-02-20,,,,2026-03-01\n",
         "Introduction from Cy Diaz to Dee Ek: nudged (2026-03-01)"),
        ("dee", "made", b"cy,dee,2026-02-10,made,,,2026-02-20,2026-03-01,,,\n",
         "Introduction from Cy Diaz to Dee Ek: requested -> made (2026-03-01)"),
        ("eli", "no_response", b"bo,eli,2026-01-20,no_response,,,,2026-02-01,,,\n",
         "Introduction from Bo Chen to Eli Fox: made -> no_response (2026-03-01)"),
        ("hal", "no_response", b"fay,hal,2026-01-02,no_response,,,2026-01-03,,,,2026-02-01\n",
         "Introduction from Fay Gu to Hal Ito: requested -> no_response (2026-03-01)"),
    ],
)  # fmt: skip
def test_log_intro_moves_one_row(folder, person, status, row, message):
    before = lines(folder / "introductions.csv")
    result = run(folder, "log", "intro", person, "--status", status)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{message}\nSaved introductions.csv, events.csv (previous as .bak)\n"
    after = lines(folder / "introductions.csv")
    (n,) = changed_lines(before, after)
    assert after[n - 1] == row


@pytest.mark.parametrize(
    ("person", "status", "error"),
    [
        ("gus", "met", "cannot move it to met: the introduction from Ana Lima to Gus Ho is "
         "suggested - from suggested it can move to: requested, made, declined; or log the "
         "meeting itself: 'netmap log meeting gus'"),
        ("bo", "thanked", "cannot move it to thanked: the introduction from Ana Lima to Bo Chen "
         "is thanked - thanked is final; add a new introduction to start again"),
        ("fay", "made", "no introduction to Fay Gu in introductions.csv - record one with "
         "'netmap log referral --from REFERRER --name fay'"),
    ],
)  # fmt: skip
def test_log_intro_refuses_what_the_graph_does_not_allow(folder, person, status, error):
    before = (folder / "introductions.csv").read_bytes()
    result = run(folder, "log", "intro", person, "--status", status)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {error}\n")
    assert (folder / "introductions.csv").read_bytes() == before


def test_log_intro_status_must_be_known(folder):
    result = run(folder, "log", "intro", "gus", "--status", "suggested")
    assert result.exit_code == 2
    assert "Invalid value for '--status': 'suggested' is not one of" in result.stderr


def test_several_fitting_introductions_need_from(folder):
    with (folder / "introductions.csv").open("a") as f:
        f.write("bo,gus,2026-02-26,suggested,,,,,,,\n")
    result = run(folder, "log", "intro", "gus", "--status", "requested")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: Gus Ho has 2 introductions that could be moved to requested: from Ana Lima "
        "(suggested, line 6), from Bo Chen (suggested, line 12) - "
        "pass --from REFERRER to pick one\n"
    )
    result = run(folder, "log", "intro", "gus", "--status", "requested", "--from", "Bo Chen")
    assert result.exit_code == 0
    assert lines(folder / "introductions.csv")[-1] == (b"bo,gus,2026-02-26,requested,,,2026-03-01,,,,\n")


def test_log_thanks(folder):
    result = run(folder, "log", "thanks", "Cy Diaz", "--date", "2026-02-05")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Introduction from Bo Chen to Cy Diaz: met -> thanked (2026-02-05)\n"
        "Saved introductions.csv, events.csv (previous as .bak)\n"
    )
    assert lines(folder / "introductions.csv")[2] == (
        b"bo,cy,2026-01-20,thanked,,,2026-01-21,2026-01-25,2026-02-04,2026-02-05,\n"
    )


def test_transition_graph_is_documented():
    """Every status appears, and only thanked/declined are final."""
    assert [s for s, nexts in TRANSITIONS.items() if not nexts] == ["thanked", "declined"]
    doc = (Path(__file__).parents[1] / "docs" / "outreach.md").read_text()
    for status, nexts in TRANSITIONS.items():
        for n in nexts:
            assert f"| {status} | {n} |" in doc


# -- nothing lost: conflicts ------------------------------------------------------------------


@pytest.mark.parametrize("edited", ["contacts.csv", "introductions.csv"])
def test_conflict_exits_4_and_writes_nothing(folder, monkeypatch, edited):
    """A file edited while netmap worked is not overwritten, and neither is the other one."""
    original_save = OutreachBook.save

    def save_after_someone_edits(self):
        with (folder / edited).open("a") as f:
            f.write("\n")
        return original_save(self)

    monkeypatch.setattr(OutreachBook, "save", save_after_someone_edits)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run(folder, "log", "meeting", "eli")
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (f"Error: {folder / edited} changed on disk since netmap read it - re-run the command\n")
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    before[edited] += b"\n"
    assert after == before


# -- due -------------------------------------------------------------------------------------

DUE_TABLE = """\
id                 due_on      overdue  kind           name      action
-----------------  ----------  -------  -------------  --------  --------------------------------------------------------------------------------
thank-cy-20260204  2026-02-05  24       thank          Cy Diaz   send Cy Diaz a written thank-you, then 'netmap log thanks cy'
nudge-dee-cy       2026-02-27  2        nudge          Dee Ek    nudge Cy Diaz about Dee Ek once, politely
close-hal-fay      2026-02-08  21       close          Hal Ito   no answer after a nudge: let it go ('netmap log intro hal --status no_response')
follow-up-eli-bo   2026-02-08  21       follow_up      Eli Fox   write to Eli Fox to set up a 15-20 minute conversation
keep-in-touch-ana  2026-03-01  0        keep_in_touch  Ana Lima  get back in touch with Ana Lima (last contact 2025-12-01)
keep-in-touch-fay                       keep_in_touch  Fay Gu    get back in touch with Fay Gu (no date)
"""  # noqa: E501


def test_due_table(folder):
    """Hand-computed for 2026-03-01 with the default thresholds (see tests/data/outreach):
    thank-yous first, then nudges, closes, follow-ups, names, strong ties; oldest first in each."""
    result = run(folder, "due")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == DUE_TABLE


def test_due_thresholds(folder):
    result = run(folder, "due", "--nudge-days", "10", "--thank-days", "30", "--strong", "5",
                 "--keep-days", "91", "--ahead", "3", "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "id,due_on,overdue,kind,name,action\n"
        'nudge-dee-cy,2026-03-02,\'-1,nudge,Dee Ek,"nudge Cy Diaz about Dee Ek once, politely"\n'
        "close-hal-fay,2026-02-11,18,close,Hal Ito,no answer after a nudge: let it go "
        "('netmap log intro hal --status no_response')\n"
        "follow-up-eli-bo,2026-02-08,21,follow_up,Eli Fox,write to Eli Fox to set up a 15-20 minute conversation\n"
        "reach-out-gus-ana,2026-03-04,'-3,reach_out,Gus Ho,ask Ana Lima to introduce you to Gus Ho\n"
        "keep-in-touch-ana,2026-03-02,'-1,keep_in_touch,Ana Lima,get back in touch with Ana Lima "
        "(last contact 2025-12-01)\n"
    )  # the shared CSV writer neutralises '-1' like a formula (reported to its owner)
    raw = run(folder, "due", "--ahead", "3", "--format", "csv", "--raw")
    assert "reach-out-gus-ana,2026-03-04,-3,reach_out,Gus Ho," in raw.stdout


def test_due_json(folder):
    result = run(folder, "due", "--format", "json")
    items = json.loads(result.stdout)
    assert [(i["kind"], i["person"], i["overdue_days"]) for i in items] == [
        ("thank", "cy", 24), ("nudge", "dee", 2), ("close", "hal", 21),
        ("follow_up", "eli", 21), ("keep_in_touch", "ana", 0), ("keep_in_touch", "fay", None),
    ]  # fmt: skip
    assert items[0] == {
        "id": "thank-cy-20260204", "kind": "thank", "person": "cy", "name": "Cy Diaz",
        "action": "send Cy Diaz a written thank-you, then 'netmap log thanks cy'",
        "due_on": "2026-02-05", "overdue_days": 24, "since": "2026-02-04",
        "referrer": "bo", "line": 3, "stale": False, "snoozed_until": None,
    }  # fmt: skip


def test_due_after_logging_the_work(folder):
    """Logging the thank-you, the nudge and the rest empties the list."""
    for args in (
        ["log", "thanks", "cy"],
        ["log", "intro", "hal", "--status", "no_response", "--from", "fay"],
        ["log", "meeting", "eli"],
        ["log", "thanks", "eli"],
        ["log", "intro", "dee", "--status", "requested"],
        ["log", "meeting", "ana"],
        ["log", "meeting", "fay"],
    ):
        assert run(folder, *args).exit_code == 0, args
    result = run(folder, "due")
    assert result.stdout == "Nothing due on 2026-03-01.\n"


def test_due_ics(folder):
    """The calendar parses back with icalendar: one all-day event per item."""
    import icalendar

    ics = folder / "due.ics"
    result = run(folder, "due", "--ics", str(ics), "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == f"Wrote 6 events to {ics}\n"
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    events = cal.walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        ("Thank: Cy Diaz", date(2026, 3, 1)),
        ("Nudge: Dee Ek", date(2026, 3, 1)),
        ("Close: Hal Ito", date(2026, 3, 1)),
        ("Follow up: Eli Fox", date(2026, 3, 1)),
        ("Keep in touch: Ana Lima", date(2026, 3, 1)),
        ("Keep in touch: Fay Gu", date(2026, 3, 1)),
    ]
    assert str(events[0]["description"]) == (
        "send Cy Diaz a written thank-you, then 'netmap log thanks cy' (24 days overdue) "
        "[netmap done thank-cy-20260204]"
    )
    assert str(events[0]["uid"]) == "thank-cy-20260204@netmap"
    assert len({str(e["uid"]) for e in events}) == 6


def test_due_ics_future_items_fall_on_their_day_and_hostile_names_survive(folder):
    import icalendar

    path = folder / "contacts.csv"
    path.write_bytes(path.read_bytes().replace(b"Gus Ho", b'"Gus; Ho,\nBEGIN:VEVENT"'))
    ics = folder / "due.ics"
    assert run(folder, "due", "--ahead", "5", "--ics", str(ics)).exit_code == 0
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 7
    (gus,) = [e for e in events if e["uid"] == "reach-out-gus-ana@netmap"]
    assert str(gus["summary"]) == "Reach out: Gus; Ho, BEGIN:VEVENT"  # one line: no raw line break
    assert gus.decoded("dtstart") == date(2026, 3, 4)


def test_commands_have_help_with_an_example():
    for args in (["log"], ["log", "meeting"], ["log", "referral"], ["log", "intro"], ["log", "thanks"],
                 ["log", "call"], ["log", "message"], ["due"], ["done"], ["snooze"], ["history"], ["draft"],
                 ["prep"], ["report"]):  # fmt: skip
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0
        assert re.search(r"\n\s+Example:\n\s+netmap \S", result.stdout), args
