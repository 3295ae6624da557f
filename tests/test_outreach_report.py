"""netmap report: figures checked against the hand-built network in tests/data/outreach/small.

The network (introductions, by referrer -> contact, status):
ana->bo thanked (made 01-08, met 01-15), bo->cy met (made 01-25, met 02-04), cy->dee requested,
bo->eli made, ana->gus suggested, fay->hal requested, eli->cy suggested (later than bo->cy),
dee->ana suggested (would close a cycle), eli->dee declined (later than cy->dee),
ana->hal no_response (later than fay->hal).

By hand: 10 introductions; asked 7 (all but the 3 suggested); agreed 3 (thanked, met, made);
met 2; thanked 1; referred on 2 (bo and cy both gave names). Names gained: bo->cy, bo->eli,
cy->dee = 3 from 2 meetings. Days to meeting: 7 and 10. Referral forest: ana > bo > cy > dee,
bo > eli, ana > gus, fay > hal.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from netmap.cli import cli
from netmap.loading import load_dataset
from netmap.model import Contact, Dataset, Introduction
from netmap.outreach import Stage, outreach_report, referral_tree

SMALL = Path(__file__).parent / "data" / "outreach" / "small"

REPORT = """\
Pipeline
stage          count  rate   of
-------------  -----  -----  ----------------
introductions  10
asked          7      0.7    of introductions
agreed         3      0.429  of asked
met            2      0.667  of agreed
thanked        1      0.5    of met
referred on    2      1      of met

Summary
figure                    value  note
------------------------  -----  -----------------------------------------
meetings                  2      introductions that reached met or thanked
names gained              3      introductions from people you met
names per meeting         1.5
declined                  1
no response               1
days to meeting (median)  8.5    2 meetings with dates
days to meeting (mean)    8.5
days to meeting (min)     7
days to meeting (max)     10

Longest referral chains
started by  length  chain
----------  ------  -------------------------------------
Ana Lima    3       Ana Lima > Bo Chen > Cy Diaz > Dee Ek
Ana Lima    2       Ana Lima > Bo Chen > Eli Fox
Ana Lima    1       Ana Lima > Gus Ho
Fay Gu      1       Fay Gu > Hal Ito

Whose referrals led furthest
person    depth  reach
--------  -----  ----------------------------
Ana Lima  3      5 names downstream, 2 direct
Bo Chen   2      3 names downstream, 2 direct
Cy Diaz   1      1 name downstream, 1 direct
Fay Gu    1      1 name downstream, 1 direct
"""


def run(*args: str):
    return CliRunner().invoke(cli, ["report", "--data", str(SMALL), *args])


def test_report_table():
    result = run()
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == REPORT


def test_report_library_figures():
    r = outreach_report(load_dataset(SMALL))
    assert r.pipeline == [
        Stage("introductions", 10, None, ""),
        Stage("asked", 7, 0.7, "introductions"),
        Stage("agreed", 3, 3 / 7, "asked"),
        Stage("met", 2, 2 / 3, "agreed"),
        Stage("thanked", 1, 0.5, "met"),
        Stage("referred on", 2, 1.0, "met"),
    ]
    assert r.accepted_share == 3 / 7
    assert (r.declined, r.no_response, r.meetings, r.names_gained) == (1, 1, 2, 3)
    assert r.names_per_meeting == 1.5
    assert r.days_to_meeting == [7, 10]
    assert [(c.started_by, c.people) for c in r.chains] == [
        ("ana", ("ana", "bo", "cy", "dee")),
        ("ana", ("ana", "bo", "eli")),
        ("ana", ("ana", "gus")),
        ("fay", ("fay", "hal")),
    ]
    assert [(f.person, f.depth, f.names_led_to, f.direct) for f in r.furthest] == [
        ("ana", 3, 5, 2), ("bo", 2, 3, 2), ("cy", 1, 1, 1), ("fay", 1, 1, 1),
    ]  # fmt: skip


def test_report_top_limits_chains_and_people():
    r = outreach_report(load_dataset(SMALL), top=1)
    assert [c.length for c in r.chains] == [3]
    assert [f.person for f in r.furthest] == ["ana"]


def test_report_csv():
    result = run("--format", "csv", "--top", "2")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["section", "item", "value", "rate", "detail"]
    assert [(r["section"], r["item"], r["value"], r["rate"]) for r in rows[:6]] == [
        ("pipeline", "introductions", "10", ""),
        ("pipeline", "asked", "7", "0.7"),
        ("pipeline", "agreed", "3", "0.4286"),
        ("pipeline", "met", "2", "0.6667"),
        ("pipeline", "thanked", "1", "0.5"),
        ("pipeline", "referred on", "2", "1"),
    ]
    chains = [(r["item"], r["value"], r["detail"]) for r in rows if r["section"] == "chain"]
    assert chains == [
        ("Ana Lima", "3", "Ana Lima > Bo Chen > Cy Diaz > Dee Ek"),
        ("Ana Lima", "2", "Ana Lima > Bo Chen > Eli Fox"),
    ]
    assert [r["item"] for r in rows if r["section"] == "furthest"] == ["Ana Lima", "Bo Chen"]


def test_report_json():
    result = run("--format", "json")
    data = json.loads(result.stdout)
    assert data["accepted_share"] == 3 / 7
    assert data["days_to_meeting_summary"] == {
        "count": 2, "median": 8.5, "mean": 8.5, "min": 7, "max": 10,
    }  # fmt: skip
    assert data["chains"][0] == {
        "started_by": "ana", "started_by_name": "Ana Lima",
        "people": ["ana", "bo", "cy", "dee"], "names": ["Ana Lima", "Bo Chen", "Cy Diaz", "Dee Ek"],
        "length": 3,
    }  # fmt: skip
    assert data["names_per_meeting"] == 1.5


def test_report_on_a_folder_without_introductions(tmp_path):
    (tmp_path / "contacts.csv").write_text("name\nAna\n")
    result = CliRunner().invoke(cli, ["report", "--data", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout.endswith("Longest referral chains\n(none)\n\nWhose referrals led furthest\n(none)\n")
    assert "\nasked          0            of introductions\n" in result.stdout


def test_referral_tree_earliest_wins_and_cycles_are_ignored():
    people = [Contact(p, p.upper()) for p in ("a", "b", "c")]
    intros = [
        Introduction("b", "c", date(2026, 1, 5)),
        Introduction("a", "b", date(2026, 1, 1)),
        Introduction("a", "c", date(2026, 1, 9)),  # later than b -> c
        Introduction("c", "a", date(2026, 1, 10)),  # would close a -> b -> c -> a
        Introduction("me", "a", date(2025, 1, 1)),  # you found a yourself: starts nothing
    ]
    assert referral_tree(Dataset(people, intros)) == {"b": "a", "c": "b"}


def test_long_chains_need_no_recursion():
    """A chain of 3000 referrals is measured without hitting the recursion limit."""
    n = 3000
    people = [Contact(f"p{i}", f"P{i}") for i in range(n)]
    intros = [Introduction(f"p{i}", f"p{i + 1}", line=i + 2) for i in range(n - 1)]
    r = outreach_report(Dataset(people, intros), top=1)
    assert r.chains[0].length == n - 1
    assert (r.furthest[0].person, r.furthest[0].depth) == ("p0", n - 1)
