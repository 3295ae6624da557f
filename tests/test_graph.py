"""The graph builder: nodes, ties with their evidence, warmth, and group nodes for inferred ties."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from netmap.graph import build_graph, company_key, direct_warmth, people, recency_factor
from netmap.model import ME, Contact, Dataset, Evidence, Introduction
from netmap.weights import Weights

TODAY = date(2026, 1, 1)
W = Weights()
TEN_YEARS_AGO = TODAY - timedelta(days=3650)


def graph(contacts, intros=(), aliases=None, **kw):
    return build_graph(Dataset(list(contacts), list(intros), aliases=aliases or {}), today=TODAY, **kw)


def test_nodes_are_people_plus_the_user():
    """One node per person plus `me`, each carrying its contact's fields."""
    G = graph([Contact("ana", "Ana", company="Acme", title="CTO")], inferred=False)
    assert sorted(G.nodes) == ["ana", ME]
    assert G.nodes[ME]["kind"] == "user"
    assert G.nodes["ana"]["kind"] == "person"
    assert (G.nodes["ana"]["name"], G.nodes["ana"]["title"]) == ("Ana", "CTO")
    assert people(G) == ["ana"]


def test_direct_tie_from_strength_and_relationship_today():
    """Both known: 75% stated strength, 25% relationship kind; contacted today, so no decay."""
    G = graph([Contact("ana", "Ana", strength=5, relationship="friend", last_contact=TODAY)])
    edge = G[ME]["ana"]
    assert edge["warmth"] == pytest.approx(0.75 * 0.9 + 0.25 * 0.7)
    assert edge["cost"] == pytest.approx(-math.log(edge["warmth"]))
    assert edge["kinds"] == ["direct"]
    assert edge["inferred"] is False
    (e,) = edge["evidence"]
    assert (e.kind, e.source, e.target, e.strength, e.relationship) == (
        "direct",
        ME,
        "ana",
        5,
        "friend",
    )


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (Contact("x", "X", strength=5), 0.9 * 0.7),  # no date: the unknown-recency factor
        (Contact("x", "X", relationship="family"), 0.8 * 0.7),
        (Contact("x", "X", strength=1, last_contact=TODAY), 0.2),
        (Contact("x", "X", strength=4, last_contact=TODAY - timedelta(days=365)), 0.7 * 0.7),
        (Contact("x", "X", strength=4, last_contact=TEN_YEARS_AGO), 0.7 * (0.4 + 0.6 * 0.5**10)),
    ],
)  # fmt: skip
def test_direct_tie_warmth_from_strength_relationship_recency(contact, expected):
    assert graph([contact])[ME]["x"]["warmth"] == pytest.approx(expected)


def test_stronger_and_more_recent_is_warmer():
    old, recent = TODAY - timedelta(days=900), TODAY - timedelta(days=30)
    G = graph(
        [
            Contact("weak", "W", strength=2, last_contact=recent),
            Contact("strong", "S", strength=4, last_contact=recent),
            Contact("stale", "T", strength=4, last_contact=old),
        ]
    )
    assert G[ME]["strong"]["warmth"] > G[ME]["stale"]["warmth"]
    assert G[ME]["strong"]["warmth"] > G[ME]["weak"]["warmth"]


def test_recency_factor_half_life_and_floor():
    assert recency_factor(TODAY, TODAY, W) == 1.0
    assert recency_factor(TODAY - timedelta(days=365), TODAY, W) == pytest.approx(0.7)
    assert recency_factor(None, TODAY, W) == W.unknown_recency
    assert recency_factor(TODAY + timedelta(days=10), TODAY, W) == 1.0  # future dates do not boost
    assert recency_factor(date(1990, 1, 1), TODAY, W) == pytest.approx(W.recency_floor, abs=1e-6)


def test_direct_warmth_falls_back_to_other():
    assert direct_warmth(Contact("x", "X"), W) == W.relationship["other"]


def test_unknown_people_have_no_direct_tie():
    """Blank strength and relationship: the user does not know them."""
    G = graph([Contact("ana", "Ana")], inferred=False)
    assert not G.has_edge(ME, "ana")


