"""``netmap map --referrals``: the referral tree's nodes, edges, levels, privacy and CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from netmap.cli import cli
from netmap.loading import load_dataset
from netmap.maps import MapOptions, referral_map, render_map
from netmap.maps.layout import tree_layout
from netmap.maps.referrals import CLOSED_COLOR, MET_COLOR, PENDING_COLOR, STARTER_COLOR
from netmap.maps.style import DASHES
from netmap.outreach import outreach_report

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
SCRIPT = "</script><script>alert(1)</script>"

CONTACTS = """\
id,name,company,office,email,strength,tags,notes
ana,Ana Lima,Acme,Lisbon,ana@acme.example,5,mentor,met at PyCon
bo,Bo Chen,Globex,Porto,,,,
cy,Cy Diaz,Initech,,,,,
dee,Dee Ek,Acme,,,,,
eli,Eli Fox,Hooli,,,,,
fay,Fay Gu,Hooli,,,4,,
gus,Gus Ho,Globex,,,,,
hal,Hal Ito,,,,,,
"""
# ana -> bo -> cy -> dee, bo -> eli; fay -> hal; me -> gus starts nothing;
# eli -> cy comes later than bo -> cy (ignored); dee -> ana would close a cycle (ignored)
INTRODUCTIONS = """\
referrer,contact,date,status,notes
ana,bo,2026-01-05,thanked,lunch
bo,cy,2026-01-20,met,
cy,dee,2026-02-10,requested,
bo,eli,2026-01-20,declined,
me,gus,2026-02-25,suggested,
fay,hal,2026-01-02,no_response,
eli,cy,2026-02-15,suggested,
dee,ana,2026-02-28,suggested,
"""


def folder(tmp_path: Path, contacts: str = CONTACTS, intros: str = INTRODUCTIONS) -> Path:
    (tmp_path / "contacts.csv").write_text(contacts, encoding="utf-8")
    (tmp_path / "introductions.csv").write_text(intros, encoding="utf-8")
    return tmp_path


@pytest.fixture
def tree(tmp_path):
    return referral_map(load_dataset(folder(tmp_path)))


def test_nodes_are_you_and_everyone_in_a_chain_with_their_level(tree):
    """You at level 0, chain starters at 1, then one level per referral; gus (from me) is absent."""
    assert {n["id"]: n["level"] for n in tree.nodes} == {
        "me": 0,
        "ana": 1,
        "fay": 1,
        "bo": 2,
        "hal": 2,
        "cy": 3,
        "eli": 3,
        "dee": 4,
    }
    assert tree.people == 7


def test_edges_run_from_referrer_to_contact_labelled_by_status(tree):
    """One arrow into each person: from you to a starter, else from who gave the name."""
    edges = {
        (e["from"], e["to"]): (e["label"], e["baseColor"], DASHES.get(e.get("style", ""), False)) for e in tree.edges
    }
    assert edges == {
        ("me", "ana"): ("", "rgba(82,96,109,0.6)", False),
        ("me", "fay"): ("", "rgba(82,96,109,0.6)", False),
        ("ana", "bo"): ("thanked", MET_COLOR, False),
        ("bo", "cy"): ("met", MET_COLOR, False),
        ("cy", "dee"): ("requested", PENDING_COLOR, [2, 5]),
        ("bo", "eli"): ("declined", CLOSED_COLOR, False),
        ("fay", "hal"): ("no response", CLOSED_COLOR, False),
    }
    assert len(tree.edges) == len(edges)
    assert tree.options["edges"]["arrows"]["to"]["enabled"] is True
    assert tree.options["physics"]["enabled"] is False and tree.physics is False


def test_nodes_coloured_by_status_and_sized_by_names_led_to(tree):
    nodes = {n["id"]: n for n in tree.nodes}
    assert nodes["ana"]["baseColor"] == STARTER_COLOR
    assert nodes["dee"]["baseColor"] == PENDING_COLOR
    assert nodes["eli"]["baseColor"] == CLOSED_COLOR
    # ana led to bo, cy, dee, eli; bo to cy, dee, eli; fay to hal; leaves to nobody
    sizes = {n: nodes[n]["size"] for n in ("ana", "bo", "fay", "dee")}
    assert sizes["ana"] > sizes["bo"] > sizes["fay"] > sizes["dee"] == 10
    assert "Referred you to 2 directly; 3 names in all, chains 2 deep" in nodes["bo"]["title"]
    assert "Name from Ana Lima: thanked, name given 2026-01-05" in nodes["bo"]["title"]


def test_layout_is_layered_parents_over_children(tree):
    """Each level is one row below the last; a parent sits between its first and last child."""
    pos = {n["id"]: (n["x"], n["y"]) for n in tree.nodes}
    assert pos["me"] == (0.0, 0.0)
    for n in tree.nodes:
        assert pos[n["id"]][1] == n["level"] * 220.0
    assert min(pos["cy"][0], pos["eli"][0]) <= pos["bo"][0] <= max(pos["cy"][0], pos["eli"][0])
    xs = [x for x, y in pos.values() if y == 130.0 * 3]
    assert len(xs) == len(set(xs))


def test_tree_layout_seed_reorders_siblings_reproducibly():
    children = {"me": ["a", "b", "c", "d"]}
    assert tree_layout(children, "me", seed=3) == tree_layout(children, "me", seed=3)
    plain = tree_layout(children, "me")
    assert [n for n in sorted(plain, key=plain.get) if n != "me"] == ["a", "b", "c", "d"]


def test_panel_lists_the_same_longest_chains_as_report():
    ds = load_dataset(SAMPLE)
    tree = referral_map(ds, top=3)
    chains = outreach_report(ds, top=3).chains
    assert [p.names for p in tree.paths] == [list(c.names) for c in chains]
    assert [p.ids for p in tree.paths] == [["me", *c.people] for c in chains]
    assert [p.badge for p in tree.paths] == [f"{c.length} referrals" for c in chains]
    assert tree.panel_title == "Longest referral chains"


def test_private_by_default_details_and_redact(tmp_path):
    ds = load_dataset(folder(tmp_path))
    default = json.dumps([referral_map(ds).nodes, referral_map(ds).edges])
    assert "ana@acme.example" not in default and "met at PyCon" not in default
    assert "lunch" not in default
    details = referral_map(ds, options=MapOptions(details=True))
    text = json.dumps([details.nodes, details.edges])
    assert "ana@acme.example" in text and "lunch" in text
    redacted = referral_map(ds, options=MapOptions(redact=True))
    html = render_map(redacted)
    for secret in ("Ana Lima", "Bo Chen", "ana@acme.example", "mentor", "2026-01-05", '"ana"'):
        assert secret not in html
    assert [n["label"] for n in redacted.nodes][:3] == ["You", "A.L.", "F.G."]
    assert redacted.paths[0].names == ["A.L.", "B.C.", "C.D.", "D.E."]


def test_page_is_offline_escaped_and_deterministic(tmp_path):
    contacts = CONTACTS.replace("Cy Diaz", SCRIPT.replace(",", " "))
    ds = load_dataset(folder(tmp_path, contacts=contacts))
    html = render_map(referral_map(ds))
    assert html == render_map(referral_map(ds))
    assert SCRIPT not in html and "<script>alert" not in html
    assert html.count("</script>") == 3  # the data block, vis-network, netmap's script
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)


def test_no_referrals_draws_you_alone(tmp_path):
    ds = load_dataset(folder(tmp_path, intros="referrer,contact,date,status\n"))
    tree = referral_map(ds)
    assert [n["id"] for n in tree.nodes] == ["me"]
    assert tree.edges == [] and tree.paths == []


# -- CLI ---------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(cli, ["map", *args], prog_name="netmap")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--company", "Acme"], "use either --company or --referrals, not both"),
        (["--around", "ana"], "use either --around or --referrals, not both"),
    ],
)
def test_cli_referrals_conflicts_are_usage_errors(tmp_path, args, message):
    result = run("--data", str(folder(tmp_path)), "--referrals", *args, "-o", "-")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"Usage: netmap map [OPTIONS]\nTry 'netmap map --help' for help.\n\nError: {message}\n")


def test_cli_writes_the_tree_and_summarises(tmp_path):
    out = tmp_path / "referrals.html"
    result = run("--data", str(folder(tmp_path)), "--referrals", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}: 7 people, 5 referrals, longest chain 3\n"
    assert "Longest referral chains" in out.read_text(encoding="utf-8")


def test_cli_help_mentions_referrals_and_keeps_example():
    result = CliRunner().invoke(cli, ["map", "--help"])
    assert "--referrals" in result.stdout
    assert "netmap map --data sample_data --referrals" in result.stdout
    assert "Example:" in result.stdout


def test_depth_without_around_is_a_usage_error():
    from click.testing import CliRunner

    from netmap.cli import cli

    result = CliRunner().invoke(cli, ["map", "--data", "sample_data", "--depth", "1", "-o", "-"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --depth needs --around"
