"""``netmap companies``: head counts under the ranking's company keys, suspected duplicates."""

from __future__ import annotations

import json
from pathlib import Path

from netmap.cli import cli
from netmap.companies import company_report
from netmap.graph import company_key
from netmap.loading import load_dataset
from netmap.model import Contact, Dataset

SAMPLE = Path(__file__).parents[1] / "sample_data"

CONTACTS = (
    "name,company,past_companies\n"
    'Ana,"Halcyon Maps, Inc.",\n'
    "Bo,Halcyon Maps,Acme\n"
    "Cy,HALCYON MAPS,\n"
    "Dina,Halycon Maps,\n"
    "Ed,Meta,\n"
    "Fay,Metabase,\n"
    "Gus,Über,\n"
    "Hana,Uber,\n"
    "Ivo,Uber,\n"
    "Jo,Initech Germany GmbH,\n"
    "Kai,,\n"
)


def report(contacts: list[tuple[str, str]], aliases=None):
    people = [Contact(str(i), n, company=c) for i, (n, c) in enumerate(contacts)]
    return company_report(Dataset(people, [], aliases=aliases or {}))


def test_substrings_are_never_duplicates():
    r = report([("a", "Meta"), ("b", "Metabase"), ("c", "Meta Platforms")])
    assert r.duplicates == []
    assert [c.name for c in r.companies] == ["Meta", "Meta Platforms", "Metabase"]


def test_spellings_that_already_normalise_alike_are_counted_together_not_proposed():
    """ "ACME, Inc." is already grouped with "Acme": an alias row would change nothing."""
    r = report([("a", "Acme"), ("b", "Acme"), ("c", "ACME, Inc.")])
    assert [(c.name, c.people, c.spellings) for c in r.companies] == [("Acme", 3, ["Acme", "ACME, Inc."])]
    assert r.duplicates == []


def test_sample_data_proposes_only_aliases_that_would_regroup_someone():
    """Every proposal names two companies the ranking keeps apart (Halcyon Maps Inc is not one)."""
    ds = load_dataset(SAMPLE)
    r = company_report(ds)
    for d in r.duplicates:
        assert company_key(d.alias, ds.aliases) != company_key(d.canonical, ds.aliases), d
    assert "Halcyon Maps Inc" not in {d.alias for d in r.duplicates}
    (halcyon,) = [c for c in r.companies if c.name == "Halcyon Maps"]
    assert "Halcyon Maps Inc" in halcyon.spellings


def test_close_spellings_and_accents_are_suspects_and_the_bigger_one_is_canonical():
    r = report([("a", "Halcyon Maps"), ("b", "Halcyon Maps"), ("c", "Halycon Maps"),
                ("d", "Uber"), ("e", "Über"), ("f", "Uber")])  # fmt: skip
    assert [(d.alias, d.canonical, d.reason) for d in r.duplicates] == [
        ("Über", "Uber", "same name without accents"),
        ("Halycon Maps", "Halcyon Maps", "close spelling (0.92)"),
    ]


def test_aliases_group_companies_and_name_them():
    r = report([("a", "Initech Germany GmbH"), ("b", "Initech")], {"initech germany": "Initech"})
    assert [(c.name, c.people) for c in r.companies] == [("Initech", 2)]
    assert r.duplicates == []


def test_companies_command_table(runner, write_data):
    folder = write_data(CONTACTS, companies="alias,canonical\nInitech Germany GmbH,Initech\n")
    result = runner.invoke(cli, ["companies", "--data", str(folder)])
    assert result.exit_code == 0, result.stderr
    rule = "------------  ------  ----  " + "-" * 46
    assert result.stdout == (
        "company       people  past  spellings\n"
        f"{rule}\n"
        "Halcyon Maps  3       0     HALCYON MAPS; Halcyon Maps; Halcyon Maps, Inc.\n"
        "Uber          2       0     Uber\n"
        "Halycon Maps  1       0     Halycon Maps\n"
        "Initech       1       0     Initech Germany GmbH\n"
        "Meta          1       0     Meta\n"
        "Metabase      1       0     Metabase\n"
        "Über          1       0     Über\n"
        "Acme          0       1     Acme\n"
        "\n"
        "Suspected duplicates (add the right ones to companies.csv as alias,canonical):\n"
        "alias         canonical     reason                     people\n"
        "------------  ------------  -------------------------  ------\n"
        "Über          Uber          same name without accents  1\n"
        "Halycon Maps  Halcyon Maps  close spelling (0.92)      1\n"
    )


def test_companies_duplicates_as_csv_make_a_valid_aliases_file(runner, write_data, tmp_path):
    folder = write_data(CONTACTS)
    out = tmp_path / "aliases.csv"
    args = ["companies", "--data", str(folder), "--duplicates", "--format", "csv", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "alias,canonical,reason,people"
    assert "Halycon Maps,Halcyon Maps,close spelling (0.92),1" in lines
    (folder / "companies.csv").write_bytes(out.read_bytes())
    again = runner.invoke(cli, ["companies", "--data", str(folder), "--duplicates", "--format", "json"])
    assert json.loads(again.stdout) == []


def test_companies_json_has_both_lists(runner, write_data):
    result = runner.invoke(cli, ["companies", "--data", str(write_data(CONTACTS)), "--format", "json"])
    payload = json.loads(result.stdout)
    assert payload["companies"][0] == {
        "name": "Halcyon Maps", "key": "halcyon maps", "people": 3, "past": 0,
        "spellings": ["HALCYON MAPS", "Halcyon Maps", "Halcyon Maps, Inc."],
    }  # fmt: skip
    assert {d["alias"] for d in payload["duplicates"]} >= {"Halycon Maps", "Über"}
