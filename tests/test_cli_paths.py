"""CLI tests for paths, ask, mutual, explain and export, through CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from netmap.cli import cli

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
TODAY = ["--today", "2026-11-15"]


def run(*args: str, data: Path = SAMPLE):
    return CliRunner().invoke(cli, [args[0], "--data", str(data), *TODAY, *args[1:]])


def test_paths_table_ranks_the_story_target():
    result = run("paths", "--company", "Halcyon Maps", "--office", "Lisbon", "--top", "2")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rank", "name", "title", "office", "score", "hops", "path", "first_ask"]
    assert lines[2] == "# at Halcyon Maps, Lisbon"
    assert "You > Afonso Pires > Inês Carvalho" in lines[3]
    assert len(lines) == 5
    assert result.stderr == ""


def test_paths_unknown_company_exits_3_with_suggestion():
    result = run("paths", "--company", "Halcyn Maps")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == "Error: unknown company 'Halcyn Maps' - did you mean 'Halcyon Maps'?\n"


def test_paths_unknown_office_exits_3_listing_offices():
    result = run("paths", "--company", "Meta", "--office", "Lisbn")
    assert result.exit_code == 3
    assert result.stderr == "Error: unknown office 'Lisbn' at Meta - known offices: 'London', 'Dublin', 'Menlo Park'\n"


def test_paths_without_target_is_a_usage_error():
    result = run("paths")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: name a target with --company (and optionally --office) or --targets FILE"
    )


def test_paths_csv_has_the_documented_columns_and_path_joined_by_arrows():
    result = run("paths", "--company", "Halcyon", "--office", "Lisbon", "--format", "csv", "--top", "3")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["rank", "person_id", "name", "title", "company", "office", "score", "warmth", "fit",
                             "hops", "path", "first_ask", "first_ask_id", "reasons", "status", "target",
                             "inferred_hops", "office_group"]  # fmt: skip
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["path"] == "You > Afonso Pires > Inês Carvalho"
    assert rows[0]["first_ask_id"] == "afonso-pires"
    assert [r["office_group"] for r in rows] == ["office"] * 3
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert abs(float(rows[0]["score"]) - float(rows[0]["warmth"]) * float(rows[0]["fit"])) < 1e-3


def test_paths_json_carries_per_hop_detail():
    result = run("paths", "--company", "Halcyon", "--office", "Lisbon", "--format", "json", "--top", "2")
    data = json.loads(result.stdout)
    hops = data[0]["hops_detail"]
    assert [(h["target_name"], h["inferred"]) for h in hops] == [("Afonso Pires", False), ("Inês Carvalho", False)]
    assert data[0]["path"] == ["You", "Afonso Pires", "Inês Carvalho"]
    assert (data[0]["inferred_hops"], data[0]["office_group"]) == (0, "office")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "contacts.csv").write_text(
        "id,name,company,title,strength\n"
        "f,Friend,Other,,4\n"
        'evil,"=HYPERLINK(""http://x"",""y"")",Acme,@SUM(1+1),\n'
        "minus,-Minus,Acme,+Plus,\n",
        encoding="utf-8",
    )
    (tmp_path / "introductions.csv").write_text("referrer,contact\nf,evil\nf,minus\n", encoding="utf-8")
    return tmp_path


def test_csv_export_neutralises_formulas_and_raw_turns_it_off(hostile: Path, tmp_path: Path):
    out = tmp_path / "intros.csv"
    result = run("paths", "--company", "Acme", "--format", "csv", "-o", str(out), data=hostile)
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    names = {r["name"] for r in rows}
    assert names == {'\'=HYPERLINK("http://x","y")', "'-Minus"}
    assert {r["title"] for r in rows} == {"'@SUM(1+1)", "'+Plus"}
    raw = run("paths", "--company", "Acme", "--format", "csv", "--raw", data=hostile)
    assert {r["name"] for r in csv.DictReader(io.StringIO(raw.stdout))} == {'=HYPERLINK("http://x","y")', "-Minus"}


def test_csv_bom_for_excel(hostile: Path):
    result = run("paths", "--company", "Acme", "--format", "csv", "--bom", data=hostile)
    assert result.stdout.startswith("\ufeffrank,person_id,")


def test_ask_lists_who_to_ask_first():
    result = run("ask", "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "csv", "--top", "3")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["person_id"] == "afonso-pires"
    assert float(rows[0]["best_score"]) >= float(rows[1]["best_score"]) >= float(rows[2]["best_score"])


def test_mutual_needs_two_people_or_a_company():
    result = run("mutual", "beatriz-santos")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: give two people (ids or names) or --company [--office]"


def test_mutual_unknown_person_exits_3():
    result = run("mutual", "beatriz-santos", "Ines Carvalo")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: 'Ines Carvalo' matches no id or name in contacts.csv - did you mean 'Inês Carvalho'? "
        "If not, add them to contacts.csv\n"
    )


def test_explain_prints_hops_evidence_and_suggestions():
    result = run("explain", "Inês Carvalho", "--company", "Halcyon Maps", "--office", "Lisbon", "-k", "1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Inês Carvalho (Head of Data, Halcyon Maps, Lisbon)"
    assert lines[2] == "1. You > Afonso Pires > Inês Carvalho"
    assert lines[3].startswith("   score 0.204 = path warmth 0.226 x fit 0.90")
    assert any(line.strip().startswith("+ the introduction from Afonso Pires to Inês Carvalho is suggested")
               for line in lines)  # fmt: skip


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_is_readable_back(fmt: str, tmp_path: Path):
    out = tmp_path / f"net.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {out}\n"
    if fmt == "graphml":
        G = nx.read_graphml(out)
        import igraph

        g = igraph.Graph.Read_GraphML(str(out))
        assert g.vcount() == G.number_of_nodes() and g.ecount() == G.number_of_edges()
        assert set(g.es.attributes()) >= {"warmth", "kind", "inferred", "evidence"}
    elif fmt == "gexf":
        G = nx.read_gexf(out)
    else:
        data = json.loads(out.read_text(encoding="utf-8"))
        try:
            G = nx.node_link_graph(data, edges="edges")
        except TypeError:  # networkx < 3.4 calls the key 'link'
            G = nx.node_link_graph(data, link="edges")
    assert G.nodes["zoe-muller"]["name"] == "Zoë Müller"
    assert G.nodes["zoe-muller"]["last_contact"] == "2026-11-02"
    tie = G["me"]["zoe-muller"]
    assert 0 < float(tie["warmth"]) <= 1 and tie["kind"] == "direct"


def test_targets_file_ranks_several_companies_together(tmp_path: Path):
    targets = tmp_path / "targets.csv"
    targets.write_text("company,office\nHalcyon Maps,Lisbon\nMeta,\nNo Such Co,\n", encoding="utf-8")
    result = run("paths", "--targets", str(targets), "--format", "csv", "--top", "40")
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: {targets}:4: nobody in your data works at 'No Such Co' now - netmap companies lists the companies "
        "in your data; or go cold: call or write to the office and ask for 15 minutes of advice, not a job, then add "
        "the person with 'netmap add' (skipped)\n"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["target"] for r in rows} == {"Halcyon Maps, Lisbon", "Meta"}
    warm = [float(r["score"]) for r in rows if r["status"] == "warm"]
    assert warm == sorted(warm, reverse=True)
    assert len({r["person_id"] for r in rows}) == len(rows), "each person once"


def test_targets_and_company_together_is_a_usage_error(tmp_path: Path):
    result = run("paths", "--company", "Meta", "--targets", str(tmp_path / "t.csv"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: use either --company or --targets, not both"


def test_netmap_toml_in_the_data_folder_changes_the_weights(tmp_path: Path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    before = run("paths", "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "csv", data=data)
    (data / "netmap.toml").write_text("[seniority]\nsenior = 0.35\n", encoding="utf-8")
    after = run("paths", "--company", "Halcyon Maps", "--office", "Lisbon", "--format", "csv", data=data)
    zoe_before = next(r for r in csv.DictReader(io.StringIO(before.stdout)) if r["person_id"] == "zoe-muller")
    zoe_after = next(r for r in csv.DictReader(io.StringIO(after.stdout)) if r["person_id"] == "zoe-muller")
    assert float(zoe_after["fit"]) == pytest.approx(float(zoe_before["fit"]) / 2)


def test_invalid_config_exits_1_naming_the_key(tmp_path: Path):
    config = tmp_path / "w.toml"
    config.write_text("half_lif_days = 10\n", encoding="utf-8")
    result = run("paths", "--company", "Meta", "--config", str(config))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {config}: unknown setting 'half_lif_days' - did you mean 'half_life_days'?\n"
    config.write_text("[inferred]\nsame_office = -1\n", encoding="utf-8")
    result = run("paths", "--company", "Meta", "--config", str(config))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {config}: inferred.same_office: must be a number above 0 up to 1, got -1 - fix the value\n"
    )

    config.write_text("half_life_days = 0\n", encoding="utf-8")
    result = run("check", "--config", str(config))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{config}: half_life_days: must be a number above 0 up to 36500, got 0 - fix the value"
    )
    assert result.stdout.splitlines()[-1].endswith("; 1 error, 0 warnings")
    result = run("paths", "--company", "Meta", "--config", str(tmp_path))
    assert (result.exit_code, result.stderr) == (1, f"Error: {tmp_path}: is a folder - name the TOML file\n")


def test_output_into_a_missing_folder_fails_cleanly(tmp_path: Path):
    target = tmp_path / "no" / "such" / "x.csv"
    result = run("paths", "--company", "Meta", "--format", "csv", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: folder {target.parent} does not exist - create it first\n"
    assert not target.parent.exists()


def test_output_file_gets_the_usual_permissions(tmp_path: Path):
    import os
    import stat

    target = tmp_path / "x.csv"
    umask = os.umask(0o022)
    try:
        assert run("paths", "--company", "Meta", "--format", "csv", "-o", str(target)).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_targets_file_naming_no_known_company_exits_3(tmp_path: Path):
    targets = tmp_path / "targets.csv"
    targets.write_text("company\nNo Such Co\n", encoding="utf-8")
    result = run("paths", "--targets", str(targets))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1] == (
        "Error: none of the targets is a company in your network - check the names against 'netmap companies'"
    )


def test_duplicate_targets_list_each_person_once(tmp_path: Path):
    targets = tmp_path / "targets.csv"
    targets.write_text("company,office\nHalcyon,Lisbon\nHM,lisbon\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run("paths", "--targets", str(targets), "--format", "csv").stdout)))
    assert len(rows) == 25 and len({r["person_id"] for r in rows}) == 25, "CSV holds every row without --top"


def test_explain_refuses_you_and_a_company_the_person_is_not_at():
    result = run("explain", "me")
    assert result.exit_code == 3
    assert result.stderr == "Error: that is you - name someone else to explain the paths to them\n"
    result = run("explain", "Ines Carvalho", "--company", "Globex")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: Inês Carvalho is not at Globex (at Halcyon Maps) - leave out --company or name their company\n"
    )


def test_explain_shows_the_track_record_factor():
    result = run("explain", "Beatriz Santos", "-k", "1")
    assert "      - x1.10 for their track record of introductions (see docs/scoring.md)" in result.stdout.splitlines()


def test_max_per_introducer_keeps_rows_in_score_order():
    result = run("paths", "--company", "Halcyon", "--office", "Lisbon", "--top", "8", "--max-per-introducer", "2",
                 "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    from collections import Counter

    assert max(Counter(r["first_ask_id"] for r in rows if r["first_ask_id"]).values()) <= 2
