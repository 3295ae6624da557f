"""netmap pool: consent, one person per identity, only what was shared, paths from a member."""

from __future__ import annotations

import csv
import random
import shutil
from datetime import date
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.errors import ConfigError, NotFoundError
from netmap.paths import suggest
from netmap.pool import build_pool, load_pool, member_graph, member_view
from netmap.ranking import explain, rank_paths

SAMPLE = Path(__file__).parent.parent / "sample_data"
TODAY = date(2026, 11, 27)
COMPANIES = ("Halcyon Maps", "Globex", "Initech", "Vireo Climate", "Umbrella")
OFFICES = ("Lisbon", "Porto", "Berlin")
TITLES = ("Engineer", "Engineering Manager", "Director of Data", "Analyst", "Head of Product")
FIRST = ("Rita", "Tiago", "Marta", "Nuno", "Sofia", "Hugo", "Lea", "Omar", "Yara", "Kenji", "Ines", "Paulo")
LAST = ("Lopes", "Brandt", "Moreira", "Tanaka", "Haddad", "Fonseca", "Keller", "Quinn", "Rocha", "Vidal")

#: private values the generated members never share: none may appear in any output of a pool
SECRETS = ("secret-note-", "+351 900 000", "secret.contact", "secret-tag-", "linkedin.com/in/secret-")
CONTACT_HEADER = ("id", "name", "company", "title", "office", "email", "linkedin_url", "relationship", "strength",
                  "last_contact", "past_companies", "tags", "school", "notes", "phone")  # fmt: skip


