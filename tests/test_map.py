"""netmap.maps and ``netmap map``: what the map shows, privacy, escaping, offline, CLI."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.errors import NotFoundError
from netmap.graph import build_graph
from netmap.loading import load_dataset
from netmap.maps import MapOptions, map_data, render_map
from netmap.maps.layout import cluster_layout
from netmap.maps.style import DASHES
from netmap.model import ME, Contact, Dataset, Introduction
from netmap.ranking import rank_paths

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
TODAY = date(2026, 11, 15)
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def sample_graph():
    return build_graph(load_dataset(SAMPLE), today=TODAY)


@pytest.fixture(scope="module")
def sample_html(sample_graph):
    return render_map(map_data(sample_graph))


def small_graph(**contact_extra):
    contacts = [
        Contact(
            "ana",
            "Ana Lima",
            company="Acme",
            office="Lisbon",
            strength=5,
            email="ana@example.com",
            notes="met at PyCon",
            linkedin_url="https://www.linkedin.com/in/ana-lima",
            tags=("mentor",),
        ),
        Contact("bo", "Bo Chen", company="Acme", office="Lisbon", **contact_extra),
        Contact("cy", "Cy Okafor", company="Globex", strength=2),
    ]
    return build_graph(Dataset(contacts, [Introduction("ana", "cy", status="met")]), today=TODAY)


def test_whole_map_draws_you_and_every_person_but_no_group(sample_graph):
    """One node per person plus you; shared companies, offices and schools are not nodes."""
    data = map_data(sample_graph)
    kinds = {n: k for n, k in sample_graph.nodes(data="kind")}
    assert sorted(n["id"] for n in data.nodes if n["kind"] != "label") == sorted(
        n for n, k in kinds.items() if k != "group"
    )
    you = next(n for n in data.nodes if n["id"] == ME)
    assert (you["x"], you["y"], you["fixed"], you["shape"]) == (0.0, 0.0, True, "star")


def test_every_explicit_tie_is_drawn_once_and_solid(sample_graph):
    data = map_data(sample_graph)
    explicit = {frozenset((u, v)) for u, v, inf in sample_graph.edges(data="inferred") if not inf}
    solid = [frozenset((e["from"], e["to"])) for e in data.edges if e.get("style", "solid") != "inferred"]
    assert len(solid) == len(set(solid))
    assert set(solid) == explicit
    assert len({e["id"] for e in data.edges}) == len(data.edges)


def test_inferred_ties_only_for_small_groups():
    """Ten colleagues share a company: no clique drawn; two in an office get one dashed tie."""
    contacts = [Contact(f"p{i}", f"Person {i}", company="Big") for i in range(10)]
    contacts += [
        Contact("a", "A", company="Small", office="Oslo"),
        Contact("b", "B", company="Small", office="Oslo"),
    ]
    G = build_graph(Dataset(contacts, []), today=TODAY)
    edges = map_data(G).edges
    assert [(e["from"], e["to"], e.get("style", "solid"), DASHES[e["style"]]) for e in edges] == [
        ("a", "b", "inferred", [8, 6])
    ]
    assert edges[0]["why"] == "same office: Small, Oslo (inferred)"
    wide = map_data(G, options=MapOptions(inferred_clique_max=10)).edges
    assert len(wide) == 45 + 1


def test_company_map_highlights_what_paths_ranks_first(sample_graph):
    """The first highlighted path is netmap's first ranked path; targets are the Lisbon office."""
    data = map_data(sample_graph, company="Halcyon Maps", office="Lisbon", top=5)
    ranked = rank_paths(sample_graph, "Halcyon Maps", office="Lisbon", top=5)
    assert data.paths[0].ids == ranked[0].path
    assert [p.score for p in data.paths] == [round(r.score, 4) for r in ranked]
    assert data.title == "Warm paths to Halcyon Maps, Lisbon"
    targets = {n["id"] for n in data.nodes if n.get("target")}
    lisbon = {
        p
        for p, d in sample_graph.nodes(data=True)
        if d.get("company_key") == "halcyon maps" and d.get("office_key") == "lisbon"
    }
    assert targets == lisbon


