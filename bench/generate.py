"""Generate a realistic synthetic network in netmap's data format, fast and deterministic.

    python bench/generate.py --people 30000 --seed 1 --out bench/data/n30000

writes ``contacts.csv``, ``introductions.csv`` and ``meta.json`` (sizes, the seed, the
``today`` the dates are relative to, and the well-known target: the largest company and
its largest office, also printed on stdout).

The network (all numpy, vectorised; the same seed gives byte-identical files):

- companies with Zipf sizes (exponent 1, about one company per 25 people), each with
  several offices (more for bigger companies, people spread over them by Zipf); a few
  rows spell the company with a legal suffix ("Company 0001, Inc."), 4% have none;
- titles by seniority and department, schools (Zipf), past employers for ~45%;
- ties between people are ``introductions.csv`` rows (``referrer,contact``), status
  ``suggested``, dated, often with a strength:
  colleague clusters (teams of 8 within an office), cross-company friendships drawn by
  a heavy-tailed sociability (preferential attachment), former colleagues (someone at a
  past employer) and classmates (same school);
- the user's own ties: ~5% of people at 30k, growing slowly to ~2,800 at 1M (like a real
  person), chosen by sociability, rarely at the largest company (the user is outside it
  and wants in); each with a relationship, usually a strength and a last-contact date;
- a few hundred real introductions by the user's contacts (made, met, thanked,
  declined, no_response, requested), a third of them into the target company.

Shared company, office, past company and school ties are not written: netmap infers
them from the contact columns.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

FIRST = (
    "Ana Bo Carla Dmitri Elif Femi Grace Hiro Ines Jonas Kofi Lena Marta Noah Olga Pavel Quinn "
    "Rosa Sami Tara Umar Vera Wei Ximena Yusuf Zoe Aiko Bruno Chloe Diego Emma Farid Gita Hugo "
    "Ivy Jamal "
    "Kai Lucia Mateo Nadia Omar Priya Rafael Sofia Tomas Uma Viktor Wanda Yara Zane Amir Beatriz "
    "Camille Daniel Esther Felix Hana Ismail Julia Kenji Laila Miguel Nora Oscar Paula Ravi Sara "
    "Theo Valentina William José Zoë Łukasz Søren Anaïs Chiara Malik Ingrid Tobias Mei Arjun Leila"
).split()
LAST = (
    "Lima Berg Costa Novak Yilmaz Adeyemi Okafor Tanaka Moreau Schmidt Mensah Fischer Rossi Cohen "
    "Ivanova Kowalski Murphy Silva Haddad Patel Khan Petrova Zhang Garcia Demir Hughes Sato "
    "Almeida "
    "Dubois Lopez Brown Rahman Sharma Weber Nguyen Ali Romano Suzuki Martin Ortiz Bianchi Kim Park "
    "Jensen Larsen Hansen Nielsen Eriksson Lindqvist Virtanen Horvat Popescu Nagy Dvorak Mazur "
    "Georgiou Papadopoulos Kaya Ozturk Mwangi Banda Diallo Traore Mendes Ferreira Castro Ruiz "
    "Navarro Vargas Rojas Herrera Medina Flores Reyes Morales Jimenez Alvarez Romero Torres Wright "
    "Walker Young King Scott Green Baker Adams Nelson Carter Mitchell Roberts Turner Phillips Evans"
).split()
CITIES = (
    "London", "Berlin", "New York", "San Francisco", "Austin", "Toronto", "Paris", "Amsterdam",
    "Dublin", "Madrid", "Lisbon", "Warsaw", "Stockholm", "Zurich", "Munich", "Singapore",
    "Tokyo", "Sydney", "Bangalore", "São Paulo", "Mexico City", "Chicago", "Boston", "Seattle",
    "Denver", "Atlanta", "Vancouver", "Tel Aviv", "Nairobi", "Cape Town",
)  # fmt: skip
DEPTS = (
    # department, individual role, C-level title
    ("Engineering", "Software Engineer", "Chief Technology Officer"),
    ("Sales", "Account Executive", "Chief Revenue Officer"),
    ("Marketing", "Marketing Specialist", "Chief Marketing Officer"),
    ("Product", "Product Designer", "Chief Product Officer"),
    ("Data", "Data Scientist", "Chief Data Officer"),
    ("Finance", "Financial Analyst", "Chief Financial Officer"),
    ("Operations", "Operations Analyst", "Chief Operating Officer"),
    ("People", "Recruiter", "Chief People Officer"),
    ("Legal", "Counsel", "Chief Legal Officer"),
    ("Support", "Support Specialist", "Chief Customer Officer"),
)
LEVELS = (
    # level, share of people, title template
    ("intern", 0.03, "{dept} Intern"),
    ("junior", 0.12, "Junior {role}"),
    ("mid", 0.36, "{role}"),
    ("senior", 0.22, "Senior {role}"),
    ("staff", 0.05, "Staff {role}"),
    ("manager", 0.10, "{dept} Manager"),
    ("director", 0.06, "Director of {dept}"),
    ("head", 0.025, "Head of {dept}"),
    ("vp", 0.02, "VP {dept}"),
    ("c_level", 0.005, "{chief}"),
)
RELATIONSHIPS = {
    "friend": 0.22, "colleague": 0.10, "former_colleague": 0.20, "classmate": 0.12,
    "acquaintance": 0.20, "family": 0.03, "alumni": 0.05, "recruiter": 0.03, "neighbor": 0.02,
    "teacher": 0.01, "other": 0.02,
}  # fmt: skip
REAL_STATUSES = {
    "made": 0.2,
    "met": 0.3,
    "thanked": 0.15,
    "declined": 0.1,
    "no_response": 0.15,
    "requested": 0.1,
}


def zipf_p(n: int, exponent: float = 1.0) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1) ** exponent
    return p / p.sum()


def make_ids(n: int, width: int = 7) -> pa.Array:
    """``p0000001`` ... as a string array, built from digit bytes (no Python per row)."""
    numbers = np.arange(1, n + 1, dtype=np.int64)
    digits = (numbers[:, None] // 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)) % 10 + 48
    raw = np.empty((n, width + 1), dtype=np.uint8)
    raw[:, 0] = ord("p")
    raw[:, 1:] = digits
    return pa.array(raw.view(f"S{width + 1}").ravel()).cast(pa.string())


def masked(values: pa.Array, keep: np.ndarray) -> pa.Array:
    """``values`` with null (written as an empty cell) where ``keep`` is False."""
    return pc.if_else(pa.array(keep), values, pa.nulls(len(values), values.type))


def pick_within(starts: np.ndarray, sizes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One uniform position in ``[start, start + size)`` per element (size > 0)."""
    return starts + (rng.random(len(starts)) * sizes).astype(np.int64)


