"""The columnar fast path ranks exactly like the graph path, and steps aside when it cannot vouch for the data."""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netmap import build_graph, load_dataset
from netmap.errors import NotFoundError
from netmap.fastpath import Unsupported, rank_paths_from_files
from netmap.model import STATUSES
from netmap.ranking import rank_paths

TODAY = date(2026, 1, 1)
COMPANIES = ["Acme", "Acme, Inc.", "Globex", "Initech", ""]
OFFICES = ["Lisbon", "Berlin", ""]
TITLES = ["Intern", "Analyst", "Senior Analyst", "Data Manager", "Director", "VP Sales", "CEO", ""]


@st.composite
def folders(draw):
    n = draw(st.integers(2, 14))
    day = st.dates(date(2019, 1, 1), TODAY).map(date.isoformat)
    contacts = []
    for i in range(n):
        direct = draw(st.booleans())
        contacts.append({
            "id": f"p{i}", "name": f"Person {i % 7}{'x' * (i // 7)}",
            "company": "Acme" if i == 0 else draw(st.sampled_from(COMPANIES)),
            "office": draw(st.sampled_from(OFFICES)), "title": draw(st.sampled_from(TITLES)),
            "strength": str(draw(st.integers(1, 5))) if direct and draw(st.booleans()) else "",
            "relationship": draw(st.sampled_from(["friend", "colleague", "recruiter", ""])) if direct else "",
            "last_contact": draw(st.one_of(st.just(""), day)),
            "strength_estimate": str(draw(st.integers(1, 5))) if draw(st.booleans()) else "",
            "connected_on": draw(st.one_of(st.just(""), day)),
            "past_companies": ";".join(draw(st.lists(st.sampled_from(["Acme", "Old Co", "Globex Corp"]), max_size=2))),
            "school": draw(st.sampled_from(["", "Uni", "Other Uni"])),
            "tags": draw(st.sampled_from(["", "data", "data;python"])),
        })  # fmt: skip
    ids = ["me"] + [c["id"] for c in contacts]
    intros = []
    for _ in range(draw(st.integers(0, 3 * n))):
        a, b = draw(st.sampled_from(ids[:3] + ids)), draw(st.sampled_from(ids[1:]))
        if a != b:
            intros.append({
                "referrer": a, "contact": b, "date": draw(st.one_of(st.just(""), day)),
                "status": draw(st.sampled_from(("",) + STATUSES)),
                "strength": draw(st.sampled_from(["", "1", "3", "5"])),
            })  # fmt: skip
    return contacts, intros


def write(folder: Path, contacts, intros) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows, header in (
        ("contacts.csv", contacts, ["id", "name", "company", "office", "title", "strength", "relationship",
                                    "last_contact", "strength_estimate", "connected_on", "past_companies",
                                    "school", "tags"]),
        ("introductions.csv", intros, ["referrer", "contact", "date", "status", "strength"]),
    ):  # fmt: skip
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, header)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def both(folder: Path, company: str, **options):
    G = build_graph(load_dataset(folder), today=TODAY)
    slow = rank_paths(G, company, **options)
    fast = rank_paths_from_files(folder / "contacts.csv", folder / "introductions.csv", company, today=TODAY,
                                 **options)  # fmt: skip
    return slow, fast


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folders(), st.sampled_from([None, "Lisbon"]), st.integers(1, 3), st.sampled_from([None, 3]),
       st.sampled_from([{}, {"per_target": 2}, {"prefer": "reach"}, {"max_per_introducer": 1},
                        {"per_target": 3, "max_per_introducer": 2}]))  # fmt: skip
def test_fast_path_ranks_like_the_graph_path(tmp_path_factory, data, office, max_hops, top, options):
    contacts, intros = data
    folder = write(tmp_path_factory.mktemp("net"), contacts, intros)
    if office and not any(c["office"] == office and c["company"].startswith("Acme") for c in contacts):
        office = None
    slow, fast = both(folder, "Acme", office=office, max_hops=max_hops, top=top, **options)
    assert len(slow) == len(fast)
    for a, b in zip(slow, fast, strict=True):
        assert (a.rank, a.cold, a.hops) == (b.rank, b.cold, b.hops)
        assert math.isclose(a.score, b.score, rel_tol=1e-9, abs_tol=1e-12)
        if not math.isclose(a.score, 0.0) and (a.person, a.names) != (b.person, b.names):
            # equal scores may be ordered or routed differently only when they tie exactly
            assert any(math.isclose(a.score, x.score, rel_tol=1e-9) for x in fast if x.person == a.person) or \
                math.isclose(a.score, b.score, rel_tol=1e-9)  # fmt: skip
            continue
        assert a.person == b.person
        if (a.names, a.reasons) != (b.names, b.reasons):
            # an exact tie between two routes (e.g. through two shared companies of equal warmth)
            assert [round(h.warmth, 12) for h in a.hop_details] == [round(h.warmth, 12) for h in b.hop_details]
        else:
            assert (a.names, a.reasons) == (b.names, b.reasons)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        [
            {"id": "a", "name": "Ana", "company": "Acme", "office": "Lisbon", "strength": "4"},
            {"id": "b", "name": "Bo", "company": "Acme", "office": "Berlin"},
        ],  # fmt: skip
        [{"referrer": "a", "contact": "b", "status": "met"}],
    )


