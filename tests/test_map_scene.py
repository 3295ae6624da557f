"""netmap.maps.scene/style/labels: what each map kind shows, its palette, redaction and search keys."""

from __future__ import annotations

import gc
import math
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.errors import NotFoundError
from netmap.graph import build_graph
from netmap.loading import load_dataset
from netmap.maps import MapOptions, map_data, render, render_map, scene
from netmap.maps.labels import LEVELS, panel_text, search_keys, title_level
from netmap.maps.layout import column_layout, ring_layout
from netmap.maps.style import DASHES, INFERRED_DASHES, OTHER_COLOR, PALETTE, PENDING_DASHES, PERSON_FONT, Palette
from netmap.model import ME, Contact, Dataset, Introduction
from netmap.people import PersonResolver

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
TODAY = date(2026, 11, 15)
TARGET = {"company": "Halcyon Maps", "office": "Lisbon", "top": 5}


@pytest.fixture(scope="module")
def G():
    return build_graph(load_dataset(SAMPLE), today=TODAY)


@pytest.fixture(scope="module")
def target(G):
    return map_data(G, **TARGET)


def colours(data):
    return {n["company"]: n["baseColor"] for n in data.nodes if n["kind"] == "person"}


# --- one palette per folder ---------------------------------------------------------------------


def test_a_company_keeps_its_colour_in_every_map(G, target):
    """Whole, target, around and redacted maps give each company the same colour."""
    seen: dict[str, set[str]] = {}
    for data in (map_data(G), target, map_data(G, around="Beatriz Santos"),
                 map_data(G, **TARGET, options=MapOptions(redact=True))):  # fmt: skip
        for company, colour in colours(data).items():
            seen.setdefault(company, set()).add(colour)
    assert {c: s for c, s in seen.items() if len(s) > 1} == {}


def test_largest_companies_of_the_folder_get_the_colours(G):
    """The palette ranks companies by people in the whole folder, not on one map."""
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        if d.get("kind") == "person" and d.get("company_key"):
            counts[d["company_key"]] = counts.get(d["company_key"], 0) + 1
    largest = sorted(counts, key=lambda k: (-counts[k], k))
    palette = Palette.of_graph(G)
    assert [palette.color(k) for k in largest[: len(PALETTE)]] == list(PALETTE)
    assert {palette.color(k) for k in largest[len(PALETTE) :]} == {OTHER_COLOR}
    around = colours(map_data(G, around="Beatriz Santos", depth=1))
    assert around["Brightwater Energy"] == OTHER_COLOR  # small in the folder, even if central here


def test_no_status_colour_is_a_company_colour():
    """Referral statuses (met, pending, declined, starter) never colour a company."""
    from netmap.maps.style import CLOSED_COLOR, MET_COLOR, PENDING_COLOR, STARTER_COLOR

    assert {CLOSED_COLOR, MET_COLOR, PENDING_COLOR, STARTER_COLOR}.isdisjoint(PALETTE)


# --- line styles ---------------------------------------------------------------------------------


def test_inferred_ties_and_pending_introductions_look_different():
    """A pending introduction is dotted, an inferred tie dashed, a met introduction solid."""
    contacts = [Contact("a", "Ana", company="Acme", office="Oslo", strength=4),
                Contact("b", "Bo", company="Acme", office="Oslo"),
                Contact("c", "Cy", company="Globex"), Contact("d", "Di", company="Initech")]  # fmt: skip
    intros = [Introduction("a", "c", status="requested"), Introduction("a", "d", status="met")]
    data = map_data(build_graph(Dataset(contacts, intros), today=TODAY))
    style = {
        frozenset((e["from"], e["to"])): (e.get("style", "solid"), DASHES.get(e.get("style", ""), False))
        for e in data.edges
    }
    assert style[frozenset(("a", "c"))] == ("pending", PENDING_DASHES)
    assert style[frozenset(("a", "b"))] == ("inferred", INFERRED_DASHES)
    assert style[frozenset(("a", "d"))] == ("solid", False)
    marks = {row["mark"] for row in data.legend}
    assert {"star", "dot", "solid", "dashed", "dotted"} <= marks


# --- the target map ------------------------------------------------------------------------------


