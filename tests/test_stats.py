"""`network_stats` and `netmap stats`: exact figures on a hand-built network."""

from __future__ import annotations

import json
from datetime import date

import pytest

import netmap.stats
from netmap.cli import cli
from netmap.fastpath import ColumnNetwork, graph_of
from netmap.graph import companies_bridged
from netmap.model import Contact, Dataset, Introduction
from netmap.stats import network_stats
from netmap.weights import Weights

TODAY = date(2026, 1, 1)

#: Ana (you know her) and Di share Acme's Lisbon office, Bo is at Acme Porto ("Acme Inc."
#: and "ACME" are Acme too), Ana introduced you to Cy at Globex and you met; nobody knows Ed.
CONTACTS = (
    "id,name,company,office,strength,last_contact\n"
    "a,Ana,Acme,Lisbon,3,2026-01-01\n"
    "b,Bo,Acme Inc.,Porto,,\n"
    "c,Cy,Globex,,,\n"
    "d,Di,ACME,Lisbon,,\n"
    "e,Ed,,,,\n"
)
INTROS = "referrer,contact,date,status\na,c,2026-01-01,met\n"


def network():
    contacts = [
        Contact("a", "Ana", company="Acme", office="Lisbon", strength=3, last_contact=TODAY),
        Contact("b", "Bo", company="Acme Inc.", office="Porto"),
        Contact("c", "Cy", company="Globex"),
        Contact("d", "Di", company="ACME", office="Lisbon"),
        Contact("e", "Ed"),
    ]
    return ColumnNetwork.from_dataset(Dataset(contacts, [Introduction("a", "c", TODAY, "met")]), Weights(), TODAY)


def test_exact_figures():
    s = network_stats(network())
    assert (s.people, s.direct_ties, s.introductions, s.ties) == (5, 2, 1, 3)
    assert (s.companies, s.offices, s.components, s.unreachable) == (2, 2, 2, 1)
    assert s.largest_companies == [("Acme", 3), ("Globex", 1)]
    assert s.brokers[0].id == "a"  # Ana joins you to Acme and to Cy
    assert all(b.betweenness > 0 for b in s.brokers)
    assert s.broker_measure == "betweenness"


def test_top_limits_lists():
    s = network_stats(network(), top=1)
    assert s.largest_companies == [("Acme", 3)]
    assert [b.id for b in s.brokers] == ["a"]


def test_members_of_a_group_nobody_else_is_in_are_not_brokers():
    assert [b.id for b in network_stats(network()).brokers] == ["a"]


def test_empty_network():
    s = network_stats(ColumnNetwork.from_dataset(Dataset([], []), Weights(), TODAY))
    assert (s.people, s.direct_ties, s.components, s.unreachable, s.brokers) == (
        0,
        0,
        1,
        0,
        [],
    )  # you alone


def test_large_networks_rank_brokers_by_companies_bridged(monkeypatch: pytest.MonkeyPatch):
    """Above the exact-betweenness limit: how many other companies a person's explicit ties reach."""
    monkeypatch.setattr(netmap.stats, "EXACT_BETWEENNESS_LIMIT", 0)
    net = network()
    s = network_stats(net)
    assert s.broker_measure == "companies bridged"
    G = graph_of(net)
    assert (
        [(b.id, b.betweenness) for b in s.brokers]
        == [("a", 1.0), ("c", 1.0)]
        == [(p, float(companies_bridged(G, p))) for p in "abcde" if companies_bridged(G, p)]
    )


FIGURES = [
    "people,5",
    "your ties,2",
    "introductions,1",
    "ties between people,3",
    "companies,2",
    "offices,2",
    "connected components,2",
    "unreachable from you,1",
    "company: Acme,3",
]


def test_cli_stats_csv(runner, write_data):
    folder = write_data(CONTACTS, intros=INTROS)
    result = runner.invoke(
        cli,
        ["stats", "--data", str(folder), "--today", "2026-01-01", "--format", "csv", "--top", "1"],
    )
    lines = result.stdout.splitlines()
    assert lines[:10] == ["figure,value"] + FIGURES
    assert lines[10].startswith("broker: Ana (Acme),")
    assert len(lines) == 11
    assert (result.stderr, result.exit_code) == ("", 0)


def test_cli_stats_table(runner, write_data):
    folder = write_data(CONTACTS, intros=INTROS)
    result = runner.invoke(cli, ["stats", "--data", str(folder), "--today", "2026-01-01", "--top", "2"])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["figure", "value"]
    assert [line.rsplit(None, 1) for line in lines[2:12]] == [f.rsplit(",", 1) for f in FIGURES + ["company: Globex,1"]]
    assert result.exit_code == 0


def test_cli_stats_json(runner, write_data, tmp_path):
    """JSON carries the same figures; -o writes it to a file and leaves stdout empty."""
    folder = write_data(CONTACTS, intros=INTROS)
    out = tmp_path / "stats.json"
    result = runner.invoke(cli, ["stats", "--data", str(folder), "--format", "json", "-o", str(out)])
    assert (result.stdout, result.exit_code) == ("", 0)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("people", "direct_ties", "introductions", "unreachable")} == {
        "people": 5,
        "direct_ties": 2,
        "introductions": 1,
        "unreachable": 1,
    }
    assert data["largest_companies"][0] == ["Acme", 3]
    assert data["brokers"][0]["id"] == "a"