def test_unknown_company_and_office_fail_the_same_way(folder: Path):
    with pytest.raises(NotFoundError, match="^unknown company 'Acne' - did you mean 'Acme'\\?$"):
        rank_paths_from_files(folder / "contacts.csv", folder / "introductions.csv", "Acne", today=TODAY)
    with pytest.raises(NotFoundError, match="^unknown office 'Lisbn' at Acme - known offices: 'Lisbon'$"):
        rank_paths_from_files(folder / "contacts.csv", folder / "introductions.csv", "Acme", office="Lisbn")


@pytest.mark.parametrize(
    "contacts_text, intros_text, why",
    [
        ("id,name\na,Ana\n", "referrer,contact\na,Bo Chen\n", "a name instead of an id"),
        ("name,company\nAna,Acme\n", "referrer,contact\n", "ids derived from names"),
        ("id,name,last_contact\na,Ana,2026-02-30\n", "referrer,contact\n", "an impossible date"),
        ("id,name,last_contact\na,Ana,3 Feb 2026\n", "referrer,contact\n", "a date not in ISO form"),
        ("id,name,strength\na,Ana,4.0\n", "referrer,contact\n", "a strength the loader must judge"),
        ("id,name,compnay\na,Ana,Acme\n", "referrer,contact\n", "a misspelt column"),
        ("id,name\na,Ana\na,Bo\n", "referrer,contact\n", "a duplicate id"),
        ("id,name\na, Ana\n", "referrer,contact\n", "spaces the loader trims"),
        ("id,name\na,Ana\n", "referrer,contact,status\nme,a,done\n", "an unknown status"),
        ("id,name\na,Ana\n", "referrer,contact\na,me\n", "you as the contact"),
        ("Id,Name\na,Ana\n", "referrer,contact\n", "headers that need normalising"),
    ],
)
def test_fast_path_steps_aside_for_data_it_cannot_vouch_for(tmp_path: Path, contacts_text, intros_text, why):
    (tmp_path / "contacts.csv").write_text(contacts_text, encoding="utf-8")
    (tmp_path / "introductions.csv").write_text(intros_text, encoding="utf-8")
    with pytest.raises(Unsupported):
        rank_paths_from_files(tmp_path / "contacts.csv", tmp_path / "introductions.csv", "Acme", today=TODAY)


