"""Scenario tests: the ranking behaviour a user relies on, on hand-built networks."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.errors import NotFoundError
from netmap.graph import build_graph
from netmap.model import Contact, Dataset, Introduction
from netmap.ranking import explain, mutual, mutual_at, rank_introducers, rank_paths

TODAY = date(2026, 6, 1)


def graph(contacts, intros=(), aliases=None, inferred=True):
    return build_graph(Dataset(list(contacts), list(intros), aliases=aliases or {}), today=TODAY, inferred=inferred)


def test_recent_strong_tie_beats_old_weak_one():
    """Two friends refer you to two equal targets: the recent strong friend's path ranks first."""
    G = graph(
        [
            Contact("old", "Old Weak", strength=2, last_contact=date(2021, 1, 1)),
            Contact("new", "New Strong", strength=4, last_contact=date(2026, 5, 1)),
            Contact("t1", "Target One", company="Acme"),
            Contact("t2", "Target Two", company="Acme"),
        ],
        [Introduction("old", "t1", strength=3), Introduction("new", "t2", strength=3)],
    )
    rows = rank_paths(G, "Acme")
    assert [r.person for r in rows] == ["t2", "t1"]
    assert rows[0].first_ask == "new"


def test_one_hop_beats_three_hops_of_equal_ties():
    """Equal ties everywhere: the shorter path wins because each hop multiplies a warmth < 1."""
    same = dict(strength=3, last_contact=TODAY)
    G = graph(
        [
            Contact("a", "A", **same),
            Contact("b", "B"),
            Contact("near", "Near", company="Acme", **same),
            Contact("far", "Far", company="Acme"),
        ],  # fmt: skip
        [Introduction("a", "b", strength=3, date=TODAY), Introduction("b", "far", strength=3, date=TODAY)],
        inferred=False,
    )
    rows = rank_paths(G, "Acme")
    assert [(r.person, r.hops) for r in rows] == [("near", 1), ("far", 3)]


def test_office_puts_that_office_first():
    """Same path warmth and seniority: --office ranks the person in that office above the other."""
    G = graph(
        [
            Contact("f", "Friend", strength=4),
            Contact("ber", "Berlin Person", company="Acme", office="Berlin", title="Director"),
            Contact("lis", "Lisbon Person", company="Acme", office="Lisbon", title="Director"),
        ],
        [Introduction("f", "ber", strength=3), Introduction("f", "lis", strength=3)],
    )
    assert [r.person for r in rank_paths(G, "Acme", office="Lisbon")][0] == "lis"
    assert [r.person for r in rank_paths(G, "Acme", office="Berlin")][0] == "ber"


def test_declined_introduction_lowers_that_route():
    """The route whose introduction was declined falls below an otherwise equal one."""
    G = graph(
        [
            Contact("a", "A", strength=4),
            Contact("b", "B", strength=4),
            Contact("t1", "T1", company="Acme"),
            Contact("t2", "T2", company="Acme"),
        ],  # fmt: skip
        [
            Introduction("a", "t1", status="declined", strength=3),
            Introduction("b", "t2", status="requested", strength=3),
        ],  # fmt: skip
    )
    rows = rank_paths(G, "Acme")
    assert [r.person for r in rows] == ["t2", "t1"]
    assert rows[1].score < rows[0].score * 0.6


def test_alias_finds_the_company_and_legal_suffixes_are_ignored():
    G = graph([Contact("a", "A", strength=3, company="Halcyon Maps, Inc.")], aliases={"hm": "Halcyon Maps"})
    assert [r.person for r in rank_paths(G, "HM")] == ["a"]
    assert [r.person for r in rank_paths(G, "halcyon maps llc")] == ["a"]


def test_misspelt_company_gets_suggestions():
    G = graph([Contact("a", "A", company="Halcyon Maps"), Contact("b", "B", company="Globex")])
    with pytest.raises(NotFoundError) as err:
        rank_paths(G, "Halcyn Maps")
    assert str(err.value) == "unknown company 'Halcyn Maps' - did you mean 'Halcyon Maps'?"


def test_company_is_never_matched_by_substring():
    """'Meta' does not match 'Metabase', and people at Metabase are not at Meta."""
    G = graph([Contact("m", "M", company="Meta", strength=3), Contact("mb", "MB", company="Metabase", strength=3)])
    assert [r.person for r in rank_paths(G, "Meta")] == ["m"]
    assert [r.person for r in rank_paths(G, "Metabase")] == ["mb"]
    with pytest.raises(NotFoundError, match="unknown company 'Met'"):
        rank_paths(G, "Met")