def test_target_map_opens_on_the_ranked_paths(target):
    """The first view fits exactly you and the people on the ranked paths."""
    on_paths = {i for p in target.paths for i in p.ids}
    assert set(target.fit) == on_paths | {ME}
    assert target.fit[0] == ME


def test_target_map_columns_you_askers_targets(target):
    """You at x = 0, the ends of the paths in the rightmost column, people to ask in between."""
    x = {n["id"]: n["x"] for n in target.nodes}
    ends = {p.ids[-1] for p in target.paths}
    last = max(x[i] for i in ends)
    assert x[ME] == 0.0 and {x[i] for i in ends} == {last}
    middle = {i for p in target.paths for i in p.ids[1:-1]}
    assert middle and all(0 < x[i] < last for i in middle)


def test_target_map_keeps_path_people_apart(target):
    """No two people of the ranked paths are drawn closer than 80 canvas units."""
    at = {n["id"]: (n["x"], n["y"]) for n in target.nodes}
    ids = sorted({i for p in target.paths for i in p.ids})
    closest = min(math.dist(at[a], at[b]) for k, a in enumerate(ids) for b in ids[k + 1 :])
    assert closest >= 80


def test_target_office_grouped_apart_from_the_rest_of_the_company(G, target):
    """Lisbon people sit in the target column block; the other offices to the right of it."""
    x = {n["id"]: n["x"] for n in target.nodes}
    lisbon = {n["id"] for n in target.nodes if n.get("target")}
    others = {n for n, d in G.nodes(data=True)
              if d.get("company_key") == "halcyon maps" and d.get("office_key") != "lisbon"} - {
        i for p in target.paths for i in p.ids}  # fmt: skip
    assert lisbon and others
    assert max(x[i] for i in lisbon) < min(x[i] for i in others)
    labels = [n["label"] for n in target.nodes if n["kind"] == "label"]
    assert labels == ["Halcyon Maps, Lisbon", "Halcyon Maps, other offices"]


def test_rest_of_network_is_hidden_context(G, target):
    """Everyone outside the answer is drawn hidden, below it, listed as context."""
    hidden = {n["id"] for n in target.nodes if n.get("hidden")}
    assert hidden == set(target.context)
    persons = sum(1 for _, k in G.nodes(data="kind") if k == "person")
    assert 200 < len(hidden) < persons
    y = {n["id"]: n["y"] for n in target.nodes}
    assert min(y[i] for i in hidden) > max(y[i] for i in target.fit)


def test_hop_edges_carry_their_warmth_label(G, target):
    """Every hop of a ranked path is labelled with the warmth the ranking used (two decimals)."""
    from netmap.ranking import rank_paths

    pair = {frozenset((e["from"], e["to"])): e for e in target.edges}
    hops = 0
    for p in rank_paths(G, "Halcyon Maps", office="Lisbon", top=5):
        for a, b, d in zip(p.path, p.path[1:], p.hop_details, strict=False):
            assert pair[frozenset((a, b))]["hop"] == f"{d.warmth:.2f}"
            hops += 1
    assert hops == 9
    hop = pair[frozenset(("me", "afonso-pires"))]["hop"]
    assert f"   You \u2192 Afonso Pires: {hop} (introduced)" in target.explain["ines-carvalho"]  # as explain says


def test_panel_of_a_target_is_explain_and_the_next_step(G, target):
    """The click panel is netmap.ranking.explain's best paths, then who to ask and the commands."""
    from netmap.ranking import explain

    lines = target.explain["ines-carvalho"]
    best = explain(G, "ines-carvalho", company="Halcyon Maps", office="Lisbon", k=2).paths
    assert lines[0] == "1. You \u2192 Afonso Pires \u2192 Inês Carvalho"
    assert lines[1] == f"   score {best[0].score:.3f} = path warmth {best[0].warmth:.3f} x fit {best[0].fit:.2f}"
    assert lines[-3:] == [
        "Next: ask Afonso Pires to introduce you to Inês Carvalho.",
        '  netmap draft intro-request "Inês Carvalho"',
        '  netmap prep "Inês Carvalho"',
    ]
    assert target.explain["afonso-pires"][:2] == [
        "On ranked path 1: You \u2192 Afonso Pires \u2192 Inês Carvalho",
        "  ask them to introduce you to Inês Carvalho",
    ]
    assert target.explain_flags == ' --company "Halcyon Maps" --office "Lisbon"'


