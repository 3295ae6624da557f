"""Ranking straight from large CSV files, without building the whole graph in Python.

The validating loader and :func:`~netmap.graph.build_graph` pay Python for every row
and every tie: fine for a few thousand people, seconds at LinkedIn's 30,000-connection
cap, minutes for an alumni network of a million. This module answers the common
``netmap paths`` query with columnar code instead:

1. read both CSV files with pyarrow and validate them column by column; anything the
   vectorised checks cannot vouch for (names instead of ids in introductions, derived
   ids, bad values, another encoding...) raises :class:`Unsupported`, and the caller
   falls back to the full loader, which then reports the exact problems;
2. compute every tie's warmth with numpy, by the same formula as ``build_graph``;
3. find the best path with at most ``max_hops`` hops to every node at once with a
   hop-layered Bellman-Ford over edge arrays (exact for the hop bound);
4. build a small networkx graph of just the target's people and the ties on the
   chosen paths, with full evidence, and hand it to :func:`netmap.ranking.assemble`,
   so rows, reasons and scores are computed by the very code the small path uses.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from .csvio import normalize_header, sniff_delimiter
from .graph import (
    GROUP_PREFIX,
    combine,
    company_key,
    inferred_factor,
    person_attrs,
    recency_after,
    spent_introductions,
)
from .loading import check_header
from .model import CONTACT_COLUMNS, INTRODUCTION_COLUMNS, ME, RELATIONSHIPS, STATUSES, Contact, Evidence
from .normalize import normalize_company, split_list
from .ranking import OFFICE_GROUPS, RankedPath, assemble, office_group
from .search import Found
from .targets import Fit, resolve_target_in, target_fit
from .weights import Weights

STRENGTHS = ("", "1", "2", "3", "4", "5")


class Unsupported(Exception):
    """These files need the full validating loader (it will report any problem exactly)."""


def _read(path: Path, known: tuple[str, ...], required: tuple[str, ...], encoding: str | None,
          dates: tuple[str, ...] = ()):
    import pyarrow as pa
    import pyarrow.csv as pacsv

    if encoding and encoding.replace("_", "-").lower() not in ("utf-8", "utf8", "utf-8-sig"):
        raise Unsupported("encoding")
    if not path.is_file() or path.stat().st_size == 0:
        raise Unsupported("missing or empty")
    with path.open("rb") as f:
        head = f.read(65536)
    try:  # the header ends at the first newline, as for the CSV parsers (not at \f or \v)
        first = head.decode("utf-8-sig", errors="strict").split("\n", 1)[0].removesuffix("\r")
    except UnicodeDecodeError:
        raise Unsupported("header") from None
    delimiter = sniff_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter), [])
    if not header or any(h != normalize_header(h) for h in header) or check_header(header, known, required):
        raise Unsupported("header")  # the loader names the problem
    wanted = [h for h in header if h in known]
    types = {h: (pa.date32() if h in dates else pa.string()) for h in header}

    def parse(newlines_in_values: bool):
        return pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False, include_columns=wanted),
        )  # fmt: skip

    try:
        # parsing in parallel needs no newlines inside quoted values: keep the result only
        # when every line of the file is one row (else a quoted newline split a row)
        table = parse(False)
        one_per_line = table.num_rows + 1 == _count_lines(path)
        if not one_per_line:
            table = parse(True)
    except pa.ArrowException:
        one_per_line = False
        try:
            table = parse(True)
        except pa.ArrowException:
            raise Unsupported("unreadable") from None  # e.g. an impossible date: the loader says which
    table = table.combine_chunks()
    if _any_control_characters(table):
        raise Unsupported("control characters")  # the loader drops them with a warning
    for name in dates:
        if name in table.column_names and not _dates_in_range(table.column(name)):
            raise Unsupported("date out of range")  # year 0 and the like: the loader says which
    return table, one_per_line


def _any_control_characters(table) -> bool:
    """Whether a text cell holds a character :data:`netmap.loading.CONTROL_CHARACTERS` drops."""
    import pyarrow as pa
    import pyarrow.compute as pc

    pattern = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x{9f}]"
    for column in table.columns:
        if column.type != pa.string():
            continue
        other = pc.invert(pc.ascii_is_printable(column))  # fast; the slow test only on the rest
        if pc.any(other).as_py() and pc.any(pc.match_substring_regex(pc.filter(column, other), pattern)).as_py():
            return True
    return False


def _dates_in_range(column) -> bool:
    """Whether every date of a date32 column is one Python can hold (years 1 to 9999)."""
    import pyarrow.compute as pc

    low, high = pc.min_max(column.cast("int32")).values()
    first, last = (date(1, 1, 1) - date(1970, 1, 1)).days, (date(9999, 12, 31) - date(1970, 1, 1)).days
    return low.as_py() is None or (low.as_py() >= first and high.as_py() <= last)


def _count_lines(path: Path) -> int:
    """Lines in a file (a last line without a newline counts), read in chunks."""
    count, last = 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(1 << 24):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _col(table, name: str):
    import pyarrow as pa

    if name in table.column_names:
        return table.column(name).combine_chunks()
    return pa.array([""] * table.num_rows, pa.string())


def _check(condition: Any, why: str) -> None:
    value = condition.as_py() if hasattr(condition, "as_py") else condition
    if value is not None and not value:  # pyarrow's all() of no values is null: nothing failed
        raise Unsupported(why)


def _days_since(column, today: date) -> np.ndarray:
    """Days from each date (a date32 column, or all blank strings) to today; NaN where blank."""
    import pyarrow as pa

    if column.type != pa.date32():  # the column is absent
        return np.full(len(column), np.nan)
    days = column.cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.float64)  # nulls become NaN
    return (today - date(1970, 1, 1)).days - days


def _recency(days: np.ndarray, w: Weights) -> np.ndarray:
    """recency_factor for each age in days (NaN: no date), by the graph's own function on the
    few distinct ages, so every value is the very float build_graph computes."""
    known = ~np.isnan(days)
    ages, where = np.unique(np.maximum(days[known], 0).astype(np.int64), return_inverse=True)
    out = np.full(len(days), w.unknown_recency)
    out[known] = np.array([recency_after(int(a), w) for a in ages.tolist()])[where] if len(ages) else []
    return out


def _lookup(column, mapping: dict[str, float]) -> np.ndarray:
    """Map string values to floats (NaN where absent)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = list(mapping)
    idx = pc.index_in(column, value_set=pa.array(keys)).to_numpy(zero_copy_only=False)
    values = np.array([mapping[k] for k in keys] + [np.nan])
    idx = np.where(np.isnan(idx.astype(float)), len(keys), idx).astype(np.int64)
    return values[idx]


