"""The maps answer the question at first sight: measured in headless Chromium at 1400x900.

Each test is one rule of issue 14's "Done means", on the sample folder: the ranked
paths fill the first view without piling up, the legend covers nobody, a company
has one colour in every map, the search box forgives case and accents, a redacted
map names nobody, the referral tree fits.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.graph import build_graph
from netmap.loading import load_dataset
from netmap.maps import MapOptions, map_data, referral_map, write_map
from netmap.people import search_key

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
TODAY = date(2026, 11, 15)
TARGET = {"company": "Halcyon Maps", "office": "Lisbon", "top": 5}

#: page coordinates and on-screen radius of every shown node of the given ids (all shown when null)
SCREEN = """(ids) => {
  const box = document.getElementById('map').getBoundingClientRect();
  const scale = netmap.network.getScale();
  const shown = netmap.nodes.get().filter(n => !n.hidden && (!ids || ids.includes(n.id)));
  const pos = netmap.network.getPositions(shown.map(n => n.id));
  return shown.map(n => {
    const c = netmap.network.canvasToDOM(pos[n.id]);
    return {id: n.id, kind: n.kind, x: c.x + box.left, y: c.y + box.top, r: (n.size || 10) * scale};
  });
}"""
MAP_BOX = """() => { const b = document.getElementById('map').getBoundingClientRect();
                    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
                            width: b.width, height: b.height}; }"""


@pytest.fixture(scope="module")
def sample_graph():
    return build_graph(load_dataset(SAMPLE), today=TODAY)


@pytest.fixture(scope="module")
def maps(sample_graph, tmp_path_factory):
    """The target, whole and around maps of the sample, written once."""
    folder = tmp_path_factory.mktemp("maps")
    kinds = {
        "target": map_data(sample_graph, **TARGET),
        "whole": map_data(sample_graph),
        "around": map_data(sample_graph, around="Beatriz Santos"),
    }
    out = {}
    for kind, data in kinds.items():
        write_map(data, folder / f"{kind}.html")
        out[kind] = (folder / f"{kind}.html", data)
    return out


def test_target_paths_fill_the_first_view_apart(maps, open_map):
    """Top-5 path people: all inside the first view, spanning half its width or height, 40 px apart."""
    path, data = maps["target"]
    opened = open_map(path)
    ids = sorted({i for p in data.paths for i in p.ids} | {"me"})
    assert len(ids) == 9  # you, three people to ask, five at the target
    people = opened.eval(SCREEN, ids)
    assert sorted(p["id"] for p in people) == ids
    box = opened.eval(MAP_BOX)
    for p in people:
        assert box["left"] <= p["x"] <= box["right"] and box["top"] <= p["y"] <= box["bottom"], p
    xs, ys = [p["x"] for p in people], [p["y"] for p in people]
    span_w, span_h = (max(xs) - min(xs)) / box["width"], (max(ys) - min(ys)) / box["height"]
    assert span_w >= 0.5 or span_h >= 0.5, (span_w, span_h)
    closest = min(
        ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 for a, b in itertools.combinations(people, 2)
    )
    assert closest >= 40, closest
    opened.assert_clean()


def test_target_map_reads_left_to_right(maps, open_map):
    """You on the left, the people to ask in the middle, the people at the target on the right."""
    path, data = maps["target"]
    opened = open_map(path)
    at = {p["id"]: p for p in opened.eval(SCREEN, None)}
    for p in data.paths:
        xs = [at[i]["x"] for i in p.ids]
        assert xs == sorted(xs) and xs[0] == at["me"]["x"], p.names
    ends = {p.ids[-1] for p in data.paths}
    assert len({round(at[i]["x"]) for i in ends}) == 1  # one column of target people
    opened.assert_clean()


@pytest.mark.parametrize("kind", ["target", "whole", "around"])
def test_legend_covers_nobody(maps, open_map, kind):
    """The legend sits beside the drawing: no shown person is under it, and it can be folded."""
    path, _ = maps[kind]
    opened = open_map(path)
    legend = opened.eval(
        "() => { const b = document.getElementById('legend').getBoundingClientRect();"
        " return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; }"
    )
    box = opened.eval(MAP_BOX)
    assert legend["left"] >= box["right"] or legend["top"] >= box["bottom"]
    for p in opened.eval(SCREEN, None):
        if p["kind"] == "label":
            continue
        inside = (legend["left"] - p["r"] <= p["x"] <= legend["right"] + p["r"]
                  and legend["top"] - p["r"] <= p["y"] <= legend["bottom"] + p["r"])  # fmt: skip
        assert not inside, p
    legend_text = opened.page.text_content("#legend")
    assert "You" in legend_text and "Inferred tie" in legend_text
    opened.page.click("#legend summary")
    assert opened.eval("() => document.getElementById('legend').open") is False
    opened.assert_clean()


def test_every_company_has_one_colour_across_maps(maps, open_map):
    """The colour a company's people are drawn in is the same on the target, whole and around maps."""
    colours: dict[str, set[str]] = {}
    for kind in ("target", "whole", "around"):
        opened = open_map(maps[kind][0])
        opened.eval("() => netmap.setContext && netmap.setContext(true)")
        drawn = opened.eval(
            "() => netmap.nodes.get().filter(n => n.kind === 'person')"
            ".map(n => [n.company, n.baseColor, n.color.background, n.fadedColor])"
        )
        for company, base, now, faded in drawn:
            assert now in (base, faded)
            colours.setdefault(company, set()).add(base)
        opened.assert_clean()
    assert len(colours) > 20
    assert {c: s for c, s in colours.items() if len(s) != 1} == {}