# --- the neighbourhood map -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["Beatriz Santos", "beatriz santos", "BEATRIZ SANTOS", "beatriz-santos"])
def test_around_resolves_like_every_command(G, who):
    """--around takes what the person resolver takes: id, name in any case."""
    assert map_data(G, around=who, depth=1).focus == "beatriz-santos"


def test_around_accent_free_name_and_first_name(G):
    assert map_data(G, around="ines carvalho", depth=1).focus == "ines-carvalho"
    resolver = PersonResolver.from_graph(G)
    first = next(n.split()[0] for n in (d["name"] for _, d in G.nodes(data=True) if d.get("kind") == "person")
                 if resolver.find(n.split()[0])[0] is not None)  # fmt: skip
    assert map_data(G, around=first, depth=1).focus == resolver.resolve(first)


def test_around_rings_hold_everyone_close(G):
    """Ring k at k ties: nobody drifts further out than the last ring."""
    data = map_data(G, around="Beatriz Santos")
    centre = next(n for n in data.nodes if n["id"] == "beatriz-santos")
    assert (centre["x"], centre["y"]) == (0.0, 0.0)
    radii = sorted({round(math.hypot(n["x"], n["y"]) / 10) for n in data.nodes if n["kind"] != "label"})
    assert len(radii) == 3, radii  # the centre, ring 1, ring 2 (to 10 units: positions are rounded)


def test_ring_layout_spaces_the_first_ring_for_labels():
    pos = ring_layout([["c"], [f"a{i}" for i in range(30)]], gap=100, spacing=120)
    neighbours = math.dist(pos["a0"], pos["a1"])
    assert neighbours == pytest.approx(120, rel=0.01)


def test_column_layout_uncrosses_paths():
    """Two paths whose ends were listed crosswise are untangled by the sweeps."""
    pos = column_layout([["me", "a", "y"], ["me", "b", "x"], ["me", "a", "x2"], ["me", "b", "y2"]])
    assert pos["a"][1] < pos["b"][1]
    assert max(pos["y"][1], pos["x2"][1]) < min(pos["x"][1], pos["y2"][1])


# --- redaction -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "level"),
    [("CEO", "executive"), ("VP Engineering", "executive"), ("Head of Data", "director"),
     ("Director of Sales", "director"), ("Engineering Manager", "manager"),
     ("Staff Engineer", "individual contributor"), ("Senior Analyst", "individual contributor"),
     ("Analyst", "individual contributor"), ("Junior Designer", "individual contributor"),
     ("Intern", "individual contributor"), ("", "individual contributor")],
)  # fmt: skip
def test_titles_reduce_to_four_levels(title, level):
    assert title_level(title) == level and level in LEVELS


def test_redacted_map_names_nobody(G):
    """No full name, id, e-mail, profile URL, school, tag or evidence in a redacted page."""
    data = map_data(G, **TARGET, options=MapOptions(redact=True))
    html = render_map(data)
    import json

    text = json.dumps(data.page_data(), ensure_ascii=False) + json.dumps(data.nodes, ensure_ascii=False)
    text += json.dumps(data.edges, ensure_ascii=False) + html
    dataset = load_dataset(SAMPLE)
    leaks = [s for c in dataset.contacts for s in (c.name, c.email, c.linkedin_url, c.id)
             if s and len(s) > 3 and s in text]  # fmt: skip
    assert leaks == []
    assert all(n["tags"] == [] for n in data.nodes) and data.filters["tags"] == []
    data_text = text[: -len(html)]
    companies = {d.get("company", "") for _, d in G.nodes(data=True)}
    schools = {d["name"] for _, d in G.nodes(data=True) if d.get("group") == "school"} - companies
    assert schools and not [s for s in schools if s in data_text]
    ines = next(n for n in data.nodes if n["label"] == "I.C." and n.get("target"))
    assert ines["title"].split("\n")[:3] == ["I.C.", "director at Halcyon Maps", "Office: Lisbon"]
    panel = data.explain[ines["id"]]
    assert panel[0] == "1. You \u2192 A.P. \u2192 I.C."
    assert panel[-1] == "Next: ask A.P. to introduce you to I.C."  # one full stop
    assert data.redacted and "netmap" not in "\n".join(panel)