def test_introduction_evidence_keeps_direction():
    """'ana referred bo' is stored with ana as source and bo as target."""
    G = graph(
        [Contact("ana", "Ana"), Contact("bo", "Bo")],
        [Introduction("ana", "bo", TODAY, "suggested", line=2)],
    )
    edge = G["bo"]["ana"]  # an undirected graph: either order finds the tie
    (e,) = edge["evidence"]
    assert (e.kind, e.source, e.target, e.status, e.date, e.line) == (
        "introduction",
        "ana",
        "bo",
        "suggested",
        TODAY,
        2,
    )
    assert edge["warmth"] == pytest.approx(W.introduction_default)


def test_introduction_strength_sets_its_warmth():
    G = graph(
        [Contact("ana", "Ana"), Contact("bo", "Bo")],
        [Introduction("ana", "bo", TODAY, "suggested", 5)],
    )
    assert G["ana"]["bo"]["warmth"] == pytest.approx(0.9)


def test_introduced_tie_to_me_after_met():
    """Once the introduction led to a meeting, you know the contact a little yourself."""
    G = graph([Contact("ana", "Ana"), Contact("bo", "Bo")], [Introduction("ana", "bo", TODAY, "met")])
    assert G[ME]["bo"]["kinds"] == ["introduced"]
    assert G[ME]["bo"]["warmth"] == pytest.approx(W.introduced["met"])
    (e,) = G[ME]["bo"]["evidence"]
    assert (e.source, e.target) == ("ana", "bo")  # who made the introduction is kept
    assert G["ana"]["bo"]["warmth"] == pytest.approx(W.introduction_default * W.status["met"])


@pytest.mark.parametrize("status", ["suggested", "requested", "declined", "no_response"])
def test_no_introduced_tie_before_it_happened(status):
    G = graph([Contact("ana", "Ana"), Contact("bo", "Bo")], [Introduction("ana", "bo", TODAY, status)])
    assert not G.has_edge(ME, "bo")


def test_declined_lowers_a_tie():
    """A declined introduction multiplies the tie it ran over by its status factor (< 1)."""
    contacts = [Contact("ana", "Ana"), Contact("bo", "Bo")]
    ok = graph(contacts, [Introduction("ana", "bo", TODAY, "suggested")])["ana"]["bo"]["warmth"]
    declined = graph(contacts, [Introduction("ana", "bo", TODAY, "declined")])["ana"]["bo"]["warmth"]
    assert declined == pytest.approx(ok * W.status["declined"])
    assert declined < ok


def test_track_record_moves_your_tie_to_the_referrer():
    """Introductions that led somewhere warm your tie to the referrer; declined ones cool it."""
    contacts = [
        Contact("ana", "Ana", strength=3, last_contact=TODAY),
        Contact("bo", "Bo"),
        Contact("cy", "Cy"),
    ]
    base = graph(contacts)[ME]["ana"]["warmth"]
    good = graph(contacts, [Introduction("ana", "bo", TODAY, "met")])[ME]["ana"]["warmth"]
    bad = graph(contacts, [Introduction("ana", "bo", TODAY, "declined")])[ME]["ana"]["warmth"]
    assert good == pytest.approx(base * (1 + W.track_record_step))
    assert bad == pytest.approx(base * (1 - W.track_record_step))


def test_reciprocity_bonus():
    """Evidence both ways (ana referred bo, bo referred ana) earns the reciprocity bonus."""
    contacts = [Contact("ana", "Ana"), Contact("bo", "Bo")]
    one = graph(contacts, [Introduction("ana", "bo", TODAY)])["ana"]["bo"]
    both = graph(contacts, [Introduction("ana", "bo", TODAY), Introduction("bo", "ana", TODAY)])["ana"]["bo"]
    p = W.introduction_default
    assert one["warmth"] == pytest.approx(p)
    assert both["warmth"] == pytest.approx((1 - (1 - p) ** 2) * W.reciprocity)
    assert {(e.source, e.target) for e in both["evidence"]} == {("ana", "bo"), ("bo", "ana")}


def test_evidence_combines_with_noisy_or():
    """A direct tie plus an introduced one: 1 - (1-a)(1-b)."""
    contacts = [Contact("ana", "Ana"), Contact("bo", "Bo", strength=3, last_contact=TODAY)]
    edge = graph(contacts, [Introduction("ana", "bo", TODAY, "met")])[ME]["bo"]
    assert edge["kinds"] == ["direct", "introduced"]
    assert edge["warmth"] == pytest.approx(1 - (1 - 0.5) * (1 - W.introduced["met"]))
    assert all(isinstance(e, Evidence) for e in edge["evidence"])


