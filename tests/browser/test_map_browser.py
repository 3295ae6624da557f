"""Generated maps in a real headless Chromium with the network blocked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netmap.graph import build_graph
from netmap.maps import MapOptions, map_data, write_map
from netmap.model import Contact, Dataset, Introduction

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"


def hostile_graph():
    contacts = [
        Contact(
            "ana",
            "Ana Lima",
            company="Acme",
            office="Lisbon",
            title="Engineer",
            strength=5,
            tags=("mentor",),
        ),
        Contact(
            "bo",
            IMG,
            company=SCRIPT,
            office=IMG,
            title=SCRIPT,
            strength=3,
            tags=(IMG,),
            notes=SCRIPT,
            email="bo@example.com",
        ),
        Contact(SCRIPT, "Cy Okafor", company="Acme", office="Lisbon", title="Director"),
        Contact("dee", "Dee " + SCRIPT, company="Globex", school=IMG, strength=2),
        Contact("eve", "Eve Santos", company="Globex"),
    ]
    intros = [Introduction("ana", SCRIPT, status="met"), Introduction("bo", "eve", status="made")]
    return build_graph(Dataset(contacts, intros), today=date(2026, 1, 1))


def synthetic_graph(n: int, seed: int = 1):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from map_bench import synthetic_dataset

    return build_graph(synthetic_dataset(n, seed=seed), today=date(2026, 1, 1))


def test_whole_map_draws_every_node_and_tie_offline(tmp_path, open_map):
    """The page draws as many nodes and ties as map_data prepared, with no request and no error."""
    G = hostile_graph()
    data = map_data(G)
    path = tmp_path / "network.html"
    write_map(data, path)
    opened = open_map(path)
    assert opened.counts() == (len(data.nodes), len(data.edges))
    assert opened.counts()[0] == 6  # five people and you
    opened.assert_clean()


def test_hostile_strings_stay_text_everywhere(tmp_path, open_map):
    """Payloads in names, ids, companies, offices, tags and titles run nothing, show as text."""
    G = hostile_graph()
    path = tmp_path / "network.html"
    write_map(map_data(G, options=MapOptions(title=IMG + SCRIPT)), path)
    opened = open_map(path)
    page = opened.page
    labels = opened.eval("() => netmap.nodes.get().map(n => n.label)")
    assert IMG in labels and "Dee " + SCRIPT in labels
    assert SCRIPT in opened.eval("() => netmap.nodes.get().map(n => n.id)")
    assert page.text_content("#title") == IMG + SCRIPT
    assert page.title() == IMG + SCRIPT
    companies = page.eval_on_selector_all("#filter-company option", "os => os.map(o => o.textContent)")
    assert SCRIPT in companies
    offices = page.eval_on_selector_all("#filter-office option", "os => os.map(o => o.textContent)")
    assert IMG in offices
    tags = page.eval_on_selector_all("#filter-tag option", "os => os.map(o => o.textContent)")
    assert IMG in tags
    legend = page.text_content("#legend")
    assert SCRIPT in legend
    # no element was injected by the payloads
    assert page.eval_on_selector_all("img", "xs => xs.length") == 0
    assert page.eval_on_selector_all("script", "xs => xs.length") == 3
    # the tooltip of a hostile node is shown as text
    x, y = opened.eval("""() => { const p = netmap.network.getPositions(['bo']).bo;
                                  const c = netmap.network.canvasToDOM(p);
                                  const r = document.getElementById('map').getBoundingClientRect();
                                  return [c.x + r.left, c.y + r.top]; }""")
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tooltip = page.inner_text("div.vis-tooltip")
    assert IMG in tooltip and SCRIPT in tooltip
    page.wait_for_timeout(300)
    opened.assert_clean()


def test_search_focuses_the_person(tmp_path, open_map):
    """Typing a name in the search box and submitting selects and centres that person."""
    G = synthetic_graph(300)
    data = map_data(G)
    path = tmp_path / "network.html"
    write_map(data, path)
    opened = open_map(path)
    target = next(n for n in data.nodes if n["kind"] == "person" and n["x"] > 200)
    page = opened.page
    page.fill("#search-input", target["label"])
    page.click("#search button")
    assert opened.eval("() => netmap.state.focused") == target["id"]
    assert opened.eval("() => netmap.network.getSelectedNodes()") == [target["id"]]
    view = opened.eval("() => netmap.network.getViewPosition()")
    pos = opened.eval("(id) => netmap.network.getPositions([id])[id]", target["id"])
    assert abs(view["x"] - pos["x"]) < 1 and abs(view["y"] - pos["y"]) < 1
    assert "Found" in page.text_content("#status")
    opened.assert_clean()


def test_click_highlights_neighbours_and_filters_hide_others(tmp_path, open_map):
    """Clicking a node fades everyone but its neighbours; a company filter hides other companies."""
    G = hostile_graph()
    data = map_data(G)
    path = tmp_path / "network.html"
    write_map(data, path)
    opened = open_map(path)
    opened.eval("() => netmap.highlightNeighbours('ana')")
    faded = opened.eval(
        "() => netmap.nodes.get()"
        ".filter(n => n.kind === 'person' && n.color.background === n.fadedColor).map(n => n.id)"
    )
    assert set(faded) == {n for n in G if G.nodes[n]["kind"] == "person"} - {"ana", SCRIPT} - set(G["ana"])
    opened.eval("() => netmap.setFilter('company', 'Globex')")
    hidden = opened.eval("() => netmap.nodes.get().filter(n => n.hidden).map(n => n.id)")
    assert set(hidden) == {"ana", "bo", SCRIPT}
    opened.page.click("#reset")
    assert opened.eval("() => netmap.nodes.get().filter(n => n.hidden).length") == 0
    opened.assert_clean()


def test_physics_is_off_at_load_and_toggles(tmp_path, open_map):
    """The layout comes from Python, so the map is still at once; the button lets it move."""
    path = tmp_path / "network.html"
    data = map_data(hostile_graph())
    assert not data.physics
    write_map(data, path)
    opened = open_map(path, wait="stable")
    button = opened.page.locator("#physics")
    assert button.text_content() == "Physics: off"
    assert opened.eval("() => netmap.network.physics.physicsEnabled") is False
    button.click()
    assert button.text_content() == "Physics: on"
    assert opened.eval("() => netmap.network.physics.physicsEnabled") is True
    button.click()
    assert opened.eval("() => netmap.network.physics.physicsEnabled") is False
    opened.assert_clean()


def test_large_map_draws_without_physics(tmp_path, open_map):
    """Above the physics limit the map uses the Python layout and is still at first draw."""
    G = synthetic_graph(1500)
    data = map_data(G)
    assert not data.physics
    path = tmp_path / "network.html"
    write_map(data, path)
    opened = open_map(path, wait="stable")
    assert opened.counts() == (len(data.nodes), len(data.edges))
    opened.assert_clean()


SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"


def test_highlighted_path_is_the_one_paths_ranks_first(tmp_path, open_map):
    """The map of a target lights up rank_paths(...)[0].path and lists the ranking with scores."""
    from netmap.loading import load_dataset
    from netmap.ranking import rank_paths

    G = build_graph(load_dataset(SAMPLE), today=date(2026, 11, 15))
    ranked = rank_paths(G, "Halcyon Maps", office="Lisbon", top=5)
    path = tmp_path / "paths.html"
    write_map(map_data(G, company="Halcyon Maps", office="Lisbon", top=5), path)
    opened = open_map(path, wait="stable")
    assert opened.eval("() => netmap.state.highlighted") == ranked[0].path
    path_edges = opened.eval(
        """() => netmap.edges.get().filter(e => e.color && e.color.color === '#1F2933')
                 .map(e => [e.from, e.to].sort().join('|'))"""
    )
    expected = ["|".join(sorted(pair)) for pair in zip(ranked[0].path, ranked[0].path[1:], strict=False)]
    assert sorted(path_edges) == sorted(expected)
    items = opened.page.locator("#paths li").all_text_contents()
    assert len(items) == 5
    assert items[0] == f"{ranked[0].score:.3f}1. " + " \u2192 ".join(ranked[0].names)
    opened.page.locator("#paths li").nth(1).click()
    assert opened.eval("() => netmap.state.highlighted") == ranked[1].path
    opened.assert_clean()


def test_redacted_neighbourhood_map(tmp_path, open_map):
    """--around --redact: the person is selected, only initials are shown, the page is clean."""
    G = build_graph(load_sample(), today=date(2026, 11, 15))
    data = map_data(G, around="Beatriz Santos", depth=1, options=MapOptions(redact=True))
    path = tmp_path / "share.html"
    write_map(data, path)
    opened = open_map(path)
    assert opened.eval("() => netmap.network.getSelectedNodes()") == [data.focus]
    labels = opened.eval("() => netmap.nodes.get().map(n => n.label)")
    assert "B.S." in labels and "Beatriz Santos" not in labels
    opened.assert_clean()


def load_sample():
    from netmap.loading import load_dataset

    return load_dataset(SAMPLE)


def test_map_draws_inside_an_iframe_srcdoc(tmp_path, open_map):
    """The notebook shows the page as <iframe srcdoc=...>: it must draw there too."""
    import html

    from netmap.maps import render_map

    page = render_map(map_data(hostile_graph()))
    host = tmp_path / "host.html"
    host.write_text(
        '<!DOCTYPE html><meta charset="utf-8">'
        "<script>window.netmap = {state: {firstDraw: 0}};</script>"
        f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:900px;height:600px">'
        "</iframe>",
        encoding="utf-8",
    )
    opened = open_map(host)
    frame = opened.page.frames[1]
    frame.wait_for_function("() => window.netmap && window.netmap.state.firstDraw !== null")
    assert frame.evaluate("() => netmap.nodes.length") == 6
    opened.assert_clean()
