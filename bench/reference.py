"""Reference pipeline for the benchmark: netmap's path warmth, computed close to what Python can do.

    python bench/reference.py bench/data/n30000 --company "Company 0001" --office Madrid --top 20

Reads ``contacts.csv`` and ``introductions.csv`` with pyarrow, maps ids to integers with
arrow compute (``pc.index_in``), computes every tie's warmth with numpy the way
``netmap.graph.build_graph`` does, builds one scipy.sparse CSR matrix of costs
(``cost = -log(warmth)``) and runs ``scipy.sparse.csgraph.dijkstra`` once from the user.
Prints the ``--top`` people at the target company as CSV, best score first (ties by id).

Same model as netmap (default weights of ``netmap.weights.Weights``, copied below):

- direct ties: strength/relationship warmth times the recency decay of ``last_contact``;
- each introduction row is evidence on the referrer-contact tie (strength or default base,
  times ``max(1, status factor)``, times recency); ``made``/``met``/``thanked`` ones also
  give the user an ``introduced`` tie to the contact;
- a tie's warmth is the noisy-OR of its evidence, times the penalty of declined or
  unanswered introductions over it, times reciprocity (introductions both ways) and, for
  the user's ties, the referrer's track record; clamped to [0.01, 1];
- shared company (current or past), office and school are membership edges to group nodes
  with warmth ``sqrt(base)`` and half a hop each;
- score = path warmth times target fit: seniority of the title (netmap.targets' patterns),
  times the office match factor when ``--office`` is given (1.0 in the office, 0.5 elsewhere).

Differences from netmap, none of which the generated data exercises: no ``netmap.toml`` or
``companies.csv`` aliases, ids only in introductions (netmap also resolves names), ISO dates
only, no ``--role``; and plain Dijkstra, with no ``--max-hops`` limit (the ``hops`` column
shows each best path's length so a longer-than-3-hops winner would be visible).
"""

from __future__ import annotations

import argparse
import csv
import importlib.abc
import os
import re
import resource
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path


class _NoPandas(importlib.abc.MetaPathFinder):
    """pyarrow imports pandas (0.3-0.6 s) the first time it converts Python objects, when pandas
    is installed. The reference needs no pandas, so it tells pyarrow there is none
    (``REFERENCE_ALLOW_PANDAS=1`` turns this off, to measure what it saves)."""

    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"no module named {name!r} (hidden by bench/reference.py)")


if not os.environ.get("REFERENCE_ALLOW_PANDAS"):
    sys.meta_path.insert(0, _NoPandas())

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from scipy.sparse.csgraph import dijkstra  # noqa: E402

# --- netmap.weights.Weights defaults -------------------------------------------------------
STRENGTH = {1: 0.2, 2: 0.35, 3: 0.5, 4: 0.7, 5: 0.9}
RELATIONSHIP = {
    "family": 0.8, "friend": 0.7, "colleague": 0.6, "former_colleague": 0.5, "classmate": 0.45,
    "teacher": 0.45, "neighbor": 0.4, "alumni": 0.3, "recruiter": 0.3, "acquaintance": 0.25,
    "other": 0.3,
}  # fmt: skip
STRENGTH_SHARE = 0.75
HALF_LIFE_DAYS = 365.0
RECENCY_FLOOR = 0.4
UNKNOWN_RECENCY = 0.7
INTRODUCTION_DEFAULT = 0.35
STATUS = {
    "suggested": 1.0, "requested": 1.0, "made": 1.1, "met": 1.2, "thanked": 1.25,
    "declined": 0.5, "no_response": 0.75,
}  # fmt: skip
INTRODUCED = {"made": 0.3, "met": 0.5, "thanked": 0.55}
RECIPROCITY = 1.15
TRACK_STEP, TRACK_MIN, TRACK_MAX = 0.1, 0.6, 1.3
INFERRED = {"same_office": 0.25, "same_company": 0.15, "past_company": 0.1, "school": 0.08}
SENIORITY = {
    "c_level": 1.0, "vp": 0.95, "head": 0.9, "director": 0.9, "manager": 0.8, "senior": 0.7,
    "staff": 0.7, "mid": 0.6, "junior": 0.5, "intern": 0.4,
}  # fmt: skip
OFFICE_MATCH, OFFICE_MISMATCH = 1.0, 0.5