@pytest.mark.parametrize("typed", ["ines carvalho", "INES CARVALHO", "Inês  Carvalho", "ines", "carvalho"])
def test_search_finds_people_regardless_of_case_and_accents(maps, open_map, typed):
    """Typing a name without accents, in any case, or only a first name or surname finds the person."""
    opened = open_map(maps["whole"][0])
    page = opened.page
    page.fill("#search-input", typed)
    page.click("#search button")
    assert opened.eval("() => netmap.state.focused") == "ines-carvalho"
    assert page.text_content("#status") == "Found Inês Carvalho"
    assert page.text_content("#person-name") == "Inês Carvalho"
    opened.assert_clean()


def test_search_folds_what_is_typed_as_the_resolver_does(maps, open_map, sample_graph):
    """The page folds every sample name exactly as netmap.people.search_key does."""
    opened = open_map(maps["whole"][0])
    names = sorted({d["name"] for _, d in sample_graph.nodes(data=True) if d.get("kind") == "person"})
    names += ["  ZOË   Müller ", "Łukasz Øvergård", "Straße"]
    folded = opened.eval("(names) => names.map(netmap.fold)", names)
    assert folded == [search_key(n) for n in names]
    opened.assert_clean()


def test_clicking_a_target_shows_explain_and_the_next_step(maps, open_map, sample_graph):
    """The panel shows netmap.ranking.explain's paths for that person and the commands to run."""
    from netmap.ranking import explain

    opened = open_map(maps["target"][0])
    opened.eval("() => netmap.focusPerson('ines carvalho')")
    text = opened.page.text_content("#person-explain")
    best = explain(sample_graph, "ines-carvalho", company="Halcyon Maps", office="Lisbon", k=2).paths[0]
    assert f"score {best.score:.3f}" in text
    assert "Next: ask Afonso Pires to introduce you to Inês Carvalho." in text
    assert 'netmap draft intro-request "Inês Carvalho"' in text and 'netmap prep "Inês Carvalho"' in text
    opened.assert_clean()


