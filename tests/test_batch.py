"""netmap batch: every member x every target, exactly as paths from that member ranks them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.pool import build_pool, load_pool, member_graph
from netmap.pool.batch import BATCH_COLUMNS, BatchJob, rank_batch_local, read_batch_targets, read_members
from netmap.ranking import PATH_COLUMNS, rank_paths
from test_pool import TODAY, member_folder, three_members


@pytest.fixture
def club(tmp_path: Path) -> Path:
    build_pool(three_members(tmp_path / "members"), tmp_path / "club")
    (tmp_path / "members.csv").write_text("member\nCarla Gen\np1\nbruno gen\n", encoding="utf-8")
    (tmp_path / "targets.csv").write_text("company,office,role\nHalcyon Maps,Lisbon,\nGlobex,,\nInitech,,engineer\n",
                                          encoding="utf-8")  # fmt: skip
    return tmp_path / "club"


def invoke(runner, club: Path, *extra: str):
    folder = club.parent
    return runner.invoke(cli, ["batch", "--data", str(club), "--members", str(folder / "members.csv"), "--targets",
                               str(folder / "targets.csv"), "--today", TODAY.isoformat(), *extra])  # fmt: skip


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_batch_rows_are_paths_from_each_member(runner, club, tmp_path):
    """Columns: member, member_name, then the paths columns; order member (as listed), target, rank;
    each member's rows equal rank_paths on that member's view."""
    out = tmp_path / "out.csv"
    result = invoke(runner, club, "--top", "3", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Wrote {len(read_csv(out))} rows for 3 members x 3 targets to {out}"
    assert "3/3 members" in result.stderr
    rows = read_csv(out)
    assert tuple(rows[0]) == ("member", "member_name", *PATH_COLUMNS)
    pool = load_pool(club)
    expected = []
    targets, _ = read_batch_targets(pool, tmp_path / "targets.csv", today=TODAY)
    for member, name in (("p3", "Carla Gen"), ("p1", "Ana Sample"), ("p2", "Bruno Gen")):
        G = member_graph(pool, member, today=TODAY)
        for target in targets:
            for r in rank_paths(G, target, top=3):
                expected.append({"member": member, "member_name": name,
                                 **{k: "" if v is None else str(v) for k, v in r.as_row().items()}})  # fmt: skip
    assert rows == expected
    assert [r["member"] for r in rows][:: len(rows) - 1] == ["p3", "p2"]
    assert {r["target"] for r in rows} == {"Halcyon Maps, Lisbon", "Globex", "Initech (engineer)"}


def test_batch_parquet_holds_the_same_rows(runner, club, tmp_path):
    import pyarrow.parquet as pq

    assert invoke(runner, club, "-o", str(tmp_path / "a.csv")).exit_code == 0
    assert invoke(runner, club, "-o", str(tmp_path / "a.parquet")).exit_code == 0
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.column_names == list(BATCH_COLUMNS)
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in table.to_pylist()]
    assert as_text == read_csv(tmp_path / "a.csv")


def test_unknown_member_names_file_and_line(runner, club, tmp_path):
    (tmp_path / "members.csv").write_text("member\nAna Sample\nDora\n", encoding="utf-8")
    result = invoke(runner, club, "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 3
    assert result.stderr == (f"Error: {tmp_path / 'members.csv'}:3: member: 'Dora' is not a member of the pool "
                             f"{club} - members: Ana Sample, Bruno Gen, Carla Gen\n")  # fmt: skip
    assert not (tmp_path / "x.csv").exists()


def test_members_file_needs_a_member_column(runner, club, tmp_path):
    (tmp_path / "members.csv").write_text("name\nAna Sample\n", encoding="utf-8")
    result = invoke(runner, club, "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"Error: {tmp_path / 'members.csv'}:1: member: missing required column "
                                             "'member' - add a 'member' column of member ids or names")  # fmt: skip


def test_batch_on_a_folder_that_is_not_a_pool(runner, tmp_path):
    from test_pool import SAMPLE

    (tmp_path / "m.csv").write_text("member\nAna\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", "--data", str(SAMPLE), "--members", str(tmp_path / "m.csv"), "--targets",
                                 str(tmp_path / "m.csv"), "-o", str(tmp_path / "x.csv")])  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {SAMPLE}: not a pool (no ties.csv) - make one with 'netmap pool MEMBER_DIR... "
                             f"-o {SAMPLE}'\n")  # fmt: skip


def test_batch_csv_is_neutralised_against_formulas(runner, tmp_path):
    """A hostile name from a member's folder never reaches a CSV as a formula: the pool neutralises what
    it imports, and the batch CSV neutralises every cell unless --raw."""
    from netmap.pool.batch import typed, write_batch

    evil = member_folder(tmp_path / "evil", "Eve", "eve@example.org", 7, people=6, extra=[
        {"id": "x", "name": "=HYPERLINK(\"http://x\")", "company": "Globex", "relationship": "friend", "strength": "5"},
    ])  # fmt: skip
    build_pool([evil], tmp_path / "club")
    (tmp_path / "members.csv").write_text("member\nEve\n", encoding="utf-8")
    (tmp_path / "targets.csv").write_text("company\nGlobex\n", encoding="utf-8")
    result = invoke(runner, tmp_path / "club", "--top", "20", "-o", str(tmp_path / "o.csv"))
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "o.csv")
    assert '\'=HYPERLINK("http://x")' in [r["name"] for r in rows]
    assert not [v for r in rows for v in r.values() if v[:1] in ("=", "+", "@")]
    row = typed({"member": "p1", "member_name": "-1+1", "rank": 1, "score": 0.5, "warmth": 0.5, "fit": 1.0})
    write_batch([row], tmp_path / "safe.csv")
    write_batch([row], tmp_path / "raw.csv", safe=False)
    assert read_csv(tmp_path / "safe.csv")[0]["member_name"] == "'-1+1"
    assert read_csv(tmp_path / "raw.csv")[0]["member_name"] == "-1+1"


def test_local_engine_reports_progress_per_member(club, tmp_path):
    pool = load_pool(club)
    members = read_members(pool, tmp_path / "members.csv")
    targets, _ = read_batch_targets(pool, tmp_path / "targets.csv", today=TODAY)
    seen = []
    rows = list(rank_batch_local(pool, BatchJob(tuple(members), tuple(targets), top=2, today=TODAY),
                                 progress=lambda done, total: seen.append((done, total))))  # fmt: skip
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert members == ["p3", "p1", "p2"] and rows