# --- netmap.targets.seniority_level patterns ------------------------------------------------
LEVELS = tuple(
    (level, re.compile(pattern, re.IGNORECASE))
    for level, pattern in (
        (
            "c_level",
            r"\b(ceo|cto|cfo|coo|cmo|cio|cpo|chief|founder|co-founder|president|partner)\b",
        ),
        ("vp", r"\b(vp|svp|evp|vice[- ]president)\b"),
        ("head", r"\bhead\b"),
        ("director", r"\bdirector\b"),
        ("manager", r"\bmanager\b"),
        ("intern", r"\b(intern|trainee|apprentice|working student)\b"),
        ("staff", r"\b(staff|principal|distinguished)\b"),
        ("senior", r"\b(senior|sr\.?|lead)\b"),
        ("junior", r"\b(junior|jr\.?|associate|assistant|graduate|entry)\b"),
    )
)

# --- netmap.normalize.normalize_company -----------------------------------------------------
LEGAL_SUFFIXES = frozenset(
    "inc incorporated llc llp lp ltd limited gmbh ag corp corporation co company plc sa sas "
    "sarl srl spa bv nv oy ab as aps kk pty pte lda sl kg se".split()
)
_PUNCT = re.compile(r"[^\w\s&]+", re.UNICODE)
_DOTTED = re.compile(r"(?<!\w)(?:\w\.){2,}|(?<!\w)(?:\w\.)+\w(?!\w)", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalize_company(name: str | None) -> str:
    if not name:
        return ""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", name).casefold()).strip()
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    words = _PUNCT.sub(" ", text).split()
    while len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or words[-1] == "&"):
        words.pop()
    return " ".join(words)


def seniority(title: str | None) -> float:
    for level, pattern in LEVELS:
        if title and pattern.search(title):
            return SENIORITY[level]
    return SENIORITY["mid"]


