"""Imported people are direct ties with netmap's strength_estimate, never the user's strength."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.importers import import_files, read_export
from netmap.importers.estimate import estimate_tie
from netmap.importers.linkedin import Interaction, Signals
from netmap.loading import load_dataset
from netmap.store import CsvDocument

IMPORTS = Path(__file__).parent / "data" / "imports"
TODAY = date(2026, 3, 1)
LINKEDIN = ("linkedin_2025_Connections.csv", "linkedin_messages.csv", "linkedin_Invitations.csv")
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
)
HINT = "(strength_estimate; set your own with 'netmap rate PERSON --strength N')"


def run(folder: Path, *names: str | Path, today: date = TODAY, **kwargs):
    return import_files([IMPORTS / n for n in names], folder, today=today, **kwargs)


def rows(folder: Path) -> dict[str, dict[str, str]]:
    return {r.values["name"]: r.values for r in CsvDocument.read(folder / "contacts.csv").rows}


# -- the formula ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ({}, 1),  # a name and nothing else
        ({"connected_on": date(2019, 5, 1)}, 1),  # a LinkedIn connection from 2019
        ({"connected_on": date(2026, 2, 8)}, 2),  # connected this year
        ({"on_file": True}, 2),  # a Google contact with an e-mail
        ({"messages": 2, "last_exchange": date(2020, 1, 1)}, 1),  # frequency 0 below 3
        ({"messages": 3, "last_exchange": date(2020, 1, 1)}, 2),  # 3-9: 1
        ({"messages": 9, "last_exchange": date(2020, 1, 1)}, 2),
        ({"messages": 10, "last_exchange": date(2020, 1, 1)}, 3),  # 10 or more: 2
        ({"reciprocal": True, "last_exchange": date(2020, 1, 1)}, 2),
        ({"messages": 10, "reciprocal": True, "last_exchange": date(2026, 2, 2)}, 5),
        ({"on_file": True, "messages": 50, "reciprocal": True,
          "last_exchange": date(2026, 2, 2)}, 5),  # 6 capped at 5
    ],
)  # fmt: skip
def test_estimate_formula(evidence, expected):
    """min(5, 1 + on_file + frequency + reciprocity + recency), case by case."""
    assert estimate_tie(TODAY, **evidence) == expected


@pytest.mark.parametrize(
    ("days_before", "recency"), [(0, 1), (365, 1), (366, 0), (-3, 1)]
)  # fmt: skip
def test_recent_means_at_most_365_days_before_today(days_before, recency):
    """365 days before today is recent, 366 is not; a date after today counts as recent."""
    when = TODAY - timedelta(days=days_before)
    assert estimate_tie(TODAY, last_exchange=when) == 1 + recency
    assert estimate_tie(TODAY, connected_on=when) == 1 + recency


def test_the_last_exchange_decides_recency_and_connected_on_is_only_the_fallback():
    old_message, new_connection = date(2024, 1, 1), date(2026, 2, 8)
    assert estimate_tie(TODAY, last_exchange=old_message, connected_on=new_connection) == 1
    assert estimate_tie(TODAY, last_exchange=new_connection, connected_on=old_message) == 2


def _talk(*items: tuple[str, bool, bool]) -> Signals:
    """Interactions with one person: (kind, outgoing, personal)."""
    return Signals(
        Interaction("Ana", "ana", date(2026, 1, d), out, kind, personal)
        for d, (kind, out, personal) in enumerate(items, start=1)
    )


@pytest.mark.parametrize(
    ("items", "reciprocal", "both_ways"),
    [
        ([("message", True, True), ("message", False, True)], True, True),
        ([("message", True, True), ("message", True, True)], False, False),
        ([("invitation", True, True), ("invitation", False, True)], True, False),
        ([("invitation", True, False), ("invitation", False, True)], False, False),
        ([("message", False, True), ("invitation", True, True)], True, False),
    ],
)
def test_reciprocity_is_reaching_out_both_ways(items, reciprocal, both_ways):
    """A message, or an invitation with a personal note, each way; only messages both
    ways make someone a person on their own."""
    (person,) = _talk(*items).people
    assert (person.reciprocal, person.messaged_both_ways) == (reciprocal, both_ways)


# -- who becomes a direct tie -------------------------------------------------------------------


def test_linkedin_connections_get_an_estimate_and_connected_on_in_iso(tmp_path):
    """'14 May 2019' in the export is 2019-05-14 in contacts.csv; strength stays blank."""
    run(tmp_path, "linkedin_2019_Connections.csv")
    after = rows(tmp_path)
    assert {n: (r["strength"], r["strength_estimate"], r["connected_on"]) for n, r in after.items()} == {
        "Dina Haddad": ("", "2", "2019-05-14"),  # an e-mail on file
        "Ed Ng": ("", "1", "2018-01-02"),
    }
    assert load_dataset(tmp_path).by_id()["ed-ng"].is_direct


def test_address_books_count_an_email_or_a_phone_on_file(tmp_path):
    """Google (e-mail), vCard (TEL only: 2; an empty TEL: 1); the number is not written."""
    run(tmp_path, "google_contacts.csv", "phone_only.vcf")
    after = rows(tmp_path)
    assert {n: r["strength_estimate"] for n, r in after.items()} == {
        "Bo Chen": "2", "Hana Sato": "2", "no-name@example.com": "2",
        "Pia Phone": "2", "Nils Nothing": "1",
    }  # fmt: skip
    assert "7700" not in (tmp_path / "contacts.csv").read_text()


def test_parsers_note_a_phone_number_without_keeping_it(tmp_path):
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "First Name,Last Name,E-mail Address,Company,Job Title,Mobile Phone,Assistant's Phone\n"
        "Jo,Kim,,Initech,CTO,+49 30 1234,\n"
        "Al,Ames,,Initech,CFO,,+49 30 9999\n"
    )
    assert [c.phone for c in read_export(outlook).contacts] == [True, False]
    assert [c.phone for c in read_export(IMPORTS / "google_contacts.csv").contacts] == [
        True, False, False,
    ]  # fmt: skip
    assert [c.phone for c in read_export(IMPORTS / "google_legacy.csv").contacts] == [True]
    assert [c.phone for c in read_export(IMPORTS / "contacts_v21.vcf").contacts] == [True]
    assert [c.phone for c in read_export(IMPORTS / "phone_only.vcf").contacts] == [True, False]


def test_messages_both_ways_add_a_person_one_way_does_not(tmp_path):
    """Ana and Dev wrote and were answered: added. Carlos and Eli only wrote: not added."""
    plan = run(tmp_path, "linkedin_messages.csv")
    assert [(a.name, a.id, a.source) for a in plan.added] == [
        ("Ana Ribeiro", "ana-ribeiro-12ab", "linkedin"), ("Dev Patel", "dev-patel-9", "linkedin"),
    ]  # fmt: skip
    dev = rows(tmp_path)["Dev Patel"]
    assert (dev["linkedin_url"], dev["strength"], dev["strength_estimate"], dev["last_contact"]) == (
        "https://www.linkedin.com/in/dev-patel-9", "", "3", "2025-11-04",
    )  # fmt: skip
    assert plan.estimated == 2


def test_invitations_alone_add_nobody(tmp_path):
    """Pending or ignored invitations are not people."""
    plan = run(tmp_path, "linkedin_Invitations.csv")
    assert (plan.added, plan.estimated, plan.written) == ([], 0, [])
    assert not (tmp_path / "contacts.csv").exists()


def test_a_one_way_correspondent_already_in_contacts_gets_a_date_not_an_estimate(tmp_path):
    """Someone you only heard from is not made a direct tie by the messages."""
    (tmp_path / "contacts.csv").write_text("id,name\neli,Eli Recruiter\n")
    plan = run(tmp_path, "linkedin_messages.csv")
    eli = rows(tmp_path)["Eli Recruiter"]
    assert (eli["last_contact"], eli["strength_estimate"]) == ("2026-01-05", "")
    assert [(m.name, m.filled) for m in plan.updated] == [("Eli Recruiter", ["last_contact"])]


def test_a_messages_file_that_cannot_tell_you_apart_adds_nobody(tmp_path):
    """One conversation: either participant could be you; warn, add no one."""
    path = tmp_path / "messages.csv"
    path.write_text(
        MESSAGES_HEADER + "c1,,Ann A,https://www.linkedin.com/in/ann-a,Bob B,https://www.linkedin.com/in/bob-b,"
        "2026-01-01 10:00:00 UTC,,hi,INBOX\n"
        "c1,,Bob B,https://www.linkedin.com/in/bob-b,Ann A,https://www.linkedin.com/in/ann-a,"
        "2026-01-02 10:00:00 UTC,,hello,INBOX\n"
    )
    plan = import_files([path], tmp_path, today=TODAY, dry_run=True)
    assert plan.added == []
    assert [str(p) for p in plan.problems] == [
        f"{path}: warning: cannot tell you from the other participants: nobody is in more than"
        " 1 of the conversations - nobody is added from this file; import the whole messages.csv"
    ]


def test_linkedin_member_placeholder_is_not_a_person(tmp_path):
    """Deleted accounts all show as 'LinkedIn Member', without a profile URL."""
    me = "Sam User,https://www.linkedin.com/in/sam-user"
    path = tmp_path / "messages.csv"
    path.write_text(
        MESSAGES_HEADER + f"c1,,{me},LinkedIn Member,,2026-01-01 10:00:00 UTC,,hi,INBOX\n"
        f"c1,,LinkedIn Member,,{me},2026-01-02 10:00:00 UTC,,hello,INBOX\n"
        f"c2,,{me},Ana Ribeiro,https://www.linkedin.com/in/ana,2026-01-03 10:00:00 UTC,,hi,INBOX\n"
        f"c2,,Ana Ribeiro,https://www.linkedin.com/in/ana,{me},2026-01-04 10:00:00 UTC,,yo,INBOX\n"
    )
    plan = import_files([path], tmp_path, today=TODAY, dry_run=True)
    assert [a.name for a in plan.added] == ["Ana Ribeiro"]


# -- importing again -----------------------------------------------------------------------------


def test_reimporting_updates_the_estimate_but_never_strength_or_what_you_wrote(tmp_path):
    """Connections alone, then with messages (up), then a year later (down): estimate and
    connected_on are netmap's and follow the exports; strength, relationship, notes and
    unknown columns stay; a changed estimate is not a conflict."""
    run(tmp_path, "linkedin_2025_Connections.csv")
    assert rows(tmp_path)["Ana Ribeiro"]["strength_estimate"] == "2"  # connected this year
    doc = CsvDocument.read(tmp_path / "contacts.csv")
    doc.add_column("Mood")
    (ana,) = [r for r in doc.rows if r.values["name"] == "Ana Ribeiro"]
    doc.update(ana, {"strength": "3", "relationship": "friend", "notes": "mine", "Mood": "calm",
                     "connected_on": "2001-01-01"})  # fmt: skip
    doc.save()

    plan = run(tmp_path, *LINKEDIN)
    assert plan.conflicts == []
    (update,) = [m for m in plan.updated if m.name == "Ana Ribeiro"]
    assert (update.filled, update.source, update.reason) == (
        ["strength_estimate", "connected_on", "last_contact"],
        "linkedin_2025_Connections.csv, linkedin_messages.csv, linkedin_Invitations.csv",
        "estimate 2 -> 4: 3 messages, 1 invitation, reciprocal, last 2026-02-02",
    )
    ana = rows(tmp_path)["Ana Ribeiro"]
    assert (ana["strength_estimate"], ana["connected_on"], ana["last_contact"]) == (
        "4", "2026-02-08", "2026-02-02",
    )  # fmt: skip
    assert (ana["strength"], ana["relationship"], ana["notes"], ana["Mood"]) == (
        "3", "friend", "mine", "calm",
    )  # fmt: skip

    later = run(tmp_path, *LINKEDIN, today=date(2027, 6, 1))  # the messages are old now
    assert rows(tmp_path)["Ana Ribeiro"]["strength_estimate"] == "3"
    assert later.conflicts == [] and rows(tmp_path)["Ana Ribeiro"]["strength"] == "3"


def test_an_import_that_cannot_see_messages_does_not_take_their_points_away(tmp_path):
    """Connections.csv alone again (the quick LinkedIn archive): Ana keeps 4; netmap does not
    store messages, so it cannot know they stopped. Re-importing them updates it."""
    run(tmp_path, *LINKEDIN)
    before = (tmp_path / "contacts.csv").read_bytes()
    plan = run(tmp_path, "linkedin_2025_Connections.csv", today=date(2027, 6, 1))
    assert rows(tmp_path)["Ana Ribeiro"]["strength_estimate"] == "4"
    assert rows(tmp_path)["NA Null"]["strength_estimate"] == "1"
    assert (plan.updated, plan.written) == ([], [])
    assert (tmp_path / "contacts.csv").read_bytes() == before


def test_a_phone_number_netmap_does_not_store_keeps_its_point(tmp_path):
    """Dev Patel saved with a phone number and messaged: 4. messages.csv alone again keeps
    the phone's point; a year later only the recency goes."""
    card = tmp_path / "dev.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Dev Patel\nTEL:+44 20 7946 0000\nEND:VCARD\n")
    import_files([card, IMPORTS / "linkedin_messages.csv"], tmp_path, today=TODAY)
    assert rows(tmp_path)["Dev Patel"]["strength_estimate"] == "4"
    run(tmp_path, "linkedin_messages.csv")
    assert rows(tmp_path)["Dev Patel"]["strength_estimate"] == "4"
    run(tmp_path, "linkedin_messages.csv", today=date(2027, 6, 1))
    assert rows(tmp_path)["Dev Patel"]["strength_estimate"] == "3"