def test_warmth_stays_in_zero_one():
    contacts = [Contact(f"p{i}", f"P{i}", strength=5, relationship="family", last_contact=TODAY) for i in range(3)]
    intros = [Introduction(a.id, b.id, TODAY, "thanked", 5) for a in contacts for b in contacts if a is not b]
    G = graph(contacts, intros)
    assert all(0 < d["warmth"] <= 1 for _, _, d in G.edges(data=True))


def test_shared_office_is_a_group_node():
    """Two people in one office are linked through an office group, each edge sqrt of the base."""
    G = graph(
        [
            Contact("ana", "Ana", company="Acme", office="Lisbon"),
            Contact("bo", "Bo", company="Acme", office="Lisbon"),
        ]
    )
    office = "office::acme|lisbon"
    assert G.nodes[office]["kind"] == "group"
    assert G.nodes[office]["label"] == "Acme, Lisbon"
    assert set(G[office]) == {"ana", "bo"}
    assert not G.has_edge("ana", "bo")
    w = G["ana"][office]["warmth"]
    assert w * G["bo"][office]["warmth"] == pytest.approx(W.inferred["same_office"])
    assert G["ana"][office]["inferred"] is True and G["ana"][office]["hops"] == 0.5
    assert set(G["ana"]) == {office, "company::acme"}


def test_membership_stays_linear_for_a_big_company():
    """5,000 people at one company: 5,000 membership edges, not 12.5 million pairwise ties."""
    n = 5000
    G = graph([Contact(f"p{i}", f"Person {i}", company="Halcyon Maps") for i in range(n)])
    assert G.number_of_edges() == n
    assert G.degree("company::halcyon maps") == n
    assert G.number_of_nodes() == n + 2  # people, me, one group


def test_past_company_and_school_memberships():
    G = graph(
        [
            Contact("ana", "Ana", company="Acme", past_companies=("Globex", "Acme"), school="Uni Porto"),
            Contact("bo", "Bo", company="Globex", school="Uni Porto"),
        ]
    )
    assert G["ana"]["company::globex"]["role"] == "past"
    assert G["bo"]["company::globex"]["role"] == "current"
    assert G["ana"]["company::acme"]["role"] == "current"  # current wins over past: kept once, warmer
    assert G["ana"]["school::uni porto"]["warmth"] == pytest.approx(math.sqrt(W.inferred["school"]))


def test_inferred_false_leaves_groups_out():
    G = graph([Contact("ana", "Ana", company="Acme", office="Lisbon")], inferred=False)
    assert [n for n, k in G.nodes(data="kind") if k == "group"] == []


def test_aliases_merge_companies():
    """companies.csv aliases send every spelling to one group node named by the canonical name."""
    aliases = {"halcyon": "Halcyon Maps", "hm": "Halcyon Maps"}
    G = graph(
        [
            Contact("a", "A", company="Halcyon"),
            Contact("b", "B", company="HM"),
            Contact("c", "C", company="Halcyon Maps, Inc."),
        ],
        aliases=aliases,
    )
    groups = [n for n, k in G.nodes(data="kind") if k == "group"]
    assert groups == ["company::halcyon maps"]
    assert G.nodes["company::halcyon maps"]["label"] == "Halcyon Maps"
    assert {G.nodes[p]["company_key"] for p in "abc"} == {"halcyon maps"}
    assert company_key("HM", aliases) == "halcyon maps"


def test_legal_suffix_variants_merge_but_prefixes_do_not():
    """'Acme GmbH', 'ACME Inc.' and 'Acme' are one company; 'Meta' and 'Metabase' are two."""
    G = graph(
        [
            Contact("a", "A", company="Acme GmbH"),
            Contact("b", "B", company="ACME Inc."),
            Contact("c", "C", company="Acme"),
            Contact("d", "D", company="Meta"),
            Contact("e", "E", company="Metabase"),
        ]
    )
    groups = sorted(n for n, k in G.nodes(data="kind") if k == "group")
    assert groups == ["company::acme", "company::meta", "company::metabase"]
    assert G.degree("company::acme") == 3
    assert G.graph["company_names"]["acme"] in {"Acme GmbH", "ACME Inc.", "Acme"}


def test_today_is_recorded():
    G = graph([])
    assert G.graph["today"] == TODAY
    assert list(G.nodes) == [ME]
