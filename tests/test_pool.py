"""netmap pool: consent, one person per identity, only what was shared, paths from a member."""

from __future__ import annotations

import csv
import json
import random
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from netmap.cli import cli
from netmap.errors import ConfigError, NotFoundError
from netmap.paths import describe_path, suggest
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
    assert suggest(G, ze.hop_details[0]) == ("Bruno Gen is your tie only through the pool: add them to your own "
                                             "contacts.csv (strength, last_contact) and pool again to make this "
                                             "hop precise")  # fmt: skip
    # Bruno's own tie is a tie he has, not an introduction to Ana, and nothing about it is pending
    (bruno_knows,) = ze.hop_details[1].evidence
    assert bruno_knows.startswith("Bruno Gen knows Zé Alvo (") and "referred" not in bruno_knows
    assert suggest(G, ze.hop_details[1]) is None
    # Bruno sees the same person as his own direct tie
    bruno_rows = rank_paths(member_graph(pool, "Bruno Gen", today=TODAY), "Halcyon Maps", office="Lisbon", top=50)
    assert next(r for r in bruno_rows if r.name == "Zé Alvo").names == ["You", "Zé Alvo"]


def test_explain_as_member_words_another_members_introductions_as_theirs(runner, pooled):
    """Bruno's second path to Inês runs over Ana's introductions: they read as introductions made to
    Ana, with the status Ana recorded (met, not suggested), and suggest nothing for Bruno to do."""
    result = runner.invoke(cli, ["explain", "--data", str(pooled), "--as", "Bruno Gen", "Inês Carvalho",
                                 "--company", "Halcyon Maps", "--office", "Lisbon", "--max-hops", "4",
                                 "--today", "2026-11-27"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.split("\n\n")[2] == (
        "2. You > Ana Sample > Beatriz Santos > Afonso Pires > Inês Carvalho\n"
        "   score 0.087 = path warmth 0.097 x fit 0.90 (head x0.9, in the office x1)\n"
        "   you -> Ana Sample: 0.49 (direct)\n"
        "      - you know Ana Sample (friend, strength 4, no last contact)\n"
        "      + no last contact recorded for Ana Sample: add last_contact to make this hop precise\n"
        "   Ana Sample -> Beatriz Santos: 0.64 (introduction)\n"
        "      - Ana Sample knows Beatriz Santos (last contact 2026-09-05, strength 4)\n"
        "   Beatriz Santos -> Afonso Pires: 0.64 (introduction)\n"
        "      - Beatriz Santos referred Ana Sample to Afonso Pires (met, 2026-09-12, strength 4)\n"
        "   Afonso Pires -> Inês Carvalho: 0.48 (introduction)\n"
        "      - Afonso Pires referred Ana Sample to Inês Carvalho (suggested, 2026-10-21, strength 3)"
    )
    assert "referred you" not in result.output
    # Ana asks about the same person: her own introduction, in her words
    own = runner.invoke(cli, ["explain", "--data", str(pooled), "--as", "Ana Sample", "Afonso Pires",
                              "--today", "2026-11-27"])  # fmt: skip
    assert own.exit_code == 0, own.output
    assert "      - Beatriz Santos put you in touch with Afonso Pires (met, 2026-09-12)\n" in own.output


def test_paths_as_member_evidence_names_whose_introduction(runner, pooled):
    """paths --as (JSON): the member-to-member tie is from the pool, another member's tie is theirs,
    another member's introduction was made to them; no hop suggests anything to the viewer."""
    result = runner.invoke(cli, ["paths", "--data", str(pooled), "--as", "Carla Gen", "--company", "Vireo Climate",
                                 "--today", "2026-11-27", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    afonso = next(r for r in json.loads(result.stdout) if r["name"] == "Afonso Pires")
    assert afonso["path"] == ["You", "Ana Sample", "Beatriz Santos", "Afonso Pires"]
    assert afonso["reasons"] == [
        "you know Ana Sample from your pool (no last contact) [0.35]",
        "Ana Sample knows Beatriz Santos (last contact 2026-09-05, strength 4) [0.64]",
        "Beatriz Santos referred Ana Sample to Afonso Pires (met, 2026-09-12, strength 4) [0.64]",
        "fit: staff x0.7",
    ]
    assert [h["suggestion"] for h in afonso["hops_detail"]] == [None, None, None]


def map_page_data(html: str) -> dict:
    """The data a map page draws (its netmap-data script)."""
    found = re.search(r'<script type="application/json" id="netmap-data">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_map_as_member_shows_another_members_introduction_as_theirs_and_not_pending(runner, pooled, tmp_path):
    """map --as: the panel words Ana's introduction as made to Ana, and the tie it records is drawn
    solid (Ana met Afonso: nothing is pending, for Carla least of all)."""
    out = tmp_path / "carla.html"
    result = runner.invoke(cli, ["map", "--data", str(pooled), "--as", "Carla Gen", "--company", "Vireo Climate",
                                 "--top", "20", "--today", "2026-11-27", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = map_page_data(out.read_text(encoding="utf-8"))
    row = next(p for p in data["paths"] if p["names"][-1] == "Afonso Pires")
    assert (
        row["reasons"][2] == "Beatriz Santos referred Ana Sample to Afonso Pires (met, 2026-09-12, strength 4) [0.64]"
    )
    panel = data["explain"][row["ids"][-1]]
    assert "      - Beatriz Santos referred Ana Sample to Afonso Pires (met, 2026-09-12, strength 4)" in panel
    assert not [line for line in panel if "referred you" in line or line.lstrip().startswith("+")]
    ids = {n["id"]: n["label"] for n in data["nodes"]}
    (tie,) = [e for e in data["edges"] if {ids[e["from"]], ids[e["to"]]} == {"Beatriz Santos", "Afonso Pires"}]
    assert tie["why"] == "warmth 0.64 (introduction)" and "style" not in tie


def test_another_members_declined_introduction_and_own_reach_out(members, tmp_path):
    """A declined introduction of Ana's penalises Bruno's hop as before and says whose it was; an
    introduction Bruno recorded as reaching out himself ("me" in his folder) reads so to Ana."""
    with open(members[1] / "introductions.csv", "a", newline="", encoding="utf-8") as f:
        csv.writer(f).writerow(("me", "b-ze", "2026-10-02", "made", "5", ""))
    build_pool(members, tmp_path / "club")
    pool = load_pool(tmp_path / "club")
    bruno = member_graph(pool, "Bruno Gen", today=TODAY)
    node = {d["name"]: n for n, d in bruno.nodes(data=True) if d.get("name")}
    (hop,) = describe_path(bruno, [node["Chloé Richard"], node["Ji-woo Choi"]])
    assert hop.evidence == ["Chloé Richard referred Ana Sample to Ji-woo Choi (declined, 2022-04-27, strength 1)"]
    assert suggest(bruno, hop) == (
        "Chloé Richard's introduction of Ana Sample to Ji-woo Choi was declined (2022-04-27): this hop is "
        "penalised x0.5; another introducer may be warmer"
    )
    ana = member_graph(pool, "Ana Sample", today=TODAY)
    node = {d["name"]: n for n, d in ana.nodes(data=True) if d.get("name")}
    (hop,) = describe_path(ana, [node["Bruno Gen"], node["Zé Alvo"]])
    assert hop.evidence == ["Bruno Gen reached out to Zé Alvo (made, 2026-10-02, strength 5)",
                            "Bruno Gen knows Zé Alvo (last contact 2026-10-01, strength 5)"]  # fmt: skip
    assert suggest(ana, hop) is None


def test_another_members_introductions_score_as_before_their_status_kept_its_word(pooled):
    """Another member's made, met and thanked introductions score as suggested ones, requested as
    requested (no one introduced you): the same ties and warmths as the plain statuses give."""
    from dataclasses import replace

    import numpy as np

    from netmap.fastpath import ColumnNetwork
    from netmap.pool import member_network

    pool = load_pool(pooled)
    view = member_view(pool, "Bruno Gen")
    scored_as = {"member:made": "suggested", "member:met": "suggested", "member:thanked": "suggested",
                 "member:suggested": "suggested", "member:requested": "requested"}  # fmt: skip
    assert set(scored_as) <= {i.status for i in view.introductions}
    plain = replace(view, introductions=[replace(i, status=scored_as.get(i.status, i.status))
                                         for i in view.introductions])  # fmt: skip
    ours, before = member_network(pool, "Bruno Gen", TODAY), ColumnNetwork.from_dataset(plain, pool.weights, TODAY)
    for column in ("pair_key", "pair_warmth", "pair_bonus", "piece_w"):
        np.testing.assert_array_equal(getattr(ours, column), getattr(before, column))


def test_member_network_is_the_columns_of_member_view(pooled):
    """Each member's columns (taken from the pool's, made once) are exactly what the columns of their
    member_view give, plus whose record each introduction is; a person tied twice by a member is
    tied as the last row says."""
    import numpy as np
    import pyarrow as pa

    from netmap.fastpath import ColumnNetwork
    from netmap.pool import member_network

    with open(pooled / "ties.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    first = rows[0]
    with open(pooled / "ties.csv", "a", newline="", encoding="utf-8") as f:  # the same tie again, rated anew
        csv.writer(f).writerow([first["member"], first["person"], "friend", "1", "", "2026-11-01", ""])
    pool = load_pool(pooled)
    seen = {c.id: c for c in member_view(pool, first["member"]).contacts}[first["person"]]
    assert (seen.relationship, seen.strength, seen.last_contact) == ("friend", 1, date(2026, 11, 1))
    names = {m: pool.member_name(m) for m in pool.members}
    for member in pool.members:
        view = member_view(pool, member)
        ours, plain = member_network(pool, member, TODAY), ColumnNetwork.from_dataset(view, pool.weights, TODAY)
        whose = [i.extra.get("member", "") for i in view.introductions]
        recorded_by = pa.array(["" if w == member else names.get(w, "") for w in whose], pa.string())
        assert ours.contacts.equals(plain.contacts)
        assert ours.intros.equals(plain.intros.append_column("recorded_by", recorded_by))
        assert vars(ours).keys() == vars(plain).keys()
        for key, value in vars(plain).items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(getattr(ours, key), value, err_msg=key)


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


def test_map_referrals_as_member_draws_that_members_own_referrals(runner, pooled, tmp_path):
    """map --referrals --as: who gave *this member* whose name, not the whole pool's referrals."""
    labels = {}
    for member in ("Ana Sample", "Bruno Gen"):
        out = tmp_path / f"{member}.html"
        result = runner.invoke(cli, ["map", "--data", str(pooled), "--as", member, "--referrals", "--today",
                                     "2026-11-27", "-o", str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
        labels[member] = {n["label"] for n in map_page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert {"Beatriz Santos", "Afonso Pires", "Inês Carvalho"} <= labels["Ana Sample"]  # the sample's chain
    assert not {"Afonso Pires", "Inês Carvalho"} & labels["Bruno Gen"]
    assert labels["Ana Sample"] != labels["Bruno Gen"]
