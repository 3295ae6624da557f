"""The one person resolver: ids, names without case or accents, unique first names, candidates."""

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from netmap.cli import cli
from netmap.errors import NotFoundError
from netmap.people import Person, PersonResolver, search_key

PEOPLE = [
    Person("ines", "Inês Carvalho", "Halcyon Maps", "Head of Data"),
    Person("zoe", "Zoë Müller", "Halcyon Maps", "Senior Data Engineer"),
    Person("ana1", "Ana Lima", "Acme", "Engineer", 4),
    Person("ana2", "Ana Lima", "Globex", "", 5),
    Person("bo", "Bo Chen"),
    Person("bob", "Bo Reyes"),
]


@pytest.fixture
def people():
    return PersonResolver(PEOPLE)


@pytest.mark.parametrize("text", ["ines", "Inês Carvalho", "ines carvalho", "INES CARVALHO", "  inês   carvalho "])
def test_names_resolve_regardless_of_case_accents_and_spaces(people, text):
    assert people.resolve(text) == "ines"


def test_a_unique_first_name_finds_the_person(people):
    assert people.resolve("Zoe") == "zoe"
    assert people.resolve("zoë") == "zoe"


def test_first_names_are_not_used_where_the_caller_says_so(people):
    found, message, _ = people.find("Zoe", first_name=False)
    assert (found, message) == (None, "'Zoe' matches no id or name in contacts.csv")


def test_a_shared_first_name_lists_the_candidates(people):
    with pytest.raises(NotFoundError) as err:
        people.resolve("Bo")
    assert str(err.value) == (
        "'Bo' is ambiguous: 2 people are called 'Bo': 'bo', 'bob' - write the id instead of the name"
    )


def test_namesakes_are_listed_with_id_title_company_and_line(people):
    with pytest.raises(NotFoundError) as err:
        people.resolve("ana lima")
    assert str(err.value) == (
        "'ana lima' is ambiguous: 2 people have that name: 'ana1' (Engineer at Acme, line 4), "
        "'ana2' (Globex, line 5) - write the id instead of the name"
    )


def test_did_you_mean_only_for_close_spellings(people):
    assert people.find("Ines Carvalo")[2] == "did you mean 'Inês Carvalho'? If not, add them to contacts.csv"
    assert people.find("Quentin Blake")[2] == "add them to contacts.csv, or fix the spelling (you are 'me')"


def test_me_and_ids(people):
    assert people.resolve("ME") == "me"
    assert people.resolve("ana2") == "ana2"


def test_search_keys_hold_name_words_and_ids(people):
    keys = people.search_keys()
    assert keys["ines carvalho"] == ["ines"]
    assert keys["zoe"] == ["zoe"]
    assert keys["muller"] == ["zoe"]
    assert keys["ana lima"] == ["ana1", "ana2"]


def test_search_key_folds_case_accents_and_spaces():
    assert search_key("\tZOË  Müller ") == "zoe muller"


@pytest.mark.parametrize("text", ["ines carvalho", "INES CARVALHO"])
def test_explain_finds_ines_on_the_sample(text):
    result = CliRunner().invoke(cli, ["explain", text, "--data", "sample_data", "--today", "2026-11-15"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Inês Carvalho")


def test_mutual_finds_zoe_by_first_name_on_the_sample():
    result = CliRunner().invoke(cli, ["mutual", "Zoe", "ines carvalho", "--data", "sample_data",
                                       "--today", "2026-11-15", "--format", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("person_id,name,title,company,warmth_a,warmth_b,through")


def _suggestions_by_every_ratio(resolver, text, n=3):
    """What suggest() gave before its pre-filter: every person's ratio, worked out in full."""
    import difflib

    key = search_key(text)
    words = set(key.split())
    scored = []
    for p in resolver.people.values():
        name_key = search_key(p.name)
        if words and words <= set(name_key.split()):
            score = 1.0
        else:
            score = max(difflib.SequenceMatcher(None, key, name_key).ratio(),
                        difflib.SequenceMatcher(None, key, p.id.casefold()).ratio())  # fmt: skip
        if score >= 0.7:
            scored.append((score, p.name, p.id))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    shared = {p.name: sum(search_key(q.name) == search_key(p.name) for q in resolver.people.values()) > 1
              for p in resolver.people.values()}  # fmt: skip
    return [f"'{pid}' ({name})" if shared[name] else f"'{name}'" for _, name, pid in scored[:n]]


CROWD = PEOPLE + [
    Person("p0032698", "Arjun Romero"),
    Person("p0032609", "Anaïs Horvat"),
    Person("p0033269", "Carla Herrera"),
    Person("arjun-r", "Arjun Romero"),
    Person("a.romer", "Arjuna Romer"),
    Person("x", ""),
    Person("ines-c", "Ines Carvalhosa"),
]


@pytest.mark.parametrize(
    "text",
    ["Arjun Romeor", "Arjun", "p003269", "p0032689", "Ines Carvalo", "ines-", "Ana Lma", "Zoe Muler", "Bo", "Zzyzx",
     "", "arjun-romero", "Carla", "ROMERO ARJUN"],
)  # fmt: skip
def test_suggestions_are_those_of_every_ratio(text):
    """The pre-filter only skips people whose ratio is below the cutoff: the same suggestions, same order."""
    crowd = PersonResolver(CROWD)
    assert crowd.suggest(text) == _suggestions_by_every_ratio(crowd, text)
    assert crowd.suggest(text, n=10) == _suggestions_by_every_ratio(crowd, text, n=10)


def test_suggestions_for_a_typo_among_namesakes_list_ids():
    crowd = PersonResolver(CROWD)
    assert crowd.suggest("Arjun Romeor") == ["'arjun-r' (Arjun Romero)", "'p0032698' (Arjun Romero)", "'Arjuna Romer'"]


names = st.text(alphabet="abcé -0", max_size=9)


@given(st.lists(st.tuples(names, names), max_size=12), names)
def test_suggestions_equal_every_ratio_on_any_names(rows, text):
    """Any names and ids, any text: suggest() gives what the full comparison gives."""
    crowd = PersonResolver(Person(pid or "-", name) for pid, name in rows)
    assert crowd.suggest(text, n=5) == _suggestions_by_every_ratio(crowd, text, n=5)