# --- vectorised helpers ---------------------------------------------------------------------
def per_value(column: pa.ChunkedArray | pa.Array, fn, dtype=np.float64) -> np.ndarray:
    """``fn`` applied once per distinct value of a string column, spread back to every row."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded = pc.dictionary_encode(column)
    table = np.array([fn(v) for v in encoded.dictionary.to_pylist()] + [fn(None)], dtype=dtype)
    codes = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()
    return table[codes]


def key_codes(column: pa.ChunkedArray | pa.Array, keys: dict[str, int]) -> np.ndarray:
    """Per row, the code of the normalised name in ``keys`` (grown as needed), -1 if blank."""

    def code(value: str | None) -> int:
        key = normalize_company(value)
        return keys.setdefault(key, len(keys)) if key else -1

    return per_value(column, code, np.int64)


def recency(days: pa.ChunkedArray, today: date) -> np.ndarray:
    """Recency factor per row of a date32 column (``UNKNOWN_RECENCY`` where blank)."""
    ordinal = days.cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.float64)
    epoch = (today - date(1970, 1, 1)).days
    age = np.maximum(0.0, epoch - ordinal)
    factor = RECENCY_FLOOR + (1 - RECENCY_FLOOR) * 0.5 ** (age / HALF_LIFE_DAYS)
    return np.where(np.isnan(ordinal), UNKNOWN_RECENCY, factor)


def strength_warmth(column: pa.ChunkedArray) -> np.ndarray:
    """Warmth by stated strength 1-5, NaN where blank."""
    lookup = np.array([np.nan, *STRENGTH.values()])
    values = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
    return lookup[np.nan_to_num(values, nan=0).astype(np.int64)]


def read(path: Path, columns: dict[str, pa.DataType]) -> pa.Table:
    options = pacsv.ConvertOptions(include_columns=list(columns), column_types=columns, strings_can_be_null=True)
    return pacsv.read_csv(path, convert_options=options)


class Timer:
    def __init__(self, enabled: bool):
        self.enabled, self.last = enabled, time.perf_counter()

    def __call__(self, label: str) -> None:
        if self.enabled:
            now = time.perf_counter()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  {label:<32} {now - self.last:7.3f} s  peak {peak:6.0f} MB", file=sys.stderr)
            self.last = now


def rank(
    folder: Path,
    company: str,
    office: str | None,
    top: int,
    today: date,
    timer: Timer,
    max_hops: float = 3,
) -> list[dict]:
    s = pa.string()
    contacts = read(folder / "contacts.csv", {
        "id": s, "name": s, "company": s, "title": s, "office": s, "relationship": s,
        "strength": pa.int64(), "last_contact": pa.date32(), "past_companies": s, "school": s,
    })  # fmt: skip
    intros = read(folder / "introductions.csv", {
        "referrer": s, "contact": s, "date": pa.date32(), "status": s, "strength": pa.int64(),
    })  # fmt: skip
    timer("read CSV (pyarrow)")

    n = contacts.num_rows  # node 0 is the user, person i is node i + 1
    ids = contacts["id"].combine_chunks()

    nodes = pa.concat_arrays([pa.array(["me"]), ids])

    def node(column: pa.ChunkedArray) -> np.ndarray:
        index = pc.index_in(column, value_set=nodes).fill_null(-1).to_numpy().astype(np.int32)
        if (index < 0).any():
            sys.exit(f"{folder}: introductions name people by something other than an id")
        return index

    src, dst = node(intros["referrer"]), node(intros["contact"])
    timer("map ids (index_in)")

    # direct ties
    by_strength = strength_warmth(contacts["strength"])
    by_kind = per_value(contacts["relationship"], lambda r: RELATIONSHIP.get(r, np.nan) if r else np.nan)
    direct = ~np.isnan(by_strength) | ~np.isnan(by_kind)
    base = np.where(
        np.isnan(by_strength),
        np.where(np.isnan(by_kind), RELATIONSHIP["other"], by_kind),
        np.where(
            np.isnan(by_kind),
            by_strength,
            STRENGTH_SHARE * by_strength + (1 - STRENGTH_SHARE) * by_kind,
        ),
    )  # fmt: skip
    warm = base * recency(contacts["last_contact"], today)
    d_people = np.flatnonzero(direct) + 1
    d_warmth = warm[direct]

    # introductions (arrays of 5M rows at 1M people: freed as soon as they are used)
    status = intros["status"].fill_null("suggested")
    factor = per_value(status, lambda v: STATUS.get(v or "suggested", 1.0))
    introduced = per_value(status, lambda v: INTRODUCED.get(v, 0.0))
    outcome = per_value(status, lambda v: {"met": 1, "thanked": 1, "declined": -1, "no_response": -1}.get(v, 0))
    record = np.bincount(src, weights=outcome, minlength=n + 1)
    decay = recency(intros["date"], today)
    i_warmth = strength_warmth(intros["strength"])
    del intros, status, outcome
    i_warmth[np.isnan(i_warmth)] = INTRODUCTION_DEFAULT
    i_warmth *= np.maximum(1.0, factor)
    i_warmth *= decay
    give = np.flatnonzero((introduced > 0) & (src != 0))
    g_warmth = introduced[give] * decay[give]
    del introduced, decay

    # every piece of evidence on a pair: direct ties, introductions, introduced ties
    d, g = len(d_people), len(give)
    lo = np.concatenate([np.zeros(d, np.int32), np.minimum(src, dst), np.zeros(g, np.int32)])
    hi = np.concatenate([d_people.astype(np.int32), np.maximum(src, dst), dst[give]])
    pairs, inverse = np.unique(lo.astype(np.int64) * (n + 1) + hi, return_inverse=True)
    del lo, hi
    m = len(pairs)
    log_missing = np.log1p(-np.minimum(np.concatenate([d_warmth, i_warmth, g_warmth]), 0.99))
    del i_warmth
    missing = np.exp(np.bincount(inverse, weights=log_missing, minlength=m))
    del log_missing
    log_penalty = np.concatenate([np.zeros(d), np.log(np.minimum(1.0, factor)), np.zeros(g)])
    pen = np.exp(np.bincount(inverse, weights=log_penalty, minlength=m))
    del log_penalty, factor
    pad = np.zeros(d), np.zeros(g)
    forward = np.bincount(inverse, weights=np.concatenate([pad[0], src < dst, pad[1]]), minlength=m)
    backward = np.bincount(inverse, weights=np.concatenate([pad[0], src > dst, pad[1]]), minlength=m)
    # an introduction that happened made C your own tie: a path never runs R -> C over it again
    spent_r, spent_c = src[give].astype(np.int64), dst[give].astype(np.int64)
    spent_at = np.searchsorted(pairs, np.minimum(spent_r, spent_c) * (n + 1) + np.maximum(spent_r, spent_c))
    fwd_spent, back_spent = np.zeros(m, bool), np.zeros(m, bool)  # lo -> hi, hi -> lo
    fwd_spent[spent_at[spent_r < spent_c]] = True
    back_spent[spent_at[spent_r > spent_c]] = True
    del inverse, src, dst, spent_r, spent_c, spent_at
    bonus = np.where((forward > 0) & (backward > 0), RECIPROCITY, 1.0)
    p_lo, p_hi = (pairs // (n + 1)).astype(np.int32), (pairs % (n + 1)).astype(np.int32)
    del pairs
    mine = p_lo == 0
    track = record[p_hi]
    bonus = bonus * np.where(mine & (track != 0), np.clip(1 + TRACK_STEP * track, TRACK_MIN, TRACK_MAX), 1.0)
    tie_warmth = np.clip((1 - missing) * pen * bonus, 0.01, 1.0)
    timer("tie warmth (numpy)")

    # memberships: company (current and past), office, school groups, as integer codes
    company_keys: dict[str, int] = {}
    current = key_codes(contacts["company"], company_keys)
    past = pc.split_pattern(contacts["past_companies"].combine_chunks(), ";")
    past_owner = pc.list_parent_indices(past).to_numpy()
    former = key_codes(pc.utf8_trim_whitespace(pc.list_flatten(past)), company_keys)
    keep = (former >= 0) & (former != current[past_owner])
    past_owner, former = past_owner[keep], former[keep]
    if len(former):  # a company listed twice among the past ones
        pair = np.unique(past_owner.astype(np.int64) * len(company_keys) + former)
        past_owner, former = pair // len(company_keys), pair % len(company_keys)
    office_keys: dict[str, int] = {}
    office_of = key_codes(contacts["office"], office_keys)
    school_keys: dict[str, int] = {}
    school = key_codes(contacts["school"], school_keys)
    has_company = current >= 0
    in_office = has_company & (office_of >= 0)
    offices, office_code = np.unique(
        current[in_office].astype(np.int64) * len(office_keys) + office_of[in_office],
        return_inverse=True,
    )
    has_school = school >= 0
    g_company = n + 1
    g_office = g_company + len(company_keys)
    g_school = g_office + len(offices)
    size = g_school + len(school_keys)
    person = np.arange(1, n + 1)
    m_person = np.concatenate([person[has_company], person[in_office], past_owner + 1, person[has_school]])
    m_group = np.concatenate([
        g_company + current[has_company], g_office + office_code.reshape(-1),
        g_company + former, g_school + school[has_school],
    ])  # fmt: skip
    m_warmth = np.sqrt(np.concatenate([
        np.full(has_company.sum(), INFERRED["same_company"]),
        np.full(in_office.sum(), INFERRED["same_office"]),
        np.full(len(past_owner), INFERRED["past_company"]),
        np.full(has_school.sum(), INFERRED["school"]),
    ]))  # fmt: skip
    timer("memberships (numpy)")

    rows = np.concatenate([p_lo, m_person]).astype(np.int32)
    cols = np.concatenate([p_hi, m_group]).astype(np.int32)
    cost = -np.log(np.concatenate([tie_warmth, m_warmth]))
    del p_lo, p_hi, m_person, m_group, tie_warmth, m_warmth
    members = np.ones(len(rows) - m, bool)  # memberships run both ways
    keep = np.concatenate([~fwd_spent, members, ~back_spent, members])
    del fwd_spent, back_spent, members
    graph = sp.csr_matrix(
        (
            np.concatenate([cost, cost])[keep],
            (np.concatenate([rows, cols])[keep], np.concatenate([cols, rows])[keep]),
        ),
        shape=(size, size),
    )  # both directions (but spent ones): csgraph need not symmetrise it, the hop-bounded search reuses it
    del rows, cols, cost
    timer("CSR matrix")
    dist, pred = dijkstra(graph, directed=True, indices=0, return_predecessors=True)
    timer("dijkstra (csgraph)")

    # the target: people at the company (every office), scored by fit
    want = company_keys.get(normalize_company(company), -2)
    targets = np.flatnonzero(current == want)
    if not len(targets):
        sys.exit(f"unknown company '{company}'")
    fit = per_value(contacts["title"], seniority)[targets]
    if office:
        fit = fit * np.where(
            office_of[targets] == office_keys.get(normalize_company(office), -2),
            OFFICE_MATCH,
            OFFICE_MISMATCH,
        )
    target_ids = np.asarray(ids.take(pa.array(targets)).to_pylist(), dtype=object)

    def winners(cost_to: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        score = np.exp(-cost_to[targets + 1]) * fit
        best = np.lexsort((target_ids, -score))
        return best[np.isfinite(cost_to[targets + 1])[best]][:top], score

    def unit(u: int, v: int) -> int:  # half-hops: a membership edge touches a group node
        return 1 if u > n or v > n else 2

    def dijkstra_walk(v: int) -> list[int]:
        walk = [v]
        while v != 0:
            v = int(pred[v])
            walk.append(v)
        return walk[::-1]

    best, score = winners(dist)
    walks = [dijkstra_walk(int(targets[t]) + 1) for t in best]
    timer("score targets")
    too_long = max_hops and any(sum(map(unit, w, w[1:])) > 2 * max_hops for w in walks)
    if too_long:  # the best path to some winner is longer than --max-hops: search within the limit
        layers, preds = bounded_search(graph, n, int(2 * max_hops))
        best, score = winners(layers[-1])
        walks = [bounded_walk(layers, preds, int(targets[t]) + 1, n) for t in best]
        timer(f"hop-bounded search (<= {max_hops:g})")

    on_paths = sorted({v for walk in walks for v in walk if 0 < v <= n})
    found = contacts["name"].take(np.array(on_paths, np.int64) - 1).to_pylist()
    names = dict(zip(on_paths, found, strict=True))
    company_names, office_names = list(company_keys), list(office_keys)
    per = len(office_keys)
    group_names = (
        [f"[{c}]" for c in company_names]
        + [f"[{company_names[o // per]}, {office_names[o % per]}]" for o in offices.tolist()]
        + [f"[{s}]" for s in school_keys]
    )

    def label(v: int) -> str:
        return "You" if v == 0 else names[v] if v <= n else group_names[v - n - 1]

    results = []
    for r, (t, walk) in enumerate(zip(best, walks, strict=True), 1):
        person = int(targets[t])
        results.append({
            "rank": r, "id": target_ids[t], "name": names[person + 1],
            "title": contacts["title"][person].as_py() or "",
            "office": contacts["office"][person].as_py() or "",
            "warmth": f"{score[t] / fit[t]:.6f}", "fit": f"{fit[t]:.4g}",
            "score": f"{score[t]:.6f}",
            "hops": f"{sum(map(unit, walk, walk[1:])) / 2:g}",
            "path": " > ".join(label(x) for x in walk),
        })  # fmt: skip
    timer("paths of the top")
    return results


def _gather(graph: sp.csr_matrix, front: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every edge (source, target, cost) leaving the nodes ``front``, without a Python loop."""
    starts = graph.indptr[front]
    counts = graph.indptr[front + 1] - starts
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return np.repeat(front, counts), graph.indices[offsets], graph.data[offsets]