def test_every_hop_of_every_ranked_path_is_drawn(sample_graph):
    """Even hops that only exist through a shared (large) group get a dashed tie."""
    data = map_data(sample_graph, company="Halcyon Maps", top=20)
    pairs = {frozenset((e["from"], e["to"])) for e in data.edges}
    for p in data.paths:
        for a, b in zip(p.ids, p.ids[1:], strict=False):
            assert frozenset((a, b)) in pairs, (p.names, a, b)


def test_unknown_company_is_not_found(sample_graph):
    with pytest.raises(NotFoundError, match="Halcyon Maps"):
        map_data(sample_graph, company="Halcyn Mapz")


def test_around_keeps_the_neighbourhood(sample_graph):
    data = map_data(sample_graph, around="Beatriz Santos", depth=1)
    ids = {n["id"] for n in data.nodes}
    assert data.focus == "beatriz-santos" and "beatriz-santos" in ids
    explicit = {v for v, d in sample_graph["beatriz-santos"].items() if not d["inferred"]}
    assert explicit <= ids
    assert len(ids) < len(map_data(sample_graph, around="Beatriz Santos", depth=2).nodes)
    assert data.title == "Around Beatriz Santos"


def test_around_unknown_person_is_not_found(sample_graph):
    with pytest.raises(NotFoundError):
        map_data(sample_graph, around="Nobody At All")


def test_private_by_default():
    """No e-mail, LinkedIn or notes in the page unless details are asked for."""
    G = small_graph()
    html = render_map(map_data(G))
    for secret in ("ana@example.com", "met at PyCon", "linkedin.com/in/ana-lima"):
        assert secret not in html
    detailed = render_map(map_data(G, options=MapOptions(details=True)))
    for secret in ("ana@example.com", "met at PyCon", "linkedin.com/in/ana-lima"):
        assert secret in detailed


def test_redact_shows_initials_and_no_ids(sample_graph):
    data = map_data(sample_graph, company="Halcyon Maps", office="Lisbon", options=MapOptions(redact=True))
    html = render_map(data)
    for person in ("zoe-muller", "Zoë Müller", "Beatriz Santos", "Inês Carvalho", "mentor"):
        assert person not in html
    assert data.paths[0].names == ["You", "A.P.", "I.C."]
    assert all(re.fullmatch(r"me|p\d+|label:\d+", n["id"]) for n in data.nodes)


def test_hostile_strings_never_appear_as_markup():
    """Payloads are JSON-escaped inside the page: no raw tag anywhere."""
    G = small_graph(title=SCRIPT, tags=(IMG,))
    G.nodes["bo"]["name"] = IMG
    G.nodes["cy"]["company"] = SCRIPT
    html = render_map(map_data(G, options=MapOptions(title=SCRIPT + IMG)))
    assert "<img" not in html
    assert "<script>alert" not in html
    assert html.count("</script>") == 3  # the data block, vis-network, netmap's script
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img" in html  # <title>


def test_page_loads_nothing_from_outside(sample_html, tmp_path):
    """No element, style or script refers to another file or site; a CSP forbids it anyway."""
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:|//|lib/)""", sample_html)
    assert "<link" not in sample_html and "@import" not in sample_html
    assert not re.search(r"url\(\s*(?!['\"]?data:)", sample_html)
    assert "default-src 'none'" in sample_html
    assert not re.search(r"cdn\.|cdnjs|jsdelivr|unpkg|googleapis", sample_html)
    assert "bootstrap" not in sample_html.lower()


def test_same_input_same_bytes(sample_graph):
    first = render_map(map_data(sample_graph, company="Halcyon Maps", office="Lisbon"))
    assert render_map(map_data(sample_graph, company="Halcyon Maps", office="Lisbon")) == first