def test_cli_output_is_identical_through_either_path(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """Read straight from the files, or through the validating loader: the same rows."""
    from click.testing import CliRunner

    from netmap.cli import cli
    from netmap.fastpath import ColumnNetwork

    args = ["paths", "--data", str(folder), "--company", "Acme", "--format", "csv", "--today", "2026-01-01"]
    calls = []
    real = ColumnNetwork.from_files.__func__
    monkeypatch.setattr(ColumnNetwork, "from_files",
                        classmethod(lambda cls, *a, **k: calls.append(1) or real(cls, *a, **k)))  # fmt: skip
    fast = CliRunner().invoke(cli, args)
    assert calls == [1], "the files were read as columns"

    def refuse(cls, *a, **k):
        raise Unsupported("forced")

    monkeypatch.setattr(ColumnNetwork, "from_files", classmethod(refuse))
    slow = CliRunner().invoke(cli, args)
    assert fast.exit_code == slow.exit_code == 0
    assert fast.stdout == slow.stdout
    assert "You > Bo," in fast.stdout and "Ana put you in touch with Bo" in fast.stdout


def same_graph(A, B) -> None:
    """Equal node and edge order and attributes (warmths to 1e-12: numpy sums in another order)."""
    assert list(A.nodes) == list(B.nodes)
    for n in A.nodes:
        assert A.nodes[n] == B.nodes[n]
    assert list(A.edges) == list(B.edges)
    for u, v, da in A.edges(data=True):
        db = B[u][v]
        assert set(da) == set(db)
        for key, value in da.items():
            if key in ("warmth", "cost", "bonus"):
                assert math.isclose(value, db[key], rel_tol=1e-12, abs_tol=1e-15)
            elif key == "evidence":
                assert [(e.kind, e.source, e.target, e.date, e.status, e.strength, e.relationship, e.line)
                        for e in value] == [(e.kind, e.source, e.target, e.date, e.status, e.strength,
                                             e.relationship, e.line) for e in db[key]]  # fmt: skip
                assert all(math.isclose(x.warmth, y.warmth, rel_tol=1e-12) for x, y in zip(value, db[key], strict=True))
            else:
                assert value == db[key]
    assert A.graph["company_names"] == B.graph["company_names"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folders())
def test_graph_from_columns_equals_build_graph(tmp_path_factory, data):
    from netmap.fastpath import graph_from_files

    contacts, intros = data
    folder = write(tmp_path_factory.mktemp("net"), contacts, intros)
    slow = build_graph(load_dataset(folder), today=TODAY)
    fast = graph_from_files(folder / "contacts.csv", folder / "introductions.csv", today=TODAY)
    same_graph(slow, fast)


def test_graph_from_columns_follows_aliases_and_past_only_companies(tmp_path: Path):
    from netmap.fastpath import graph_from_files, read_aliases

    folder = write(
        tmp_path,
        [
            {
                "id": "a",
                "name": "Ana",
                "company": "HM",
                "office": "Lisbon",
                "strength": "4",
                "past_companies": "Old Co;HM",
            },
            {"id": "b", "name": "Bo", "company": "Halcyon Maps, Inc.", "school": "Uni", "past_companies": "Gone Ltd"},
            {"id": "c", "name": "Cy", "company": "", "past_companies": "gone", "school": "UNI"},
        ],  # fmt: skip
        [{"referrer": "a", "contact": "b", "status": "met"}, {"referrer": "b", "contact": "a", "status": "declined"}],
    )
    (folder / "companies.csv").write_text("alias,canonical\nHM,Halcyon Maps\n", encoding="utf-8")
    slow = build_graph(load_dataset(folder), today=TODAY)
    fast = graph_from_files(folder / "contacts.csv", folder / "introductions.csv", today=TODAY,
                            aliases=read_aliases(folder / "companies.csv"))  # fmt: skip
    same_graph(slow, fast)
    assert fast.nodes["company::gone"]["name"] == "Gone Ltd"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folders(), st.sampled_from([None, "Lisbon"]), st.integers(1, 3))
def test_ask_from_the_columns_names_the_contacts_the_graph_names(tmp_path_factory, data, office, max_hops):
    from netmap.fastpath import ColumnNetwork
    from netmap.fastpath.introducers import rank_introducers_in
    from netmap.ranking import rank_introducers
    from netmap.weights import Weights

    contacts, intros = data
    folder = write(tmp_path_factory.mktemp("net"), contacts, intros)
    if office and not any(c["office"] == office and c["company"].startswith("Acme") for c in contacts):
        office = None
    dataset = load_dataset(folder)
    slow = rank_introducers(build_graph(dataset, today=TODAY), "Acme", office=office, max_hops=max_hops, top=None)
    net = ColumnNetwork.from_dataset(dataset, Weights(), TODAY)
    fast = rank_introducers_in(net, "Acme", office=office, max_hops=max_hops, top=None)
    assert [(a.person, a.reach, a.people) for a in slow] == [(b.person, b.reach, b.people) for b in fast]
    for a, b in zip(slow, fast, strict=True):
        assert math.isclose(a.best_score, b.best_score, rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(a.tie, b.tie, rel_tol=1e-9)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(folders(), st.integers(1, 3), st.booleans())
def test_explain_and_mutual_from_the_columns_answer_as_the_whole_graph(tmp_path_factory, data, max_hops, inferred):
    from netmap import open_network
    from netmap.ranking import explain, mutual

    contacts, intros = data
    folder = write(tmp_path_factory.mktemp("net"), contacts, intros)
    net = open_network(folder, today=TODAY)
    G = build_graph(load_dataset(folder), today=TODAY)
    for c in contacts[:4]:
        slow, fast = explain(G, c["id"], max_hops=max_hops), net.explain(c["id"], max_hops=max_hops)
        assert [(round(p.score, 12), p.first_ask, p.hops) for p in slow.paths] == \
            [(round(p.score, 12), p.first_ask, p.hops) for p in fast.paths]  # fmt: skip
        assert [[h.suggestion for h in p.hop_details] for p in slow.paths] == \
            [[h.suggestion for h in p.hop_details] for p in fast.paths]  # fmt: skip
    for a, b in zip(["me", *(c["id"] for c in contacts)], [c["id"] for c in contacts], strict=False):
        slow_m, fast_m = mutual(G, a, b, inferred=inferred), net.mutual(a, b, inferred=inferred)
        assert [(m.person, round(m.warmth_a, 12), round(m.warmth_b, 12)) for m in slow_m] == \
            [(m.person, round(m.warmth_a, 12), round(m.warmth_b, 12)) for m in fast_m]  # fmt: skip
