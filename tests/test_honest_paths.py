"""Warm, honest answers: exports are direct ties, guesses are marked and never beat a real tie."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.cli import cli
from netmap.graph import build_graph, inferred_factor
from netmap.model import ME, STATUSES, Contact, Dataset, Introduction
from netmap.ranking import explain, rank_paths
from netmap.search import path_allowed
from netmap.weights import Weights

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
TODAY = date(2026, 1, 1)


def run(*args: str, data: Path = SAMPLE, today: str = "2026-11-15"):
    return CliRunner().invoke(cli, [args[0], "--data", str(data), "--today", today, *args[1:]])


def csv_rows(result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


# -- an export alone ---------------------------------------------------------------------------

LINKEDIN_ONLY = (
    "id,name,company,title,linkedin_url,strength_estimate,connected_on,source\n"
    "ana,Ana Ribeiro,Orbital Analytics,Head of Data,https://www.linkedin.com/in/ana,1,2019-03-01,linkedin\n"
    "bo,Bo Chen,Orbital Analytics,Analyst,https://www.linkedin.com/in/bo,2,2025-11-01,linkedin\n"
    "cy,Cy Diaz,Elsewhere,Engineer,https://www.linkedin.com/in/cy,1,2020-01-01,linkedin\n"
)


@pytest.fixture
def linkedin_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "contacts.csv").write_text(LINKEDIN_ONLY, encoding="utf-8")
    return folder


def test_every_connection_at_the_target_is_a_warm_one_hop_path(linkedin_folder: Path):
    """With only strength_estimate, each connection at the target is reached directly with a score above 0."""
    rows = csv_rows(run("paths", "--company", "Orbital Analytics", "--format", "csv", data=linkedin_folder))
    assert [(r["name"], r["path"], r["hops"], r["status"]) for r in rows] == [
        ("Bo Chen", "You > Bo Chen", "1", "warm"),
        ("Ana Ribeiro", "You > Ana Ribeiro", "1", "warm"),
    ]
    assert all(float(r["score"]) > 0 for r in rows)
    assert "estimated from your exports" in rows[0]["reasons"]


def test_stats_counts_no_connection_as_unreachable(linkedin_folder: Path):
    result = run("stats", "--format", "json", data=linkedin_folder)
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["unreachable"] == 0 and stats["direct_ties"] == 3


def test_ask_lists_the_connections_who_work_there(linkedin_folder: Path):
    rows = csv_rows(run("ask", "--company", "Orbital Analytics", "--format", "csv", data=linkedin_folder))
    assert [r["name"] for r in rows] == ["Bo Chen", "Ana Ribeiro"]


def test_messages_make_the_people_you_talk_to_rank_first(linkedin_folder: Path):
    """A stated or better-evidenced tie outranks a stale connection; the others stay direct."""
    text = LINKEDIN_ONLY.replace(
        "ana,Ana Ribeiro,Orbital Analytics,Head of Data,https://www.linkedin.com/in/ana,1,",
        "ana,Ana Ribeiro,Orbital Analytics,Head of Data,https://www.linkedin.com/in/ana,5,",
    )
    (linkedin_folder / "contacts.csv").write_text(text, encoding="utf-8")
    rows = csv_rows(run("paths", "--company", "Orbital Analytics", "--format", "csv", data=linkedin_folder))
    assert [(r["name"], r["hops"]) for r in rows] == [("Ana Ribeiro", "1"), ("Bo Chen", "1")]


def test_to_rate_names_the_rate_command(linkedin_folder: Path):
    rows = csv_rows(run("ask", "--company", "Orbital Analytics", "--to-rate", "--format", "csv",
                        data=linkedin_folder))  # fmt: skip
    assert [r["command"] for r in rows] == ['netmap rate "Bo Chen" --strength N',
                                            'netmap rate "Ana Ribeiro" --strength N']  # fmt: skip
    assert all(float(r["if_1"]) <= float(r["best_score"]) < float(r["if_5"]) for r in rows)


def test_stated_strength_wins_over_the_estimate():
    w = Weights()
    stated = build_graph(Dataset([Contact("a", "A", strength=5, strength_estimate=1)], []), today=TODAY)
    guessed = build_graph(Dataset([Contact("a", "A", strength_estimate=1)], []), today=TODAY)
    assert stated[ME]["a"]["warmth"] == pytest.approx(w.strength["5"] * w.unknown_recency)
    assert guessed[ME]["a"]["warmth"] == pytest.approx(w.strength["1"] * w.unknown_recency)
    assert [e.estimated for e in guessed[ME]["a"]["evidence"]] == [True]


def test_a_name_only_contact_is_not_a_direct_tie():
    G = build_graph(Dataset([Contact("a", "A")], []), today=TODAY)
    assert not G.has_edge(ME, "a")


# -- paths that tell the truth on the sample -------------------------------------------------


def test_sample_bruno_is_reached_directly_and_ines_through_afonso():
    rows = {r["name"]: r for r in csv_rows(run("paths", "--company", "Halcyon Maps", "--office", "Lisbon",
                                                "--format", "csv"))}  # fmt: skip
    assert rows["Bruno Teixeira"]["path"] == "You > Bruno Teixeira"
    assert (rows["Inês Carvalho"]["path"], rows["Inês Carvalho"]["first_ask"]) == (
        "You > Afonso Pires > Inês Carvalho",
        "Afonso Pires",
    )
    assert rows["Rafaela Duarte"]["path"] == "You > Zoë Müller ~ Rafaela Duarte"
    assert rows["Rafaela Duarte"]["inferred_hops"] == "1"
    assert rows["Inês Carvalho"]["inferred_hops"] == "0"


def test_sample_csv_to_a_file_holds_all_25_people_office_first(tmp_path: Path):
    out = tmp_path / "intros.csv"
    result = run("paths", "--company", "Halcyon", "--office", "Lisbon", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 25
    groups = [r["office_group"] for r in rows]
    assert groups == sorted(groups, key=["office", "company", "unknown"].index)
    assert {r["office"] for r in rows if r["office_group"] == "office"} == {"Lisbon"}
    for group in ("office", "company"):
        scores = [float(r["score"]) for r in rows if r["office_group"] == group and r["status"] == "warm"]
        assert scores == sorted(scores, reverse=True)


def test_table_without_top_says_how_many_it_left_out():
    result = run("paths", "--company", "Halcyon Maps", "--office", "Lisbon")
    assert result.exit_code == 0
    assert result.stderr == "(5 more not shown: --top 25 shows them all, --format csv writes them all)\n"
    assert result.stdout.splitlines()[2:4] == ["# at Halcyon Maps, Lisbon", result.stdout.splitlines()[3]]
    assert "# elsewhere in the company" in result.stdout.splitlines()


def test_no_inferred_ranks_on_known_ties_only():
    rows = csv_rows(run("paths", "--company", "Halcyon Maps", "--office", "Lisbon", "--no-inferred",
                        "--format", "csv"))  # fmt: skip
    assert all(r["inferred_hops"] in ("0", "") for r in rows)
    assert all(" ~ " not in r["path"] for r in rows)
    assert any(r["status"] == "cold" for r in rows)


def test_explain_marks_inferred_hops():
    result = run("explain", "Rafaela Duarte", "-k", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == "1. You > Zoë Müller ~ Rafaela Duarte"
    assert any(line.startswith("   Zoë Müller ~ Rafaela Duarte: ") and line.endswith(", inferred)")
               for line in lines)  # fmt: skip


def test_google_is_not_globex():
    result = run("paths", "--company", "Google")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: nobody in your data works at 'Google' now - netmap companies lists the companies in your data; "
        "or go cold: call or write to the office and ask for 15 minutes of advice, not a job, then add the person "
        "with 'netmap add'\n"
    )


def test_a_past_company_names_the_people_who_worked_there(write_data):
    folder = write_data("id,name,company,past_companies,strength\na,Ana,Acme,Initech,3\n")
    result = run("paths", "--company", "Initech", data=folder)
    assert result.exit_code == 3
    assert "Ana worked there before: ask them who to talk to (netmap explain NAME)" in result.stderr


def test_nobody_reachable_is_said_plainly(write_data):
    folder = write_data("id,name,company\na,Ana,Acme\nb,Bo,Acme\n")
    result = run("paths", "--company", "Acme", data=folder)
    assert result.exit_code == 0
    assert result.stderr.startswith("Nobody at Acme is within reach of your network:")


# -- the rules, on small graphs and as properties -----------------------------------------------


def test_a_met_introduction_is_not_reused_to_reach_its_contact():
    ds = Dataset([Contact("r", "R", strength=5), Contact("c", "C", company="T")],
                 [Introduction("r", "c", TODAY, "met", 5)])  # fmt: skip
    G = build_graph(ds, today=TODAY)
    assert G["r"]["c"]["introduced_by"] == ("r",)
    (row,) = rank_paths(G, "T")
    assert row.path == [ME, "c"]


def test_a_known_route_may_beat_a_weak_direct_tie_and_says_so():
    ds = Dataset([Contact("f", "F", strength=5), Contact("t", "T", company="X", strength=1, last_contact=None)],
                 [Introduction("f", "t", TODAY, "suggested", 5)])  # fmt: skip
    (row,) = rank_paths(build_graph(ds, today=TODAY), "X")
    assert row.path == [ME, "f", "t"]
    assert any(r.startswith("you also know T directly (0.14)") for r in row.reasons)


def test_the_columnar_ranking_says_so_too():
    """`netmap paths` ranks from the columns: the same reasons, the weak direct tie included."""
    from netmap.fastpath import ColumnNetwork, rank_paths_in
    from netmap.weights import Weights

    ds = Dataset([Contact("f", "F", strength=5), Contact("t", "T", company="X", strength=1, last_contact=None)],
                 [Introduction("f", "t", TODAY, "suggested", 5)])  # fmt: skip
    (row,) = rank_paths_in(ColumnNetwork.from_dataset(ds, Weights(), TODAY), "X")
    assert row.as_row() == rank_paths(build_graph(ds, today=TODAY), "X")[0].as_row()
    assert any(r.startswith("you also know T directly (0.14)") for r in row.reasons)


def test_inferred_ties_weaken_as_the_group_grows():
    w = Weights()
    assert inferred_factor(10, w) == 1.0
    assert inferred_factor(40, w) == 0.5
    small = build_graph(Dataset([Contact(f"p{i}", f"P{i}", company="Small") for i in range(5)], []), today=TODAY)
    big = build_graph(Dataset([Contact(f"p{i}", f"P{i}", company="Big") for i in range(160)], []), today=TODAY)
    pair = lambda G, g: G["p0"][g]["warmth"] * G["p1"][g]["warmth"]  # noqa: E731
    assert pair(small, "company::small") == pytest.approx(w.inferred["same_company"])
    assert pair(big, "company::big") == pytest.approx(w.inferred["same_company"] / 4)


def test_explain_shows_the_same_rules():
    ds = Dataset([Contact("z", "Z", company="T", strength=5), Contact("b", "B", company="T", strength=1)], [])
    result = explain(build_graph(ds, today=TODAY), "b", k=3)
    assert [p.path for p in result.paths] == [[ME, "b"]], "no route to B through a guess"


@st.composite
def networks(draw):
    n = draw(st.integers(2, 8))
    contacts = [Contact(f"p{i}", f"P{i}", company=draw(st.sampled_from(["T", "U", ""])),
                        office=draw(st.sampled_from(["L", ""])), school=draw(st.sampled_from(["", "S"])),
                        strength=draw(st.one_of(st.none(), st.integers(1, 5))),
                        strength_estimate=draw(st.one_of(st.none(), st.integers(1, 5))))
                for i in range(n)]  # fmt: skip
    contacts[0].company = "T"
    pairs = draw(st.lists(st.tuples(st.integers(-1, n - 1), st.integers(0, n - 1)), max_size=2 * n))
    intros = [Introduction(ME if a < 0 else f"p{a}", f"p{b}", None, draw(st.sampled_from(STATUSES)),
                           draw(st.one_of(st.none(), st.integers(1, 5))))
              for a, b in pairs if a != b]  # fmt: skip
    return Dataset(contacts, intros)


@settings(max_examples=150, deadline=None)
@given(networks(), st.integers(1, 3), st.integers(1, 3))
def test_no_reported_path_reuses_an_introduction_or_lets_a_guess_beat_a_direct_tie(dataset, max_hops, per_target):
    """Every reported path obeys both rules; a direct tie's person is never reported through an inferred hop."""
    G = build_graph(dataset, today=TODAY)
    spent = {(i.referrer, i.contact) for i in dataset.introductions
             if i.status in ("made", "met", "thanked") and i.referrer != ME}  # fmt: skip
    for row in rank_paths(G, "T", max_hops=max_hops, top=None, per_target=per_target):
        if row.cold:
            continue
        nodes = [h.source for h in row.hop_details] + [row.person]
        assert not any((a, b) in spent for a, b in zip(nodes, nodes[1:], strict=False)), "introduction reused"
        assert path_allowed(G, [n for n in _node_path(G, row)]), "rules broken"
        if G.has_edge(ME, row.person):
            assert row.inferred_hops == 0, "a guess beat a direct tie"
            assert math.prod(h.warmth for h in row.hop_details) >= G[ME][row.person]["warmth"] - 1e-12 or (
                per_target > 1
            )


def _node_path(G, row):
    """The node path of a row, group nodes included (a hop via a group passes through it)."""
    out = [row.hop_details[0].source]
    for h in row.hop_details:
        if h.inferred:
            out.append(next(g for g in G._adj[h.source] if g in G._adj[h.target] and G.nodes[g].get("kind") == "group"
                            and G.nodes[g]["name"] == h.via))  # fmt: skip
        out.append(h.target)
    return out