def test_seed_changes_layout_not_content(sample_graph):
    a, b = map_data(sample_graph), map_data(sample_graph, options=MapOptions(seed=7))
    assert [n["id"] for n in a.nodes] == [n["id"] for n in b.nodes]
    assert [(n["x"], n["y"]) for n in a.nodes] != [(n["x"], n["y"]) for n in b.nodes]


def test_large_map_has_physics_off_and_straight_edges():
    contacts = [
        Contact(f"p{i}", f"P {i}", company=f"C{i % 40}", strength=3 if i % 10 == 0 else None) for i in range(400)
    ]
    data = map_data(build_graph(Dataset(contacts, []), today=TODAY))
    assert data.physics is False and data.options["physics"]["enabled"] is False
    assert data.options["edges"]["smooth"] is False
    assert data.options["layout"]["improvedLayout"] is False
    positions = {(n["x"], n["y"]) for n in data.nodes}
    assert len(positions) == len(data.nodes)


def test_cluster_layout_keeps_members_apart():
    pos = cluster_layout([[f"a{i}" for i in range(200)], [f"b{i}" for i in range(50)]], centre="me")
    points = list(pos.values())
    nearest = min(
        ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 for i, (x1, y1) in enumerate(points) for (x2, y2) in points[i + 1 :]
    )
    assert nearest > 15


# --- the command ---------------------------------------------------------------------------------


def run(args, **kwargs):
    return CliRunner().invoke(cli, ["map", "--data", str(SAMPLE), "--today", "2026-11-15", *args], **kwargs)


def test_cli_writes_one_file_and_nothing_else(tmp_path):
    with CliRunner().isolated_filesystem(temp_dir=tmp_path) as folder:
        result = run([])
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        assert result.stderr == "Wrote network.html: 257 people, 847 ties\n"
        assert os.listdir(folder) == ["network.html"]
        html = Path(folder, "network.html").read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "Zoë Müller" not in html  # JSON-escaped


def test_cli_company_summary(tmp_path):
    out = tmp_path / "paths.html"
    result = run(["--company", "Halcyon Maps", "--office", "Lisbon", "--top", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # a target map draws the recorded ties and the inferred hops of its paths, no colleague cliques
    assert result.stderr == f"Wrote {out}: 257 people, 239 ties, 3 warm paths highlighted\n"


def test_cli_stdout():
    result = run(["-o", "-", "--around", "Beatriz Santos", "--depth", "1"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stderr.startswith("Wrote stdout: ")


def test_cli_unknown_company_exits_3(tmp_path):
    result = run(["--company", "Halcyn Mapz", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 3
    assert result.stderr == "Error: unknown company 'Halcyn Mapz' - did you mean 'Halcyon Maps'?\n"
    assert not (tmp_path / "x.html").exists()


def test_cli_unknown_person_exits_3(tmp_path):
    result = run(["--around", "Nobody At All", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: 'Nobody At All' matches no")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--office", "Lisbon"], "--office needs --company"),
        (["--role", "data"], "--role needs --company"),
        (
            ["--company", "Halcyon Maps", "--around", "me"],
            "use either --company or --around, not both",
        ),
        (["--details", "--redact"], "--details and --redact cannot be combined"),
    ],
)
def test_cli_usage_errors_exit_2(args, message):
    result = run(args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {message}\n")


def test_cli_help_ends_with_example():
    result = CliRunner().invoke(cli, ["map", "--help"])
    assert result.exit_code == 0
    assert "Example:\n    netmap map --data sample_data -o network.html" in result.stdout


def test_cold_row_shows_the_person_alone():
    """Someone at the target with no warm path is listed as cold and lit up on their own."""
    contacts = [
        Contact("ana", "Ana", company="Acme", strength=4),
        Contact("zed", "Zed", company="Faraway"),
    ]
    G = build_graph(Dataset(contacts, []), today=TODAY, inferred=False)
    data = map_data(G, company="Faraway")
    assert [(p.ids, p.names, p.cold) for p in data.paths] == [(["zed"], ["Zed"], True)]
    assert next(n for n in data.nodes if n["id"] == "zed")["target"] is True