def test_redacted_search_keys_are_initials(G):
    data = map_data(G, **TARGET, options=MapOptions(redact=True))
    assert "ines carvalho" not in data.search and "ines" not in data.search
    assert len(data.search["i.c."]) >= 1


# --- search --------------------------------------------------------------------------------------


def test_search_keys_are_the_person_resolvers(G):
    """The page's keys equal PersonResolver.search_keys for the same people."""
    from netmap.people import Person

    people = [(n, d["name"]) for n, d in G.nodes(data=True) if d.get("kind") == "person"]
    assert search_keys(people) == PersonResolver([Person(i, name) for i, name in people]).search_keys()
    data = map_data(G)
    assert data.search["ines carvalho"] == ["ines-carvalho"]
    assert "ines-carvalho" in data.search["ines"] and "ines-carvalho" in data.search["carvalho"]


# --- whole network -------------------------------------------------------------------------------


def test_whole_map_labels_your_strong_ties_biggest(G):
    """Your strong ties get the biggest labels, then your other ties, then everyone else."""
    data = map_data(G)
    size = {n["id"]: n.get("font", {}).get("size", PERSON_FONT) for n in data.nodes if n["kind"] == "person"}
    strong = [n for n, d in G.nodes(data=True) if d.get("kind") == "person" and (d.get("strength") or 0) >= 4
              and G.has_edge(ME, n) and not G[ME][n].get("inferred")]  # fmt: skip
    mine = [n for n in G[ME] if G.nodes[n].get("kind") == "person" and not G[ME][n].get("inferred")]
    others = [n for n in size if n not in set(mine)]
    assert strong and min(size[n] for n in strong) > max(size[n] for n in mine if n not in strong)
    assert min(size[n] for n in mine) > max(size[n] for n in others if size[n] < 12) - 1


def test_whole_map_names_each_large_company_once(G):
    data = map_data(G)
    labels = [n["label"] for n in data.nodes if n["kind"] == "label"]
    assert "Halcyon Maps" in labels and len(labels) == len(set(labels))


def test_label_ids_never_take_a_persons_id():
    contacts = [Contact("label:0", "Lab Zero", company="Acme")] + [
        Contact(f"p{i}", f"P {i}", company="Acme") for i in range(7)
    ]
    data = map_data(build_graph(Dataset(contacts, []), today=TODAY))
    ids = [n["id"] for n in data.nodes]
    assert len(ids) == len(set(ids)) and "label:0_" in ids


def test_cli_around_by_accent_free_name(tmp_path):
    out = tmp_path / "around.html"
    result = CliRunner().invoke(
        cli, ["map", "--data", str(SAMPLE), "--today", "2026-11-15", "--around", "ines carvalho",
              "--depth", "1", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Wrote {out}: ")
    assert "Around Inês Carvalho" in out.read_text(encoding="utf-8").split("</title>")[0]


def test_panel_text_of_someone_without_a_path():
    contacts = [Contact("ana", "Ana", company="Acme", strength=4), Contact("zed", "Zed", company="Far")]
    G = build_graph(Dataset(contacts, []), today=TODAY, inferred=False)
    assert panel_text(G, "zed", {}, MapOptions()) == ["No warm path to Zed within 3 hops."]


# --- the garbage collector ----------------------------------------------------------------------


def test_the_collector_rests_while_a_map_is_made(G, monkeypatch):
    """map_data and render_map run with the cyclic garbage collector paused, and it runs again after."""
    seen = []

    def spy(module, name):
        real = getattr(module, name)

        def call(*args, **kwargs):
            seen.append((name, gc.isenabled()))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, call)

    spy(scene, "answer_layout")
    spy(render, "_vis_assets")
    render_map(map_data(G, **TARGET))
    assert seen == [("answer_layout", False), ("_vis_assets", False)]
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_failed_map(G):
    """An unknown company raises NotFoundError and leaves the collector on."""
    with pytest.raises(NotFoundError):
        map_data(G, company="No Such Company")
    assert gc.isenabled()