class _Network:
    """The whole network as arrays: ids, columns, ties with warmth, group memberships."""

    def __init__(self, contacts_path: Path, intros_path: Path, aliases: dict[str, str], weights: Weights,
                 today: date, encoding: str | None):  # fmt: skip
        import pyarrow as pa
        import pyarrow.compute as pc

        self.weights, self.today, self.aliases = weights, today, aliases
        # one row per line: then a row's line number is its index + 2 (see graph_from_files)
        c, self.one_row_per_line = _read(contacts_path, CONTACT_COLUMNS, ("id", "name"), encoding,
                                         dates=("last_contact", "connected_on"))  # fmt: skip
        self.contacts = c
        n = c.num_rows
        for name in ("id", "name", "company", "office", "title", "strength", "strength_estimate", "relationship",
                     "past_companies", "school", "tags"):  # fmt: skip
            col = _col(c, name)
            _check(pc.all(pc.equal(col, pc.utf8_trim_whitespace(col))) if n else True, "whitespace")
        ids = _col(c, "id")
        _check(n > 0, "no rows")
        _check(pc.all(pc.greater(pc.utf8_length(ids), 0)), "blank id")
        _check(pc.all(pc.greater(pc.utf8_length(_col(c, "name")), 0)), "blank name")
        _check(pc.equal(pc.count_distinct(ids), n), "duplicate id")
        _check(pc.all(pc.not_equal(pc.utf8_lower(ids), ME)), "id me")
        strength = _col(c, "strength")
        relationship = _col(c, "relationship")
        estimate = _col(c, "strength_estimate")
        _check(pc.all(pc.is_in(strength, value_set=pa.array(STRENGTHS))), "strength")
        _check(pc.all(pc.is_in(estimate, value_set=pa.array(STRENGTHS))), "strength_estimate")
        _check(pc.all(pc.is_in(relationship, value_set=pa.array(("",) + RELATIONSHIPS))), "relationship")
        contact_days = _days_since(_col(c, "last_contact"), today)
        connected_days = _days_since(_col(c, "connected_on"), today)
        contact_days = np.where(np.isnan(contact_days), connected_days, contact_days)  # last contact, else connected
        self.estimated = (pc.equal(strength, "").to_numpy(zero_copy_only=False)
                          & pc.not_equal(estimate, "").to_numpy(zero_copy_only=False))  # fmt: skip
        strength = pc.if_else(pc.equal(strength, ""), estimate, strength)  # stated, else estimated
        self.ids = ids
        value_set = pa.concat_arrays([pa.array([ME]), ids])

        if intros_path.exists():
            r, lines_ok = _read(intros_path, INTRODUCTION_COLUMNS, ("referrer", "contact"), encoding, dates=("date",))
            self.one_row_per_line = self.one_row_per_line and lines_ok
        else:
            r = pa.table({k: pa.array([], pa.string()) for k in INTRODUCTION_COLUMNS})
        self.intros = r
        ends = []
        for name in ("referrer", "contact"):
            col = _col(r, name)
            _check(pc.all(pc.equal(col, pc.utf8_trim_whitespace(col))) if r.num_rows else True, "whitespace")
            idx = pc.index_in(col, value_set=value_set)
            _check(idx.null_count == 0, "name or unknown id")
            ends.append(idx.to_numpy(zero_copy_only=False).astype(np.int64))
        src, dst = ends
        _check(not np.any(src == dst), "self introduction")
        _check(not np.any(dst == 0), "'me' as the contact")
        status = _col(r, "status")
        _check(pc.all(pc.is_in(status, value_set=pa.array(("",) + STATUSES))), "status")
        istrength = _col(r, "strength")
        _check(pc.all(pc.is_in(istrength, value_set=pa.array(STRENGTHS))), "strength")
        intro_days = _days_since(_col(r, "date"), today)
        status = pc.if_else(pc.equal(status, ""), "suggested", status)
        self.status = status
        self._pieces(n, strength, relationship, contact_days, src, dst, status, istrength, intro_days)
        self._memberships(n)

    # -- ties -------------------------------------------------------------------------------
    def _pieces(self, n, strength, relationship, contact_days, src, dst, status, istrength, intro_days) -> None:

        w = self.weights
        by_strength = _lookup(strength, {k: v for k, v in w.strength.items()})
        by_kind = _lookup(relationship, w.relationship)
        both = ~np.isnan(by_strength) & ~np.isnan(by_kind)
        base = np.where(both, w.strength_share * by_strength + (1 - w.strength_share) * by_kind,
                        np.where(np.isnan(by_strength), by_kind, by_strength))  # fmt: skip
        direct = np.flatnonzero(~np.isnan(base))
        direct_w = base[direct] * _recency(contact_days[direct], w)

        decay = _recency(intro_days, w)
        ibase = _lookup(istrength, {k: v for k, v in w.strength.items()})
        ibase = np.where(np.isnan(ibase), w.introduction_default, ibase)
        factor = _lookup(status, w.status)
        intro_w = ibase * np.maximum(1.0, factor) * decay
        introduced = _lookup(status, w.introduced)
        via = np.flatnonzero(~np.isnan(introduced) & (src != 0))
        introduced_w = introduced[via] * decay[via]
        self.used_src, self.used_dst = src[via], dst[via]  # introductions that happened: R -> C is spent

        # pieces in the order build_graph sees them: direct ties, then introductions
        a = np.concatenate([np.zeros(len(direct), np.int64), src, np.zeros(len(via), np.int64)])
        b = np.concatenate([direct + 1, dst, dst[via]])
        pw = np.concatenate([direct_w, intro_w, introduced_w])
        is_intro = np.concatenate([np.zeros(len(direct), bool), np.ones(len(src), bool), np.zeros(len(via), bool)])
        penalty = np.where(is_intro, np.concatenate([np.ones(len(direct)), np.minimum(1.0, factor),
                                                     np.ones(len(via))]), 1.0)  # fmt: skip
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        key = lo * (n + 1) + hi
        # build_graph's order within a tie: direct first, then by introduction row, each
        # row's "introduction" piece before its "introduced" one
        piece_order = np.concatenate([direct, n + 2 * np.arange(len(src)), n + 2 * via + 1])
        # multiply in that same order, so every warmth is the very float combine() gives
        order = np.lexsort((piece_order, key))
        skey = key[order]
        uniq, starts = np.unique(skey, return_index=True)
        missing = np.multiply.reduceat(1 - np.minimum(pw[order], 0.99), starts) if len(order) else np.ones(0)
        pen = np.multiply.reduceat(penalty[order], starts) if len(order) else np.ones(0)
        fwd = np.maximum.reduceat((is_intro & (a < b))[order].astype(np.int8), starts)
        bwd = np.maximum.reduceat((is_intro & (a > b))[order].astype(np.int8), starts)
        bonus = np.where((fwd > 0) & (bwd > 0), w.reciprocity, 1.0)
        record = np.zeros(n + 1)
        sv = status.to_numpy(zero_copy_only=False)
        good = np.isin(sv, ("met", "thanked"))
        bad = np.isin(sv, ("declined", "no_response"))
        np.add.at(record, src[good], 1)
        np.add.at(record, src[bad], -1)
        plo, phi = uniq // (n + 1), uniq % (n + 1)
        track = np.clip(1 + w.track_record_step * record[phi], w.track_record_min, w.track_record_max)
        bonus = np.where((plo == 0) & (record[phi] != 0), bonus * track, bonus)
        warmth = np.clip((1 - missing) * pen * bonus, 0.01, 1.0)
        self.pair_lo, self.pair_hi, self.pair_warmth, self.pair_bonus = plo, phi, warmth, bonus
        self.piece_key, self.piece_a, self.piece_b, self.piece_w = key, a, b, pw
        self.piece_kind = np.concatenate([np.zeros(len(direct), np.int8), np.ones(len(src), np.int8),
                                          np.full(len(via), 2, np.int8)])  # fmt: skip
        self.piece_row = np.concatenate([direct, np.arange(len(src)), via])
        self.piece_order = piece_order
        self.intro_src = src
        self.n = n

    # -- groups -----------------------------------------------------------------------------
    def _memberships(self, n: int) -> None:
        """Person-group edges (company, office, past company, school), numbered and labelled
        exactly as build_graph creates them, without a Python loop over people."""
        import pyarrow.compute as pc

        w, aliases = self.weights, self.aliases

        def encode(column):
            enc = column.dictionary_encode()
            return enc.dictionary.to_pylist(), enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)

        raw, codes = encode(_col(self.contacts, "company"))
        keys = [company_key(x, aliases) for x in raw]
        display = [aliases.get(normalize_company(x), x) for x in raw]
        counts = np.bincount(codes, minlength=len(raw))
        tally: dict[tuple[str, str], list[int]] = {}
        for code, (k, d) in enumerate(zip(keys, display, strict=True)):
            if k:
                t = tally.setdefault((k, d), [0, code])
                t[0] += int(counts[code])
        best: dict[str, tuple[int, int, str]] = {}
        for (k, d), (count, first) in tally.items():
            if k not in best or (count, -first) > best[k][:2]:
                best[k] = (count, -first, d)
        self.company_names = {k: v[2] for k, v in best.items()}

        past = pc.split_pattern(_col(self.contacts, "past_companies"), ";")
        parents = pc.list_parent_indices(past).to_numpy(zero_copy_only=False).astype(np.int64)
        past_raw, past_codes = encode(pc.utf8_trim_whitespace(pc.list_flatten(past)))
        past_keys = [company_key(x, aliases) if x else "" for x in past_raw]

        # one integer per company key (current or past); "" is -1
        all_keys = sorted({k for k in keys if k} | {k for k in past_keys if k})
        kid = {k: i for i, k in enumerate(all_keys)}
        person_kid = np.array([kid.get(k, -1) for k in keys] or [-1], np.int64)[codes] if raw else np.full(n, -1)
        self.person_key = np.array(keys, dtype=object)[codes] if raw else np.full(n, "", dtype=object)
        past_kid = np.array([kid.get(k, -1) for k in past_keys] or [-1], np.int64)[past_codes]

        office_raw, office_codes = encode(_col(self.contacts, "office"))
        office_keys = [normalize_company(x) for x in office_raw]
        okid_of = {k: i for i, k in enumerate(sorted(set(office_keys)))}
        person_okid = np.array([okid_of[k] for k in office_keys] or [0], np.int64)[office_codes]
        has_office = np.array([bool(k) for k in office_keys] or [False])[office_codes]
        school_raw, school_codes = encode(_col(self.contacts, "school"))
        school_keys = [normalize_company(x) for x in school_raw]
        sid_of = {k: i for i, k in enumerate(sorted({k for k in school_keys if k}))}
        person_sid = np.array([sid_of.get(k, -1) for k in school_keys] or [-1], np.int64)[school_codes]

        people = np.arange(n, dtype=np.int64)
        sq = dict(w.inferred)  # the base of each kind; the membership warmth depends on the group's size
        parts = []  # (person, order, kind 0 company/1 office/2 school, group code, role, weight, label source)
        cur = people[person_kid >= 0]
        parts.append((cur, 0, 0, person_kid[cur], "current", sq["same_company"]))
        off = people[(person_kid >= 0) & has_office]
        office_pair = person_kid[off] * max(1, len(okid_of)) + person_okid[off]
        parts.append((off, 1, 1, office_pair, "office", sq["same_office"]))
        keep = (past_kid >= 0) & (past_kid != person_kid[parents]) if len(parents) else np.zeros(0, bool)
        pp, pk = parents[keep], past_kid[keep]
        if len(pp):
            uniq = np.unique(pp * (len(all_keys) + 1) + pk, return_index=True)[1]
            uniq.sort()
            pp, pk = pp[uniq], pk[uniq]
        parts.append((pp, 2, 0, pk, "past", sq["past_company"]))
        past_event_raw = past_codes[keep][uniq] if len(pp) else np.zeros(0, np.int64)
        sch = people[person_sid >= 0]
        parts.append((sch, 3, 2, person_sid[sch], "school", sq["school"]))

        person = np.concatenate([p[0] for p in parts])
        order = np.concatenate([np.full(len(p[0]), p[1]) for p in parts])
        kind = np.concatenate([np.full(len(p[0]), p[2]) for p in parts])
        code = np.concatenate([p[3] for p in parts]).astype(np.int64)
        role = np.concatenate([np.full(len(p[0]), i, np.int8) for i, p in enumerate(parts)])
        raw_code = np.concatenate([np.full(len(parts[0][0]) + len(parts[1][0]), -1), past_event_raw,
                                   np.full(len(parts[3][0]), -1)]).astype(np.int64)  # fmt: skip
        weight = np.concatenate([np.full(len(p[0]), p[5]) for p in parts])
        span = int(code.max()) + 1 if len(code) else 1
        gkey = kind * span + code
        seq = np.lexsort((order, person))  # build_graph walks people in order, each kind in turn
        person, kind, code, role, weight, gkey = person[seq], kind[seq], code[seq], role[seq], weight[seq], gkey[seq]
        raw_code = raw_code[seq]
        _, first, group = np.unique(gkey, return_index=True, return_inverse=True)
        # number groups by first appearance, as build_graph adds nodes
        rank = np.empty(len(first), np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(len(first))
        self.member_person = person + 1
        self.member_group = rank[group] + n + 1
        sizes, where = np.unique(np.bincount(group), return_inverse=True)
        factor = np.array([inferred_factor(int(x), w) for x in sizes.tolist()])[where] if len(sizes) else sizes
        self.member_warmth = np.sqrt(weight * factor[group]) if len(group) else weight
        self.group_size = np.bincount(group)[np.argsort(rank)] if len(group) else np.zeros(0, np.int64)
        self.member_role = np.array(["current", "office", "past", "school"], dtype=object)[role]
        first_event = np.empty(len(first), np.int64)
        first_event[rank] = first
        self._group_first = first_event
        self._group_kind, self._group_code, self._group_person = kind, code, person
        self._group_raw = raw_code
        self._lookups = (all_keys, sorted(okid_of, key=okid_of.get), sorted(sid_of, key=sid_of.get),
                         office_raw, office_codes, school_raw, school_codes, past_raw,
                         max(1, len(okid_of)))  # fmt: skip
        self.n_groups = len(first)

    def group_info(self, gi: int) -> tuple[str, str, str]:
        """(node id, group kind, label) of group number ``gi``, as build_graph names them."""
        all_keys, okeys, skeys, office_raw, office_codes, school_raw, school_codes, past_raw, width = self._lookups
        e = int(self._group_first[gi])
        kind, code, person = int(self._group_kind[e]), int(self._group_code[e]), int(self._group_person[e])
        names = self.company_names
        if kind == 0:
            k = all_keys[code]
            # created by a past member when nobody works there now: their own spelling
            label = names[k] if k in names else past_raw[int(self._group_raw[e])]
            return GROUP_PREFIX["company"] + k, "company", label
        if kind == 1:
            k, o = all_keys[code // width], okeys[code % width]
            label = f"{names.get(k, k)}, {office_raw[office_codes[person]]}"
            return f"{GROUP_PREFIX['office']}{k}|{o}", "office", label
        s = skeys[code]
        return GROUP_PREFIX["school"] + s, "school", school_raw[school_codes[person]]

    # -- search -----------------------------------------------------------------------------
    def layered_costs(self, max_hops: int, inferred: bool = True) -> list[np.ndarray]:
        """``dist[t][s]``: cheapest cost from you to state s using at most t half-hops.

        The rules of :mod:`netmap.search` as a state graph: every node has a *known*
        copy (``v``: no inferred hop behind) and a *guessed* one (``v + total``); group
        nodes exist only guessed, and a person you know directly only known. Spent
        introductions (R -> C) are left out in that direction. A Bellman-Ford by layers
        (a tie between people is 2 half-hops, a group membership 1) that relaxes only
        the edges of states improved one or two layers back.
        """
        total = self.total = self.n + 1 + self.n_groups
        guarded = np.zeros(total, bool)
        guarded[self.pair_hi[self.pair_lo == 0]] = True
        guarded[0] = True
        u = np.concatenate([self.pair_lo, self.pair_hi]).astype(np.int64)
        v = np.concatenate([self.pair_hi, self.pair_lo]).astype(np.int64)
        w = np.concatenate([self.pair_warmth, self.pair_warmth])
        if len(self.used_src):  # drop R -> C for every introduction that happened
            spent = np.isin(u * total + v, self.used_src * total + self.used_dst)
            u, v, w = u[~spent], v[~spent], w[~spent]
        into_guess = ~guarded[v]
        pairs = (np.concatenate([u, u[into_guess] + total]), np.concatenate([v, v[into_guess] + total]),
                 np.concatenate([w, w[into_guess]]))  # fmt: skip
        mp, mg, mw = (self.member_person, self.member_group, self.member_warmth) if inferred else ([], [], [])
        mp, mg, mw = np.asarray(mp, np.int64), np.asarray(mg, np.int64), np.asarray(mw, float)
        out = ~guarded[mp] if len(mp) else np.zeros(0, bool)
        members = (np.concatenate([mp, mp + total, mg[out] + total]), np.concatenate([mg + total, mg + total,
                   mp[out] + total]), np.concatenate([mw, mw, mw[out]]))  # fmt: skip
        self.edge_sets = []
        for src, dst, warmth in (pairs, members):
            src, dst = src.astype(np.int32), dst.astype(np.int32)
            cost = -np.log(warmth)
            order = np.argsort(src, kind="stable")
            indptr = np.zeros(2 * total + 1, np.int64)
            np.cumsum(np.bincount(src, minlength=2 * total), out=indptr[1:])
            self.edge_sets.append((indptr, dst[order], cost[order]))
        self.reverse_sets: list | None = None  # built by unwind when a path is wanted
        dist = [np.full(2 * total, np.inf)]
        dist[0][0] = 0.0
        improved = [np.array([0], np.int64)]
        for t in range(1, 2 * max_hops + 1):
            cur = dist[t - 1].copy()
            for hh, (indptr, nbr, cost) in zip((2, 1), self.edge_sets, strict=True):
                if t - hh < 0 or not len(improved[t - hh]):
                    continue
                frontier = improved[t - hh]
                starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
                if not counts.sum():
                    continue
                offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
                candidate = np.repeat(dist[t - hh][frontier], counts) + cost[offsets]
                np.minimum.at(cur, nbr[offsets], candidate)
            improved.append(np.flatnonzero(cur < dist[t - 1]))
            dist.append(cur)
        return [np.minimum(d[:total], d[total:]) for d in dist], dist

    def unwind(self, states: list[np.ndarray], v: int, t: int) -> list[int]:
        """Walk back from node v at layer t along ties that account for its cost exactly."""
        total = self.total
        if self.reverse_sets is None:  # the edges into each state
            self.reverse_sets = []
            for indptr, dst, cost in self.edge_sets:
                src = np.repeat(np.arange(2 * total), np.diff(indptr))
                order = np.argsort(dst, kind="stable")
                rptr = np.zeros(2 * total + 1, np.int64)
                np.cumsum(np.bincount(dst, minlength=2 * total), out=rptr[1:])
                self.reverse_sets.append((rptr, src[order], cost[order]))
        s = v if states[t][v] <= states[t][v + total] else v + total
        path = [s]
        while s != 0:
            best = None
            for hh, (rptr, prev, cost) in zip((2, 1), self.reverse_sets, strict=True):
                if t - hh < 0:
                    continue
                lo, hi = rptr[s], rptr[s + 1]
                cand = states[t - hh][prev[lo:hi]] + cost[lo:hi]
                for i in np.argsort(cand, kind="stable"):
                    u = int(prev[lo + i])
                    if any(u % total == x % total for x in path):
                        continue
                    close = abs(cand[i] - states[t][s]) <= 1e-9 * max(1.0, states[t][s])
                    if close and (best is None or cand[i] < best[0]):
                        best = (cand[i], u, hh)
                    break
            if best is None:
                raise Unsupported("path reconstruction")
            _, s, hh = best
            t -= hh
            path.append(s)
        return [x % total for x in path[::-1]]


def _node_id(net: _Network, i: int) -> str:
    if i == 0:
        return ME
    if i <= net.n:
        return net.ids[i - 1].as_py()
    return net.group_info(i - net.n - 1)[0]


def _person_attrs(net: _Network, rows: list[int]) -> dict[int, dict]:
    """Node attributes for contacts (0-based rows), exactly as build_graph sets them."""
    import pyarrow as pa

    taken = net.contacts.take(pa.array(rows, pa.int64())).to_pylist() if rows else []
    out = {}
    for row, d in zip(rows, taken, strict=True):
        g = {k: v or "" for k, v in d.items()}  # missing values read as ""
        contact = Contact(
            id=g["id"], name=g["name"], company=g.get("company", ""), title=g.get("title", ""),
            office=g.get("office", ""), email=g.get("email", ""), linkedin_url=g.get("linkedin_url", ""),
            relationship=g.get("relationship", ""), strength=int(g["strength"]) if g.get("strength") else None,
            last_contact=g.get("last_contact") or None, past_companies=split_list(g.get("past_companies", "")),
            strength_estimate=int(g["strength_estimate"]) if g.get("strength_estimate") else None,
            connected_on=g.get("connected_on") or None,
            tags=split_list(g.get("tags", "")), school=g.get("school", ""), notes=g.get("notes", ""),
        )  # fmt: skip
        out[row] = person_attrs(contact, net.person_key[row] if len(net.person_key) else "")
    return out

def _member_columns(net: _Network, rows: np.ndarray) -> dict[str, list]:
    """id, name, title, office, office_key and tags of the target company's people."""
    import pyarrow as pa

    taken = net.contacts.take(pa.array(rows, pa.int64()))
    out = {c: _col(taken, c).to_pylist() for c in ("id", "name", "title", "office", "tags")}
    out["office_key"] = [normalize_company(o) for o in out["office"]]
    return out


def _evidence_objects(net: _Network, pieces: np.ndarray) -> list[Evidence]:
    """The :class:`Evidence` of the given pieces, in that order, as build_graph makes them."""
    import pyarrow as pa

    kinds, rows = net.piece_kind[pieces], net.piece_row[pieces]
    direct = kinds == 0

    def values(table, column: str, mask: np.ndarray) -> list:
        return _col(table, column).take(pa.array(rows[mask], pa.int64())).to_pylist()

    c_strength, c_estimate, c_rel, c_last, c_connected = (
        values(net.contacts, c, direct)
        for c in ("strength", "strength_estimate", "relationship", "last_contact", "connected_on")
    )
    c_estimated = net.estimated[rows[direct]].tolist()
    i_date, i_strength = values(net.intros, "date", ~direct), values(net.intros, "strength", ~direct)
    i_status = net.status.take(pa.array(rows[~direct], pa.int64())).to_pylist()
    sources = np.zeros(len(pieces), np.int64)  # you, for direct ties; else the referrer
    sources[~direct] = net.intro_src[rows[~direct]]
    ends = np.concatenate([sources, net.piece_b[pieces]])
    names = net.ids.take(pa.array(np.maximum(ends - 1, 0), pa.int64())).to_pylist() if len(ends) else []
    names = [ME if e == 0 else n for e, n in zip(ends.tolist(), names, strict=True)]
    src_names, dst_names = names[: len(pieces)], names[len(pieces) :]
    c = iter(zip(c_strength, c_estimate, c_rel, c_last, c_connected, c_estimated, strict=True))
    i = iter(zip(i_date, i_strength, i_status, strict=True))
    out = []
    for kind, row, w, a, b in zip(kinds.tolist(), rows.tolist(), net.piece_w[pieces].tolist(), src_names,
                                  dst_names, strict=True):  # fmt: skip
        if kind == 0:
            s, guess, rel, when, connected, estimated = next(c)
            s = s or guess
            out.append(Evidence("direct", a, b, w, when or connected or None, "", int(s) if s else None, rel, row + 2,
                                estimated))  # fmt: skip
        else:
            when, s, status = next(i)
            s = s if kind == 1 else ""
            out.append(Evidence("introduction" if kind == 1 else "introduced", a, b, w, when or None, status,
                                int(s) if s else None, "", row + 2))  # fmt: skip
    return out


def _evidence(net: _Network, keys: np.ndarray) -> dict[int, list[Evidence]]:
    """The evidence of the ties with these keys, grouped by tie, in build_graph's order."""
    idx = np.flatnonzero(np.isin(net.piece_key, keys))
    idx = idx[np.argsort(net.piece_order[idx], kind="stable")]
    out: dict[int, list[Evidence]] = {}
    for key, e in zip(net.piece_key[idx].tolist(), _evidence_objects(net, idx), strict=True):
        out.setdefault(key, []).append(e)
    return out


def read_aliases(path: Path, *, encoding: str | None = None) -> dict[str, str]:
    """The aliases of ``companies.csv`` (empty when absent); Unsupported on any problem."""
    from .csvio import read_table
    from .loading import parse_aliases

    if not path.exists():
        return {}
    table = read_table(path, encoding=encoding)
    aliases, problems = parse_aliases(table) if table.header else ({}, [])
    if table.problems or problems or not table.header:
        raise Unsupported("aliases")
    return aliases


def _past_employees(net: _Network, key: str) -> list[str]:
    """Names of the people whose past companies include the company ``key`` (for a message)."""
    pasts, names = _col(net.contacts, "past_companies").to_pylist(), _col(net.contacts, "name").to_pylist()
    return sorted(n for n, p in zip(names, pasts, strict=True)
                  if any(company_key(c, net.aliases) == key for c in split_list(p)))  # fmt: skip


def rank_paths_from_files(
    contacts_path: Path,
    intros_path: Path,
    company: str,
    *,
    office: str | None = None,
    role: str | None = None,
    max_hops: int = 3,
    top: int | None = 20,
    include_cold: bool = True,
    inferred: bool = True,
    weights: Weights | None = None,
    today: date | None = None,
    aliases: dict[str, str] | None = None,
    encoding: str | None = None,
) -> list[RankedPath]:
    """Rank the people at a target straight from the CSV files (see the module docstring).

    Raises :class:`Unsupported` when the files need the full loader, and the library's
    :class:`~netmap.errors.NotFoundError` for an unknown company or office.
    """
    weights = weights or Weights()
    today = today or date.today()
    aliases = aliases or {}
    net = _Network(Path(contacts_path), Path(intros_path), aliases, weights, today, encoding)
    G = nx.Graph(today=today, weights=weights, aliases=dict(aliases), company_names=net.company_names)
    G.add_node(ME, kind="user", name="You", label="You")
    key = company_key(company, aliases)
    members_rows = np.flatnonzero(net.person_key == key) if key in net.company_names else np.array([], np.int64)
    m = _member_columns(net, members_rows)
    offices = Counter((k, o) for k, o in zip(m["office_key"], m["office"], strict=True) if k) if office else Counter()
    target = resolve_target_in(net.company_names, aliases, offices, company, office=office, role=role,
                               past=lambda k: _past_employees(net, k))  # fmt: skip
    members = m["id"]
    fit_of: dict[tuple[str, str, str], Fit] = {}  # few distinct titles, many people
    fit_list = []
    for t, g, k in zip(m["title"], m["tags"], m["office_key"], strict=True):
        if (t, g, k) not in fit_of:
            fit_of[(t, g, k)] = target_fit({"title": t, "tags": split_list(g), "office_key": k}, target, weights)
        fit_list.append(fit_of[(t, g, k)])
    fits = dict(zip(members, fit_list, strict=True))

    dist, states = net.layered_costs(max_hops, inferred=inferred)
    layers = np.stack([d[members_rows + 1] for d in dist]) if len(members_rows) else np.zeros((len(dist), 0))
    final = layers[-1]
    warm = np.flatnonzero(np.isfinite(final))
    score = np.exp(-final[warm]) * np.array([fit_list[i].value for i in warm])
    first_layer = np.argmax(layers[:, warm] <= final[warm], axis=0)  # fewest hops among the cheapest
    # the order of netmap.ranking.row_order: office group, warm before cold, score
    group = [OFFICE_GROUPS.index(g) if g else 0 for g in
             (office_group({"office": o}, f) for o, f in zip(m["office"], fit_list, strict=True))]  # fmt: skip
    keys = [(group[int(i)], 0, -score[j], int(first_layer[j]), m["name"][int(i)], j) for j, i in enumerate(warm)]
    if include_cold:
        keys += [(group[i], 1, -fit_list[i].value, 0, m["name"][i], -1 - i)
                 for i in np.flatnonzero(~np.isfinite(final)).tolist()]  # fmt: skip
    keys.sort(key=lambda k: k[:5])
    if top is not None:
        keys = keys[:top]
    chosen = [k[5] for k in keys if k[5] >= 0]
    cold_rows = [-1 - k[5] for k in keys if k[5] < 0]
    paths: dict[str, list[int]] = {}
    for j in chosen:
        i = int(warm[j])
        paths[members[i]] = net.unwind(states, int(members_rows[i]) + 1, int(first_layer[j]))

    # the small graph: people on the chosen paths and in their evidence, ties with full evidence
    nodes = sorted({v for p in paths.values() for v in p})
    pair_keys = []
    for p in paths.values():
        for u, v in zip(p, p[1:], strict=False):
            if u <= net.n and v <= net.n:
                pair_keys.append(min(u, v) * (net.n + 1) + max(u, v))
    evidence = _evidence(net, np.array(pair_keys, np.int64))
    row_of = {}
    for items in evidence.values():
        for e in items:
            for end in (e.source, e.target):
                if end != ME and end not in G:
                    row_of[end] = None
    persons = {v - 1 for v in nodes if 0 < v <= net.n} | {int(members_rows[i]) for i in cold_rows}
    if row_of:
        import pyarrow as pa
        import pyarrow.compute as pc

        idx = pc.index_in(pa.array(list(row_of)), value_set=net.ids).to_numpy(zero_copy_only=False)
        persons |= {int(i) for i in idx}
    for row, attrs in _person_attrs(net, sorted(persons)).items():
        G.add_node(net.ids[row].as_py(), **attrs)
    for v in nodes:
        if v > net.n:
            gid, kind, label = net.group_info(v - net.n - 1)
            G.add_node(gid, kind="group", group=kind, name=label, label=label,
                       size=int(net.group_size[v - net.n - 1]))  # fmt: skip
    pair_sorted = net.pair_lo * (net.n + 1) + net.pair_hi  # ascending: np.unique made them
    for p in paths.values():
        for u, v in zip(p, p[1:], strict=False):
            a, b = _node_id(net, u), _node_id(net, v)
            if G.has_edge(a, b):
                continue
            if u <= net.n and v <= net.n:
                k = min(u, v) * (net.n + 1) + max(u, v)
                items = evidence[k]
                bonus = float(net.pair_bonus[np.searchsorted(pair_sorted, k)])
                warmth = combine(items, weights, bonus)
                G.add_edge(a, b, warmth=warmth, cost=-math.log(warmth), hops=1.0, inferred=False,
                           kinds=sorted({e.kind for e in items}), evidence=items, bonus=bonus)  # fmt: skip
                spent = spent_introductions(items, weights)
                if spent:
                    G[a][b]["introduced_by"] = spent
            else:
                person, grp = (u, v) if v > net.n else (v, u)
                m = np.flatnonzero((net.member_person == person) & (net.member_group == grp))[0]
                w = float(net.member_warmth[m])
                G.add_edge(a, b, warmth=w, cost=-math.log(w), hops=0.5, inferred=True, kinds=["member"],
                           role=str(net.member_role[m]))  # fmt: skip
    found = {pid: Found(0.0, 0.0, [_node_id(net, v) for v in p]) for pid, p in paths.items()}
    return assemble(G, target, members, fits, found, max_hops=max_hops, top=top, include_cold=include_cold,
                    cold=[members[i] for i in cold_rows])  # fmt: skip


def graph_from_files(
    contacts_path: Path,
    intros_path: Path,
    *,
    weights: Weights | None = None,
    today: date | None = None,
    aliases: dict[str, str] | None = None,
    encoding: str | None = None,
    inferred: bool = True,
) -> nx.Graph:
    """The graph :func:`~netmap.graph.build_graph` makes, built from the columns.

    Same nodes, ties, evidence and attributes, in the same order, without the
    row-by-row loader: several times faster on large folders. Raises
    :class:`Unsupported` where the validating loader is needed.
    """
    weights = weights or Weights()
    today = today or date.today()
    aliases = aliases or {}
    contacts_path, intros_path = Path(contacts_path), Path(intros_path)
    net = _Network(contacts_path, intros_path, aliases, weights, today, encoding)
    if not net.one_row_per_line:
        raise Unsupported("multi-line cells: line numbers need the loader")
    G = nx.Graph(today=today, weights=weights, aliases=dict(aliases), company_names=net.company_names)
    G.add_node(ME, kind="user", name="You", label="You")
    ids = net.ids.to_pylist()
    attrs = _person_attrs(net, list(range(net.n)))
    G.add_nodes_from((ids[r], attrs[r]) for r in range(net.n))

    # evidence, grouped by tie in the order build_graph first meets each tie
    order = np.argsort(net.piece_order, kind="stable")
    keys = net.piece_key[order]
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    rank = np.empty(len(uniq), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
    by_tie = np.argsort(rank[inverse], kind="stable")
    pieces = order[by_tie]
    bounds = np.searchsorted(rank[inverse][by_tie], np.arange(len(uniq) + 1))
    node = [ME, *ids]
    evidence = _evidence_objects(net, pieces)
    pair_order = np.argsort(first, kind="stable")
    lo, hi = net.pair_lo[pair_order].tolist(), net.pair_hi[pair_order].tolist()
    warmths, bonuses = net.pair_warmth[pair_order].tolist(), net.pair_bonus[pair_order].tolist()
    costs = (-np.log(net.pair_warmth[pair_order])).tolist()
    cuts = bounds.tolist()
    edges = []
    for r in range(len(lo)):
        items = evidence[cuts[r] : cuts[r + 1]]
        a, b = node[lo[r]], node[hi[r]]
        kinds = sorted({e.kind for e in items}) if len(items) > 1 else [items[0].kind]
        edges.append((a, b) if a < b else (b, a))
        attrs = {"warmth": warmths[r], "cost": costs[r], "hops": 1.0, "inferred": False, "kinds": kinds,
                 "evidence": items, "bonus": bonuses[r]}  # fmt: skip
        spent = spent_introductions(items, weights)
        if spent:
            attrs["introduced_by"] = spent
        edges[-1] += (attrs,)
    G.add_edges_from(edges)

    if not inferred:
        return G
    # groups are numbered in the order build_graph creates them, so add them first, in order
    infos = [net.group_info(gi) for gi in range(net.n_groups)]
    sizes = net.group_size.tolist()
    G.add_nodes_from((gid, {"kind": "group", "group": kind, "name": label, "label": label, "size": size})
                     for (gid, kind, label), size in zip(infos, sizes, strict=True))  # fmt: skip
    gids = [gid for gid, _, _ in infos]
    mw = net.member_warmth.tolist()
    mc = (-np.log(net.member_warmth)).tolist() if len(mw) else []
    G.add_edges_from(
        (node[p], gids[g - net.n - 1], {"warmth": w, "cost": c, "hops": 0.5, "inferred": True, "kinds": ["member"],
                                        "role": role})
        for p, g, w, c, role in zip(net.member_person.tolist(), net.member_group.tolist(), mw, mc,
                                    net.member_role.tolist(), strict=True)
    )  # fmt: skip
    return G