def bounded_search(graph: sp.csr_matrix, n: int, limit: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Cheapest cost from the user to every node within ``limit`` half-hops (Bellman-Ford by layer).

    ``layers[h][v]`` is the cheapest cost using at most ``h`` half-hops (a tie between people is
    2, a membership edge, which has a group node (> n) on one end, is 1); ``preds[h][v]`` the
    node it came from when layer ``h`` improved it (-1 otherwise). Only nodes improved ``unit``
    layers back are relaxed, so each layer touches the edges of its frontier only.
    """
    size = graph.shape[0]
    layers = [np.full(size, np.inf)]
    layers[0][0] = 0.0
    preds = [np.full(size, -1, np.int32)]
    improved = [np.array([0])]
    for h in range(1, limit + 1):
        current = layers[-1].copy()
        relaxed = []
        for unit in (1, 2):
            if h - unit < 0 or not len(improved[h - unit]):
                continue
            src, dst, w = _gather(graph, improved[h - unit])
            membership = (src > n) | (dst > n)
            keep = membership if unit == 1 else ~membership
            src, dst = src[keep], dst[keep]
            candidate = layers[h - unit][src] + w[keep]
            np.minimum.at(current, dst, candidate)
            relaxed.append((src, dst, candidate))
        changed = current < layers[-1]
        pred = np.full(size, -1, np.int32)
        for src, dst, candidate in relaxed:
            hit = changed[dst] & (candidate == current[dst])
            pred[dst[hit]] = src[hit]
        layers.append(current)
        preds.append(pred)
        improved.append(np.flatnonzero(changed))
    return layers, preds


def bounded_walk(layers: list[np.ndarray], preds: list[np.ndarray], v: int, n: int) -> list[int]:
    """The path found by :func:`bounded_search` to ``v``, from the user."""
    h, walk = len(layers) - 1, [v]
    while v != 0:
        while preds[h][v] < 0:
            h -= 1
        u = int(preds[h][v])
        h -= 1 if u > n or v > n else 2
        walk.append(u)
        v = u
    return walk[::-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder with contacts.csv and introductions.csv")
    parser.add_argument("--company", required=True)
    parser.add_argument("--office")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--max-hops", type=float, default=3,
                        help="longest path, as netmap's --max-hops (0: no limit)")  # fmt: skip
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="anchor for recency (pass the same as netmap's --today)")  # fmt: skip
    parser.add_argument("--timings", action="store_true", help="print each stage's time to stderr")
    args = parser.parse_args(argv)
    rows = rank(
        args.data,
        args.company,
        args.office,
        args.top,
        args.today,
        Timer(args.timings),
        args.max_hops,
    )
    out = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["rank"], lineterminator="\n")
    out.writeheader()
    out.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
