"""netmap.open_network: the library's front door answers as the CLI does."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import netmap
import netmap.pool
from netmap.cli import cli

SAMPLE = Path(__file__).parent.parent / "sample_data"
TODAY = "2026-11-15"


def run(*args: str):
    return CliRunner().invoke(cli, [*args, "--today", TODAY])


def test_paths_are_the_rows_the_cli_writes():
    net = netmap.open_network(SAMPLE, today=TODAY)
    rows = [r.as_row() for r in net.paths("Halcyon Maps", office="Lisbon")]
    result = run("paths", "--data", str(SAMPLE), "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "csv",
                 "--raw")  # fmt: skip
    assert result.exit_code == 0
    written = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(w["person_id"], w["score"], w["path"]) for w in written] == [
        (r["person_id"], str(r["score"]), r["path"]) for r in rows
    ]


def test_the_folders_netmap_toml_is_read(tmp_path):
    for f in SAMPLE.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "netmap.toml").write_text("half_life_days = 30\n")
    assert netmap.open_network(tmp_path).weights.half_life_days == 30
    assert netmap.open_network(SAMPLE).weights.half_life_days != 30


def test_bad_data_raises_data_error_with_checks_lines(tmp_path):
    (tmp_path / "contacts.csv").write_text("name,company,strength\nAna,Acme,9\n")
    with pytest.raises(netmap.DataError) as err:
        netmap.open_network(tmp_path).paths("Acme")
    assert str(err.value).splitlines()[0].startswith(f"{tmp_path}/contacts.csv:2: strength:")


def test_people_are_found_as_every_command_finds_them():
    net = netmap.open_network(SAMPLE, today=TODAY)
    assert net.explain("INES CARVALHO").name == "Inês Carvalho"
    assert [m.name for m in net.mutual("Zoe", "ines carvalho")] == [
        m.name for m in net.mutual("zoe-muller", "Inês Carvalho")
    ]


def test_pandas_is_not_needed_and_not_hidden_in_a_notebook():
    """The CLI hides pandas from pyarrow for speed; the library never does."""
    net = netmap.open_network(SAMPLE, today=TODAY)
    net.paths("Halcyon Maps")
    import pandas as pd  # still importable after a columnar read

    assert "pandas" in sys.modules and pd.DataFrame([r.as_row() for r in net.paths("Globex")]).shape[0] >= 0


def test_as_on_a_folder_that_is_not_a_pool_exits_3():
    result = run("paths", "--data", str(SAMPLE), "--company", "Halcyon Maps", "--as", "Bruno")
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: {SAMPLE} is not a pool, so there is no member 'Bruno' - leave out --as, or pool folders "
        "with 'netmap pool'\n"
    )


@pytest.fixture(scope="module")
def club(tmp_path_factory):
    sys.path.insert(0, str(Path(__file__).parent))
    from test_pool import three_members

    root = tmp_path_factory.mktemp("pool")
    members = three_members(root)
    netmap.pool.build_pool(members, root / "club")
    return root / "club"


def test_a_pool_asked_without_as_is_a_usage_error_naming_the_members(club):
    result = run("paths", "--data", str(club), "--company", "Halcyon Maps")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: {club} is a pool of 3 members - ask as one of them with --as NAME (Ana Sample, Bruno Gen, Carla Gen)"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["paths", "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "csv"],
        ["ask", "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "csv"],
    ],
)
def test_as_a_member_paths_go_through_another_member(club, command):
    result = run(*command, "--data", str(club), "--as", "Ana Sample")
    assert result.exit_code == 0, result.output
    assert "Bruno Gen" in result.stdout


def test_map_as_a_member_draws_the_path_through_another_member(club, tmp_path):
    out = tmp_path / "m.html"
    result = run("map", "--data", str(club), "--as", "Ana Sample", "--company", "Halcyon Maps", "--office", "Lisbon",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Bruno Gen" in out.read_text(encoding="utf-8")


def test_explain_as_a_member(club):
    result = run("explain", "Zé Alvo", "--data", str(club), "--as", "Ana Sample")
    assert result.exit_code == 0, result.output
    assert "You > Bruno Gen > Zé Alvo" in result.stdout


@pytest.mark.parametrize("company, office", [("Halcyon Maps", "Lisbon"), ("Halcyon Maps", None), ("Globex", None)])
def test_mutual_at_reads_only_the_part_of_the_network_it_needs(company, office):
    """Your contacts and the target's people are enough: the rows equal the whole graph's."""
    from netmap.ranking import mutual_at

    net = netmap.open_network(SAMPLE, today=TODAY)
    whole = mutual_at(net.graph(inferred=False), company, office=office)
    assert [m.as_row() for m in net.mutual_at(company, office)] == [m.as_row() for m in whole]
    assert whole


def test_explain_reads_only_the_part_of_the_network_paths_can_use():
    """People within reach of both you and the person (and the referrers in the evidence of
    their ties to you): the explanation equals the whole graph's, for every person of the sample."""
    from dataclasses import asdict

    from netmap.ranking import explain

    net = netmap.open_network(SAMPLE, today=TODAY)
    G = net.graph()
    people = [n for n, kind in G.nodes(data="kind") if kind == "person"]
    for person in people[::7]:
        assert asdict(net.explain(person)) == asdict(explain(G, person)), person
    assert asdict(net.explain("ines", company="Halcyon Maps", office="Lisbon")) == asdict(
        explain(G, "ines-carvalho", company="Halcyon Maps", office="Lisbon")
    )


def test_the_map_is_the_ranked_answer():
    """Network.map draws what `netmap map --company` draws: the ranked paths, the first one first."""
    net = netmap.open_network(SAMPLE, today=TODAY)
    data = net.map(company="Halcyon Maps", office="Lisbon", top=3)
    assert [p.ids for p in data.paths][0] == net.paths("Halcyon Maps", office="Lisbon", top=1)[0].path