def test_unknown_office_lists_known_offices():
    G = graph([Contact("a", "A", company="Acme", office="Lisbon"), Contact("b", "B", company="Acme", office="Porto")])
    with pytest.raises(NotFoundError) as err:
        rank_paths(G, "Acme", office="Lisbn")
    assert str(err.value) == "unknown office 'Lisbn' at Acme - known offices: 'Lisbon'"


def test_cold_people_follow_warm_ones_and_can_be_hidden():
    G = graph(
        [Contact("a", "A", company="Acme", strength=2), Contact("z", "Zed", company="Acme")],
    )
    G.remove_node("company::acme")  # no inferred tie: Zed is unreachable
    rows = rank_paths(G, "Acme")
    assert [(r.person, r.cold) for r in rows] == [("a", False), ("z", True)]
    assert rows[1].reasons[0] == "no warm path within 3 hops"
    assert [r.person for r in rank_paths(G, "Acme", include_cold=False)] == ["a"]


def test_seniority_raises_the_score_of_equal_paths():
    G = graph(
        [
            Contact("f", "F", strength=4),
            Contact("i", "I", company="Acme", title="Intern"),
            Contact("v", "V", company="Acme", title="VP Engineering"),
        ],  # fmt: skip
        [Introduction("f", "i", strength=3), Introduction("f", "v", strength=3)],
    )
    assert [r.person for r in rank_paths(G, "Acme")] == ["v", "i"]


def test_per_target_gives_different_introducers_and_cap_limits_one_introducer():
    G = graph(
        [
            Contact("a", "A", strength=5),
            Contact("b", "B", strength=3),
            Contact("t1", "T1", company="Acme"),
            Contact("t2", "T2", company="Acme"),
        ],  # fmt: skip
        [Introduction("a", "t1"), Introduction("b", "t1"), Introduction("a", "t2")],
    )
    G.remove_node("company::acme")
    rows = rank_paths(G, "Acme", per_target=2)
    assert [(r.person, r.first_ask) for r in rows] == [("t1", "a"), ("t1", "b"), ("t2", "a")]
    capped = rank_paths(G, "Acme", max_per_introducer=1)
    # T2 can only be reached through A, whose one row went to T1
    assert [(r.person, r.first_ask) for r in capped] == [("t1", "a")]


def test_prefer_reach_favours_a_moderately_weak_final_tie():
    """trust picks the strong final tie; reach the moderately weak one (the inverted U)."""
    G = graph(
        [
            Contact("a", "A", strength=5, last_contact=TODAY),
            Contact("b", "B", strength=5, last_contact=TODAY),
            Contact("t", "T", company="Acme"),
        ],  # fmt: skip
        [Introduction("a", "t", strength=5, status="requested", date=TODAY), Introduction("b", "t", strength=2)],
    )
    assert rank_paths(G, "Acme", prefer="trust")[0].first_ask == "a"
    assert rank_paths(G, "Acme", prefer="reach")[0].first_ask == "b"


def test_ask_ranks_contacts_by_the_paths_they_open():
    G = graph(
        [
            Contact("a", "A", strength=5),
            Contact("b", "B", strength=2),
            Contact("t1", "T1", company="Acme"),
            Contact("t2", "T2", company="Acme"),
        ],  # fmt: skip
        [Introduction("a", "t1", strength=4), Introduction("a", "t2", strength=4), Introduction("b", "t2", strength=2)],
    )
    rows = rank_introducers(G, "Acme")
    assert [(r.person, r.reach) for r in rows] == [("a", 2)]  # B's route is under half the best: not useful


def test_mutual_between_two_people_and_into_an_office():
    G = graph(
        [
            Contact("a", "A", strength=4),
            Contact("b", "B", strength=4),
            Contact("x", "X"),
            Contact("t", "T", company="Acme", office="Lisbon"),
        ],  # fmt: skip
        [Introduction("a", "x"), Introduction("b", "x"), Introduction("a", "t")],
    )
    assert [m.person for m in mutual(G, "a", "b")] == ["me", "x"]
    assert [(m.person, m.through) for m in mutual_at(G, "Acme", office="Lisbon")] == [("a", ["T"])]


def test_explain_shows_evidence_and_what_would_raise_a_stale_hop():
    G = graph([Contact("a", "Alice", strength=4, last_contact=date(2025, 4, 1)), Contact("t", "Tom", company="Acme")],
              [Introduction("a", "t", strength=3, status="suggested", date=TODAY)])  # fmt: skip
    result = explain(G, "Tom")
    first = result.paths[0]
    assert first.names == ["You", "Alice", "Tom"]
    stale = first.hop_details[0]
    assert stale.evidence == ["you know Alice (strength 4, last contact 2025-04-01, 14 months ago)"]
    assert stale.suggestion == (
        f"last contact with Alice 14 months ago: a recent contact would raise this hop from {stale.warmth:.2f} to 0.70"
    )