# -- the report ----------------------------------------------------------------------------------


def test_report_counts_the_estimated_ties_and_shows_updates(runner, tmp_path):
    first = ["import", "--data", str(tmp_path), "--today", "2026-03-01"]
    result = runner.invoke(cli, [*first, str(IMPORTS / "linkedin_2025_Connections.csv")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-2] == f"estimated 5 direct ties from the exports {HINT}"
    result = runner.invoke(
        cli, [*first, str(IMPORTS / "linkedin_messages.csv"), str(IMPORTS / "linkedin_Invitations.csv")]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "added     Dev Patel (linkedin) as dev-patel-9",
        "updated   Ana Ribeiro (contacts.csv:2): strength_estimate, last_contact from"
        " linkedin_messages.csv, linkedin_Invitations.csv"
        " (estimate 2 -> 4: 3 messages, 1 invitation, reciprocal, last 2026-02-02)",
        "updated   Bo Chen (contacts.csv:3): last_contact from linkedin_Invitations.csv"
        " (estimate 2: e-mail or phone on file, 1 invitation, one-way, last 2025-01-20)",
        "updated   Carlos Mendes, PhD (contacts.csv:6): last_contact from linkedin_messages.csv"
        " (estimate 1: 1 message, one-way, last 2022-07-03)",
        f"estimated 4 direct ties from the exports {HINT}",
        "Summary: 1 added, 0 merged, 3 updated, 0 conflicts, 0 near matches, 0 introductions;"
        f" wrote {tmp_path / 'contacts.csv'} (previous versions kept as .bak)",
    ]