def member_folder(path: Path, name: str, email: str, seed: int, *, people: int = 60, share: str | None = "true",
                  columns: tuple[str, ...] = (), extra: list[dict] = ()) -> Path:  # fmt: skip
    """A generated member's data folder: people at a few companies, some direct ties, introductions
    among them, and private columns (e-mail, phone, notes, tags, profile) full of marked secrets."""
    rng = random.Random(seed)
    path.mkdir(parents=True)
    rows = []
    for i in range(people):
        rows.append({
            "id": f"c{seed}-{i}", "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {seed}{i}",
            "company": rng.choice(COMPANIES), "title": rng.choice(TITLES), "office": rng.choice(OFFICES),
            "email": f"secret.contact{seed}.{i}@example.org", "linkedin_url": f"https://linkedin.com/in/secret-{seed}-{i}",
            "relationship": rng.choice(("friend", "colleague", "")) if i % 3 == 0 else "",
            "strength": str(rng.randint(1, 5)) if i % 3 == 0 else "",
            "last_contact": "2026-06-01" if i % 6 == 0 else "",
            "past_companies": rng.choice(COMPANIES) if i % 4 == 0 else "", "tags": f"secret-tag-{seed}-{i}",
            "school": "", "notes": f"secret-note-{seed}-{i}", "phone": f"+351 900 000 {seed:02d}{i:02d}",
        })  # fmt: skip
    rows += [{k: "" for k in CONTACT_HEADER} | row for row in extra]
    with open(path / "contacts.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, CONTACT_HEADER)
        w.writeheader()
        w.writerows(rows)
    with open(path / "introductions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(("referrer", "contact", "date", "status", "strength", "notes"))
        for _ in range(people * 2):
            a, b = rng.sample(range(people), 2)
            w.writerow((f"c{seed}-{a}", f"c{seed}-{b}", "2026-03-01", "suggested", rng.randint(2, 5),
                        f"secret-note-intro-{seed}"))  # fmt: skip
    toml = f'[me]\nname = "{name}"\nemail = "{email}"\n'
    if share is not None:
        toml += f"\n[pool]\nshare = {share}\n" + (f"columns = {list(columns)!r}\n".replace("'", '"') if columns else "")
    (path / "netmap.toml").write_text(toml, encoding="utf-8")
    return path


def sample_member(path: Path) -> Path:
    """The sample network as the member Ana Sample, sharing nothing private."""
    shutil.copytree(SAMPLE, path, ignore=shutil.ignore_patterns("exports"))
    (path / "netmap.toml").write_text('[me]\nname = "Ana Sample"\nemail = "ana.sample@example.org"\n\n'
                                      "[pool]\nshare = true\n", encoding="utf-8")  # fmt: skip
    return path


def three_members(root: Path) -> list[Path]:
    """Ana (the sample), Bruno (knows Ana, and Zé Alvo at Halcyon Maps Lisbon, whom Ana does not
    know; knows Rafaela Duarte of the sample by her profile) and Carla (knows Bruno by e-mail)."""
    ana = sample_member(root / "ana")
    bruno = member_folder(root / "bruno", "Bruno Gen", "bruno.gen@example.org", 1, extra=[
        {"id": "b-ana", "name": "Ana S.", "email": "ana.sample@example.org", "relationship": "friend", "strength": "4"},
        {"id": "b-ze", "name": "Zé Alvo", "company": "Halcyon Maps", "office": "Lisbon", "title": "VP Engineering",
         "relationship": "former_colleague", "strength": "5", "last_contact": "2026-10-01"},
        {"id": "b-rafaela", "name": "Rafaela D.", "company": "Halcyon Maps",
         "linkedin_url": "https://www.linkedin.com/in/rafaela-duarte/", "relationship": "colleague", "strength": "3"},
    ])  # fmt: skip
    carla = member_folder(root / "carla", "Carla Gen", "carla.gen@example.org", 2, extra=[
        {"id": "c-bruno", "name": "Bruno G", "email": "bruno.gen@example.org", "relationship": "friend",
         "strength": "5"},
    ])  # fmt: skip
    return [ana, bruno, carla]


@pytest.fixture
def members(tmp_path: Path) -> list[Path]:
    return three_members(tmp_path / "members")


@pytest.fixture
def pooled(members: list[Path], tmp_path: Path) -> Path:
    build_pool(members, tmp_path / "club")
    return tmp_path / "club"


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_pool_three_members_cli(runner, members, tmp_path):
    """Three folders pool into one; the summary goes to stderr, stdout stays empty."""
    out = tmp_path / "club"
    result = runner.invoke(cli, ["pool", *map(str, members), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Pooled 3 members (Ana Sample, Bruno Gen, Carla Gen) into {out}: ")
    people = read_csv(out / "contacts.csv")
    assert last.endswith(f"{len(people)} people, {len(read_csv(out / 'ties.csv'))} ties, "
                         f"{len(read_csv(out / 'introductions.csv'))} introductions")  # fmt: skip
    assert sorted(p["name"] for p in people if p["pool_member"] == "yes") == ["Ana Sample", "Bruno Gen", "Carla Gen"]
    assert [p["id"] for p in people] == [f"p{i}" for i in range(1, len(people) + 1)]  # fresh ids, never e-mails


def test_member_without_consent_is_refused_by_name(runner, members, tmp_path):
    """A folder whose netmap.toml has no [pool] share = true stops the pool before anything is written."""
    dora = member_folder(tmp_path / "members" / "dora", "Dora", "dora@example.org", 3, share=None)
    out = tmp_path / "club"
    result = runner.invoke(cli, ["pool", *map(str, members), str(dora), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {dora}: not shared with the pool - its owner adds [pool] share = true to "
                             f"{dora / 'netmap.toml'} to join\n")  # fmt: skip
    assert not out.exists()


def test_share_false_and_no_config_are_refused(tmp_path, members):
    no = member_folder(tmp_path / "no", "No", "no@example.org", 4, share="false")
    with pytest.raises(ConfigError, match="^" + str(no) + ": not shared with the pool"):
        build_pool([members[0], no], tmp_path / "club")
    (no / "netmap.toml").unlink()
    with pytest.raises(ConfigError, match="not shared with the pool"):
        build_pool([no], tmp_path / "club")


def test_same_person_is_one_person_and_ties_keep_whose(pooled):
    """Bruno knows Ana by her e-mail and Rafaela (in Ana's folder) by her profile: one person each."""
    people = {p["id"]: p for p in read_csv(pooled / "contacts.csv")}
    ties = read_csv(pooled / "ties.csv")
    by_name = {p["name"]: i for i, p in people.items()}
    ana, bruno, carla = by_name["Ana Sample"], by_name["Bruno Gen"], by_name["Carla Gen"]
    assert "Ana S." not in by_name and "Rafaela D." not in by_name and "Bruno G" not in by_name
    rafaela = by_name["Rafaela Duarte"]
    assert [p["name"] for p in people.values()].count("Rafaela Duarte") == 1
    assert {(t["member"], t["relationship"]) for t in ties if t["person"] == rafaela} == {(bruno, "colleague")}
    assert {(t["member"], t["relationship"], t["strength"]) for t in ties if t["person"] == ana} == \
        {(bruno, "friend", "4")}  # fmt: skip
    assert {t["member"] for t in ties if t["person"] == bruno} == {carla}


def test_paths_as_member_go_through_another_member(pooled):
    """Ana does not know Zé Alvo; Bruno, from her pool, does."""
    pool = load_pool(pooled)
    G = member_graph(pool, "ana sample", today=TODAY)
    rows = rank_paths(G, "Halcyon Maps", office="Lisbon", top=50)
    ze = next(r for r in rows if r.name == "Zé Alvo")
    assert ze.names == ["You", "Bruno Gen", "Zé Alvo"]
    assert ze.hop_details[0].evidence == ["you know Bruno Gen from your pool (no last contact)"]
    # Bruno's own tie is a tie he has, not an introduction to Ana, and nothing about it is pending
    (bruno_knows,) = ze.hop_details[1].evidence
    assert bruno_knows.startswith("Bruno Gen knows Zé Alvo (") and "referred" not in bruno_knows
    assert suggest(G, ze.hop_details[1]) is None
    # Bruno sees the same person as his own direct tie
    bruno_rows = rank_paths(member_graph(pool, "Bruno Gen", today=TODAY), "Halcyon Maps", office="Lisbon", top=50)
    assert next(r for r in bruno_rows if r.name == "Zé Alvo").names == ["You", "Zé Alvo"]


def test_member_view_of_a_pool_of_one_is_the_members_own_network(tmp_path):
    """Pooled alone, a member ranks exactly as in their own folder: the same core, the same scores."""
    from netmap import build_graph, load_dataset

    ana = sample_member(tmp_path / "ana")
    build_pool([ana], tmp_path / "alone")
    own = rank_paths(build_graph(load_dataset(ana), today=TODAY), "Halcyon Maps", office="Lisbon", top=30)
    pooled = rank_paths(member_graph(load_pool(tmp_path / "alone"), "Ana Sample", today=TODAY), "Halcyon Maps",
                        office="Lisbon", top=30)  # fmt: skip
    assert [(r.name, r.names, r.score) for r in pooled] == [(r.name, r.names, r.score) for r in own]


def test_nothing_unshared_appears_in_any_output(pooled, members, runner, tmp_path):
    """Every private value of the members (e-mails, phones, notes, tags, profiles, hand-written columns)
    is absent from every file of the pool and from paths, explain and batch output."""
    secrets = list(SECRETS)
    for row in read_csv(members[0] / "contacts.csv"):  # the sample: Ana shared none of these
        secrets += [row[c] for c in ("email", "linkedin_url", "notes", "phone", "tags") if row.get(c)]
    secrets += [r["notes"] for r in read_csv(members[0] / "introductions.csv") if r["notes"]]
    secrets += ["ana.sample@example.org", "bruno.gen@example.org", "carla.gen@example.org"]
    outputs = {p.name: p.read_text(encoding="utf-8") for p in pooled.iterdir()}
    pool = load_pool(pooled)
    for member in ("Ana Sample", "Bruno Gen", "Carla Gen"):
        G = member_graph(pool, member, today=TODAY)
        for company in ("Halcyon Maps", "Globex"):
            outputs[f"{member} {company}"] = repr([r.as_row() for r in rank_paths(G, company, top=None)])
        outputs[f"{member} explain"] = repr(explain(G, "Zé Alvo", company="Halcyon Maps"))
        outputs[f"{member} view"] = repr(member_view(pool, member))
    (tmp_path / "m.csv").write_text("member\nAna Sample\nBruno Gen\nCarla Gen\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("company\nHalcyon Maps\nGlobex\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", "--data", str(pooled), "--members", str(tmp_path / "m.csv"),
                                 "--targets", str(tmp_path / "t.csv"), "--today", "2026-11-27",
                                 "-o", str(tmp_path / "b.csv")])  # fmt: skip
    assert result.exit_code == 0, result.output
    outputs["batch"] = (tmp_path / "b.csv").read_text(encoding="utf-8") + result.output
    leaks = [(name, s) for name, text in outputs.items() for s in secrets if s.strip() and s in text]
    assert leaks == []
    assert len(secrets) > 100


def test_listed_columns_are_shared(tmp_path, members):
    """A member who lists e-mail in [pool] columns shares their contacts' e-mails, and only theirs."""
    dora = member_folder(tmp_path / "dora", "Dora", "dora@example.org", 5, columns=("email",))
    build_pool([members[1], dora], tmp_path / "club")
    text = (tmp_path / "club" / "contacts.csv").read_text(encoding="utf-8")
    assert "secret.contact5.0@example.org" in text  # Dora's contact, shared
    assert "secret.contact1.0@" not in text  # Bruno's, not shared
    assert "secret-note-5" not in text and "dora@example.org" in text


def test_member_warmth_from_the_pools_netmap_toml(pooled):
    pool = load_pool(pooled)
    assert pool.weights.relationship["pool_member"] == 0.5
    config = pooled / "netmap.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("member_warmth = 0.5", "member_warmth = 0.8"),
                      encoding="utf-8")  # fmt: skip
    G = member_graph(load_pool(pooled), "Ana Sample", today=TODAY)
    bruno = next(n for n, d in G.nodes(data=True) if d.get("name") == "Bruno Gen")
    assert G["me"][bruno]["warmth"] == pytest.approx(0.8 * 0.7)  # no date: unknown recency 0.7
    config.write_text("[pool]\npooled = true\nmember_warmth = 2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pool.member_warmth: must be a number above 0 up to 1, got 2"):
        load_pool(pooled)


def test_weights_above_the_pool_section_survive_pooling_again(pooled, members):
    config = pooled / "netmap.toml"
    config.write_text("half_life_days = 200\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    build_pool(members, pooled)
    assert load_pool(pooled).weights.half_life_days == 200


def test_pool_never_writes_over_a_data_folder(runner, members, tmp_path):
    result = runner.invoke(cli, ["pool", str(members[0]), str(members[1]), "-o", str(members[0])])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {members[0]}: is a member's folder - write the pool to a new folder with -o\n"
    other = tmp_path / "mine"
    shutil.copytree(SAMPLE, other, ignore=shutil.ignore_patterns("exports"))
    result = runner.invoke(cli, ["pool", str(members[1]), "-o", str(other)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {other}: already holds a data folder that is not a pool - choose an empty folder\n"


def test_unknown_member_lists_the_members(pooled):
    with pytest.raises(NotFoundError) as err:
        member_view(load_pool(pooled), "Dora")
    assert str(err.value) == f"'Dora' is not a member of the pool {pooled} - members: Ana Sample, Bruno Gen, Carla Gen"


def test_the_pool_is_a_data_folder_netmap_check_reads(runner, pooled):
    result = runner.invoke(cli, ["check", "--data", str(pooled)])
    assert result.exit_code == 0, result.output