def test_rest_of_the_network_is_one_click_away(maps, open_map):
    """The target map opens on the answer; the button shows the other people, and hides them again."""
    path, data = maps["target"]
    opened = open_map(path)
    shown = lambda: opened.eval("() => netmap.nodes.get().filter(n => !n.hidden).length")  # noqa: E731
    before = shown()
    assert before == len(data.nodes) - len(data.context)
    opened.page.click("#context")
    assert shown() == len(data.nodes)
    opened.page.click("#context")
    assert shown() == before
    opened.assert_clean()


def test_around_opens_on_everyone_not_a_blob(maps, open_map):
    """The neighbourhood map's first view holds every person and uses most of the view."""
    opened = open_map(maps["around"][0])
    people = [p for p in opened.eval(SCREEN, None) if p["kind"] != "label"]
    box = opened.eval(MAP_BOX)
    for p in people:
        assert box["left"] <= p["x"] <= box["right"] and box["top"] <= p["y"] <= box["bottom"], p
    xs, ys = [p["x"] for p in people], [p["y"] for p in people]
    assert (max(xs) - min(xs)) / box["width"] >= 0.5 or (max(ys) - min(ys)) / box["height"] >= 0.8
    opened.assert_clean()


def test_redacted_map_names_nobody(tmp_path, open_map, sample_graph):
    """--redact: no full name, e-mail or profile URL anywhere in the page, its data or its panel."""
    out = tmp_path / "share.html"
    result = CliRunner().invoke(
        cli,
        ["map", "--data", str(SAMPLE), "--today", "2026-11-15", "--company", "Halcyon Maps",
         "--office", "Lisbon", "--redact", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    dataset = load_dataset(SAMPLE)
    opened = open_map(out)
    opened.eval("() => netmap.setContext(true)")
    opened.eval("() => netmap.focusPerson('i.c.')")
    everything = "\n".join(
        [
            out.read_text(encoding="utf-8"),
            opened.eval("() => JSON.stringify(netmap.data)"),
            json.dumps(opened.eval("() => netmap.data"), ensure_ascii=False),
            opened.eval("() => document.body.innerText"),
        ]
    )
    leaks = []
    for c in dataset.contacts:
        for secret in (c.name, c.email, c.linkedin_url, c.id):
            if secret and len(secret) > 3 and secret in everything:
                leaks.append(secret)
    assert leaks == []
    assert opened.page.text_content("#person-name") == "I.C."
    assert "director at Halcyon Maps" in opened.page.text_content("#person-about")
    opened.assert_clean()


def test_referral_tree_fits_and_keeps_status_colours(tmp_path, open_map):
    """Every person of the referral tree is inside the first view; the selected chain keeps its colours."""
    from netmap.maps.style import CLOSED_COLOR

    data = referral_map(load_dataset(SAMPLE))
    path = tmp_path / "referrals.html"
    write_map(data, path)
    opened = open_map(path)
    box = opened.eval(MAP_BOX)
    for p in opened.eval(SCREEN, None):
        assert box["left"] <= p["x"] <= box["right"] and box["top"] <= p["y"] <= box["bottom"], p
    chain = opened.eval("() => netmap.edges.get().filter(e => e.width >= 4).map(e => [e.color.color, e.baseColor])")
    assert len(chain) == len(data.paths[0].ids) - 1
    assert all(now == base for now, base in chain)
    declined = opened.eval(
        "(c) => netmap.edges.get().filter(e => e.color.color === c && e.baseColor !== c).length",
        CLOSED_COLOR,
    )
    assert declined == 0
    opened.assert_clean()


def test_redacted_around_map_in_the_browser(tmp_path, open_map, sample_graph):
    """A redacted neighbourhood: initials in labels, tooltips and the panel; titles are levels."""
    data = map_data(sample_graph, around="Beatriz Santos", options=MapOptions(redact=True))
    path = tmp_path / "around.html"
    write_map(data, path)
    opened = open_map(path)
    assert opened.page.text_content("#person-name") == "B.S."
    about = opened.page.text_content("#person-about")
    assert "individual contributor at Brightwater Energy" in about and "Senior" not in about
    opened.assert_clean()