def weighted_sample(weights: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """``k`` distinct indices drawn with probability proportional to ``weights`` (Gumbel top-k)."""
    keys = np.log(weights) - np.log(-np.log(rng.random(len(weights))))
    return np.argpartition(-keys, k - 1)[:k]


def days_ago(today: date, ages: np.ndarray) -> pa.Array:
    epoch = np.datetime64(today.isoformat(), "D")
    return pa.array(epoch - ages.astype("timedelta64[D]"))


def sizes_for(n: int) -> dict[str, float]:
    """Ties per person grow slowly with the network: ~4.3 at 30k people, ~5 at 1M."""
    scale = float(np.clip(np.log10(max(n, 1) / 30_000) / np.log10(1_000_000 / 30_000), -1, 2))
    grow = 1 + 0.165 * scale
    return {
        "colleague": 2.6 * grow,
        "friend": 1.35 * grow,
        "former": 0.4 * grow,
        "school": 0.45 * grow,
        "direct": min(0.05 * n, 1500 * (n / 30_000) ** 0.18) if n >= 30_000 else 0.05 * n,
    }


def generate(n: int, seed: int, today: date) -> tuple[pa.Table, pa.Table, dict]:
    rng = np.random.default_rng(seed)
    plan = sizes_for(n)

    # --- people: companies, offices, titles, schools, past employers -------------------
    n_comp = max(5, n // 25)
    width = max(4, len(str(n_comp)))
    comp_names = pa.array([f"Company {k + 1:0{width}d}" for k in range(n_comp)])
    company = rng.choice(n_comp, n, p=zipf_p(n_comp))
    employed = rng.random(n) >= 0.04
    comp_size = np.bincount(company[employed], minlength=n_comp)
    n_off = np.clip(1 + comp_size // 250, 1, 10)
    office_rank = rng.choice(10, n, p=zipf_p(10, 1.2)) % n_off[company]
    city_offset = rng.integers(0, len(CITIES), n_comp)
    city = (city_offset[company] + office_rank * 7) % len(CITIES)
    has_office = employed & (rng.random(n) >= 0.08)

    dept = rng.choice(len(DEPTS), n, p=zipf_p(len(DEPTS), 0.7))
    shares = np.array([s for _, s, _ in LEVELS])
    level = rng.choice(len(LEVELS), n, p=shares / shares.sum())
    titles = pa.array([tpl.format(dept=d, role=r, chief=c) for _, _, tpl in LEVELS for d, r, c in DEPTS])
    title = titles.take(pa.array(level * len(DEPTS) + dept))

    n_school = max(20, int(300 * (n / 30_000) ** 0.5))
    school = rng.choice(n_school, n, p=zipf_p(n_school))
    has_school = rng.random(n) < 0.62
    school_names = pa.array([f"University {k + 1:0{len(str(n_school))}d}" for k in range(n_school)])

    n_past = rng.choice(3, n, p=[0.55, 0.33, 0.12])
    past1 = rng.choice(n_comp, n, p=zipf_p(n_comp))
    past2 = rng.choice(n_comp, n, p=zipf_p(n_comp))

    first = rng.integers(0, len(FIRST), n)
    last = rng.integers(0, len(LAST), n)
    sociability = rng.pareto(2.2, n) + 1.0

    # --- ties between people: introductions rows -----------------------------------------
    # colleague clusters: teams of 8 within (company, office)
    group = np.where(employed, company * 10 + office_rank, -1)
    order = np.lexsort((rng.random(n), group))
    g_sorted = group[order]
    new_group = np.r_[True, g_sorted[1:] != g_sorted[:-1]]
    g_start = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
    g_end = np.r_[np.flatnonzero(new_group)[1:], n]
    g_end = g_end[np.cumsum(new_group) - 1]
    pos = np.arange(n)
    t_start = g_start + ((pos - g_start) // 8) * 8
    t_size = np.minimum(8, g_end - t_start)
    able = (g_sorted >= 0) & (t_size > 1)
    k = rng.poisson(plan["colleague"], n) * able
    src = np.repeat(pos, k)
    dst = pick_within(t_start[src], t_size[src], rng)
    keep = src != dst
    col_a, col_b = order[src[keep]], order[dst[keep]]

    # cross-company friendships by sociability
    m = int(plan["friend"] * n)
    p_social = sociability / sociability.sum()
    fr_a, fr_b = rng.choice(n, m, p=p_social), rng.choice(n, m, p=p_social)
    keep = fr_a != fr_b
    fr_a, fr_b = fr_a[keep], fr_b[keep]

    # former colleagues: someone currently at one's past employer
    by_comp = np.argsort(np.where(employed, company, n_comp), kind="stable")
    c_start = np.r_[0, np.cumsum(comp_size)][:-1]
    who = np.flatnonzero((n_past > 0) & (rng.random(n) < min(1.0, plan["former"] / 0.45)))
    who = who[comp_size[past1[who]] > 0]
    fo_a, fo_b = who, by_comp[pick_within(c_start[past1[who]], comp_size[past1[who]], rng)]

    # classmates
    s_size = np.bincount(school[has_school], minlength=n_school)
    by_school = np.argsort(np.where(has_school, school, n_school), kind="stable")
    s_start = np.r_[0, np.cumsum(s_size)][:-1]
    who = np.flatnonzero(has_school & (rng.random(n) < min(1.0, plan["school"] / 0.62)))
    cl_a, cl_b = who, by_school[pick_within(s_start[school[who]], s_size[school[who]], rng)]

    a = np.concatenate([col_a, fr_a, fo_a, cl_a])
    b = np.concatenate([col_b, fr_b, fo_b, cl_b])
    keep = a != b
    a, b = a[keep], b[keep]
    flip = rng.random(len(a)) < 0.5
    a, b = np.where(flip, b, a), np.where(flip, a, b)

    # --- the user's own ties ---------------------------------------------------------------
    target = int(np.argmax(comp_size))
    in_target = employed & (company == target)
    d = max(1, int(round(plan["direct"])))
    direct = np.sort(weighted_sample(sociability * np.where(in_target, 0.05, 1.0), d, rng))
    is_direct = np.zeros(n, dtype=bool)
    is_direct[direct] = True
    rel_names = list(RELATIONSHIPS)
    rel_p = np.array(list(RELATIONSHIPS.values()))
    relationship = np.full(n, -1)
    relationship[direct] = rng.choice(len(rel_names), d, p=rel_p / rel_p.sum())
    strength = np.zeros(n, dtype=np.int64)
    strength[direct] = rng.choice(5, d, p=[0.15, 0.25, 0.3, 0.2, 0.1]) + 1
    has_strength = is_direct & (rng.random(n) < 0.82)
    has_last = is_direct & (rng.random(n) < 0.85)
    last_age = np.minimum(rng.exponential(400, n), 3650)

    # --- real introductions by the user's contacts ----------------------------------------
    r = max(10, d // 5)
    referrer = direct[rng.integers(0, d, r)]
    target_people = np.flatnonzero(in_target)
    into_target = rng.random(r) < 1 / 3
    contact = np.where(into_target, target_people[rng.integers(0, len(target_people), r)], rng.integers(0, n, r))
    keep = referrer != contact
    referrer, contact = referrer[keep], contact[keep]
    st_names = list(REAL_STATUSES)
    st_p = np.array(list(REAL_STATUSES.values()))
    real_status = rng.choice(len(st_names), len(referrer), p=st_p)

    # --- tables --------------------------------------------------------------------------
    ids = make_ids(n)
    names = pc.binary_join_element_wise(pa.array(FIRST).take(pa.array(first)), pa.array(LAST).take(pa.array(last)), " ")
    company_text = comp_names.take(pa.array(company))
    suffixed = pc.binary_join_element_wise(company_text, pa.scalar(", Inc."), "")
    company_text = pc.if_else(pa.array(rng.random(n) < 0.05), suffixed, company_text)
    office_text = pa.array(CITIES).take(pa.array(city))
    p1 = comp_names.take(pa.array(past1))
    p2 = comp_names.take(pa.array(past2))
    past_text = pc.if_else(pa.array(n_past == 2), pc.binary_join_element_wise(p1, p2, ";"), p1)
    contacts = pa.table({
        "id": ids,
        "name": names,
        "company": masked(company_text, employed),
        "title": masked(title, employed),
        "office": masked(office_text, has_office),
        "email": pa.nulls(n, pa.string()),
        "linkedin_url": pa.nulls(n, pa.string()),
        "relationship": masked(
            pa.array(rel_names).take(pa.array(np.maximum(relationship, 0))), is_direct
        ),
        "strength": pa.array(strength, mask=~has_strength),
        "last_contact": masked(days_ago(today, last_age), has_last),
        "past_companies": masked(past_text, n_past > 0),
        "tags": pa.nulls(n, pa.string()),
        "school": masked(school_names.take(pa.array(school)), has_school),
        "notes": pa.nulls(n, pa.string()),
    })  # fmt: skip

    m = len(a)
    ages = np.minimum(rng.exponential(600, m), 3650)
    i_strength = rng.choice(5, m, p=[0.1, 0.25, 0.3, 0.22, 0.13]) + 1
    r_ages = np.minimum(rng.exponential(200, len(referrer)), 1500)
    intro = pa.table({
        "referrer": ids.take(pa.array(np.r_[a, referrer])),
        "contact": ids.take(pa.array(np.r_[b, contact])),
        "date": masked(days_ago(today, np.r_[ages, r_ages]), rng.random(m + len(referrer)) >= 0.1),
        "status": pa.array(["suggested", *st_names]).take(
            pa.array(np.r_[np.zeros(m, np.int64), real_status + 1])
        ),
        "strength": pa.array(np.r_[i_strength, rng.integers(1, 6, len(referrer))],
                             mask=rng.random(m + len(referrer)) < 0.45),
        "notes": pa.nulls(m + len(referrer), pa.string()),
    })  # fmt: skip

    target_offices = np.bincount(office_rank[in_target & has_office], minlength=10)
    best_office = int(np.argmax(target_offices))
    office_city = CITIES[(city_offset[target] + best_office * 7) % len(CITIES)]
    meta = {
        "people": n,
        "seed": seed,
        "today": today.isoformat(),
        "ties": int(m + d + len(referrer)),
        "introduction_rows": int(m + len(referrer)),
        "direct_ties": d,
        "real_introductions": int(len(referrer)),
        "ties_by_kind": {"colleague": len(col_a), "friend": len(fr_a),
                         "former_colleague": len(fo_a), "classmate": len(cl_a)},
        "companies": n_comp,
        "schools": n_school,
        "company": f"Company {target + 1:0{width}d}",
        "company_size": int(comp_size[target]),
        "office": office_city,
        "office_size": int(target_offices[best_office]),
    }  # fmt: skip
    return contacts, intro, meta


def write(contacts: pa.Table, intro: pa.Table, meta: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    options = pacsv.WriteOptions(quoting_style="needed")
    for table, name in ((contacts, "contacts.csv"), (intro, "introductions.csv")):
        tmp = out / f".{name}.tmp"
        pacsv.write_csv(table, tmp, options)
        tmp.replace(out / name)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, required=True, help="number of people (not counting the user)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date(2026, 1, 1),
        help="dates are drawn before this day (pass the same --today to netmap)",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write the CSV files to")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    contacts, intro, meta = generate(args.people, args.seed, args.today)
    write(contacts, intro, meta, args.out)
    meta["seconds"] = round(time.perf_counter() - start, 2)
    print(
        f"{args.out}: {meta['people']:,} people, {meta['ties']:,} ties "
        f"({meta['introduction_rows']:,} introduction rows, {meta['direct_ties']:,} direct), "
        f"{meta['seconds']} s\n"
        f"target: --company '{meta['company']}' ({meta['company_size']:,} people) "
        f"--office '{meta['office']}' ({meta['office_size']:,}) --today {meta['today']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
