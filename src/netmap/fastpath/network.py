"""The whole network as arrays: ids, columns, ties with their warmth and group memberships (what
:mod:`netmap.fastpath.walk` searches), built from the files or from validated rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from ..graph import (
    GROUP_PREFIX,
    company_key,
    inferred_factor,
)
from ..model import CONTACT_COLUMNS, INTRODUCTION_COLUMNS, ME, Dataset
from ..normalize import normalize_company
from ..weights import Weights
from .arrays import SearchArrays, release_freed_memory, stable_order, unique_first_inverse, use_returning_pool
from .dataset_columns import contact_columns, introduction_columns
from .read import _check, _check_values, _col, _days_since, _lookup, _read, _recency

#: what a membership says of its person: works there, works at that office, worked there, studied there
MEMBER_ROLES = ("current", "office", "past", "school")


def _index_type(bound: int) -> type:
    """The integer type for numbers below ``bound``: int32 where it holds them (half the memory)."""
    return np.int32 if bound < np.iinfo(np.int32).max else np.int64


class ColumnNetwork(SearchArrays):
    """The whole network as arrays: ids, columns, ties with warmth, group memberships."""

    def __init__(self, contacts, intros, aliases: dict[str, str], weights: Weights, today: date, *,
                 contact_lines: np.ndarray | None = None, intro_lines: np.ndarray | None = None,
                 checked: bool = False):  # fmt: skip
        """``contacts`` / ``intros``: pyarrow tables of the files' columns (text, dates as date32).

        Their values are checked column by column (:class:`Unsupported` when the loader is needed)
        unless ``checked`` (the loader has validated them). ``*_lines``: each row's line in its
        file, for the evidence (default: row + 2, one row per line under a header).
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        super().__init__()
        self.weights, self.today, self.aliases = weights, today, aliases
        c = contacts
        #: each row's line in its file, when it is not the row + 2 (see :meth:`contact_line`)
        self.contact_lines, self.intro_lines = contact_lines, intro_lines
        self.contacts = c
        #: each row is one line of its file (else the loader's line numbers are needed)
        self.one_row_per_line = True
        n = c.num_rows
        if not checked:
            _check_values(c, intros)
        ids = _col(c, "id")
        strength = _col(c, "strength")
        relationship = _col(c, "relationship")
        estimate = _col(c, "strength_estimate")
        contact_days = _days_since(_col(c, "last_contact"), today)
        connected_days = _days_since(_col(c, "connected_on"), today)
        contact_days = np.where(np.isnan(contact_days), connected_days, contact_days)  # last contact, else connected
        self.estimated = (pc.equal(strength, "").to_numpy(zero_copy_only=False)
                          & pc.not_equal(estimate, "").to_numpy(zero_copy_only=False))  # fmt: skip
        strength = pc.if_else(pc.equal(strength, ""), estimate, strength)  # stated, else estimated
        self.ids = ids
        value_set = pa.concat_arrays([pa.array([ME]), ids])

        r = intros
        self.intros = r
        ends = []
        for name in ("referrer", "contact"):
            idx = pc.index_in(_col(r, name), value_set=value_set)
            if not checked:
                _check(idx.null_count == 0, "name or unknown id")
            ends.append(idx.to_numpy(zero_copy_only=False).astype(np.int64))
        src, dst = ends
        if not checked:
            _check(not np.any(src == dst), "self introduction")
            _check(not np.any(dst == 0), "'me' as the contact")
        status = _col(r, "status")
        istrength = _col(r, "strength")
        intro_days = _days_since(_col(r, "date"), today)
        status = pc.if_else(pc.equal(status, ""), "suggested", status)
        self.status = status
        self._pieces(n, strength, relationship, contact_days, src, dst, status, istrength, intro_days)
        # the evidence reads an introduction's date, strength and recorder; its ends are numbers now
        self.intros = r.drop_columns([name for name in ("referrer", "contact", "status") if name in r.column_names])
        del r, intros, src, dst, status, ends
        self._memberships(n)
        release_freed_memory()

    @classmethod
    def from_files(cls, contacts_path: Path, intros_path: Path, aliases: dict[str, str], weights: Weights,
                   today: date, encoding: str | None = None) -> ColumnNetwork:  # fmt: skip
        """Read the CSV files into columns (:class:`Unsupported` when the loader is needed)."""
        import pyarrow as pa

        use_returning_pool()

        contacts, one_per_line = _read(contacts_path, CONTACT_COLUMNS, ("id", "name"), encoding,
                                       dates=("last_contact", "connected_on"))  # fmt: skip
        if intros_path.exists():
            intros, lines_ok = _read(intros_path, INTRODUCTION_COLUMNS, ("referrer", "contact"), encoding,
                                     dates=("date",))  # fmt: skip
            one_per_line = one_per_line and lines_ok
        else:
            intros = pa.table({k: pa.array([], pa.string()) for k in INTRODUCTION_COLUMNS})
        net = cls(contacts, intros, aliases, weights, today)
        net.one_row_per_line = one_per_line  # else a row's line is not its index + 2
        return net

    @classmethod
    def from_dataset(cls, dataset: Dataset, weights: Weights, today: date) -> ColumnNetwork:
        """The columns of a validated :class:`~netmap.model.Dataset` (the loader's rows)."""
        people, rows = dataset.contacts, dataset.introductions
        return cls.from_columns(contact_columns(people), introduction_columns(rows), dataset.aliases, weights, today,
                                contact_lines=np.array([p.line for p in people], np.int64),
                                intro_lines=np.array([i.line for i in rows], np.int64))  # fmt: skip

    @classmethod
    def from_columns(cls, contacts, intros, aliases: dict[str, str], weights: Weights, today: date, *,
                     contact_lines: np.ndarray, intro_lines: np.ndarray) -> ColumnNetwork:  # fmt: skip
        """The network of validated rows already in columns (:func:`contact_columns` and
        :func:`introduction_columns` of the loader's rows, or rows taken from them), with the
        loader's line numbers."""
        net = cls(contacts, intros, aliases, weights, today, checked=True, contact_lines=contact_lines,
                  intro_lines=intro_lines)  # fmt: skip
        net.one_row_per_line = True  # the lines are the loader's
        return net

    # -- ties -------------------------------------------------------------------------------
    def _pieces(self, n, strength, relationship, contact_days, src, dst, status, istrength, intro_days) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        w = self.weights
        by_strength = _lookup(strength, {k: v for k, v in w.strength.items()})
        by_kind = _lookup(relationship, w.relationship)
        both = ~np.isnan(by_strength) & ~np.isnan(by_kind)
        base = np.where(both, w.strength_share * by_strength + (1 - w.strength_share) * by_kind,
                        np.where(np.isnan(by_strength), by_kind, by_strength))  # fmt: skip
        direct = np.flatnonzero(~np.isnan(base))
        direct_w = base[direct] * _recency(contact_days[direct], w)

        # (in place where it can be: at 1M people each of these is 5M long)
        decay = _recency(intro_days, w)
        intro_w = _lookup(istrength, {k: v for k, v in w.strength.items()})
        intro_w[np.isnan(intro_w)] = w.introduction_default
        factor = _lookup(status, w.status)
        intro_w *= np.maximum(1.0, factor)
        intro_w *= decay
        introduced = _lookup(status, w.introduced)
        via = np.flatnonzero(~np.isnan(introduced) & (src != 0))
        introduced_w = introduced[via] * decay[via]
        del introduced, decay
        self.used_src, self.used_dst = src[via], dst[via]  # introductions that happened: R -> C is spent

        # pieces in the order build_graph sees them: direct ties, then introductions
        d, m = len(direct), len(src)
        a = np.concatenate([np.zeros(d, np.int64), src, np.zeros(len(via), np.int64)])
        b = np.concatenate([direct + 1, dst, dst[via]])
        pw = np.concatenate([direct_w, intro_w, introduced_w])
        del intro_w
        # an introduction's direction: 1 from the lower node to the higher, -1 the other way, 0 not one
        towards = np.zeros(len(a), np.int8)
        towards[d : d + m] = np.where(src < dst, 1, -1)
        penalty = np.ones(len(a))
        penalty[d : d + m] = np.minimum(1.0, factor)
        del factor
        key = np.minimum(a, b)
        key *= n + 1
        key += np.maximum(a, b)
        del a
        # build_graph's order within a tie: direct first, then by introduction row, each
        # row's "introduction" piece before its "introduced" one
        piece_order = np.concatenate([direct, n + 2 * np.arange(m), n + 2 * via + 1])
        # multiply in that same order, so every warmth is the very float combine() gives: lay the
        # pieces out in piece_order (an introduction row's "introduced" piece right after it), then
        # one stable sort by tie (as np.lexsort((piece_order, key)), at a third of the cost)
        laid = np.empty(len(key), np.int64)
        laid[:d] = np.arange(d)
        laid[d + np.arange(m) + np.searchsorted(via, np.arange(m))] = d + np.arange(m)
        laid[d + via + 1 + np.arange(len(via))] = d + m + np.arange(len(via))
        order = laid[stable_order(key[laid])]
        del laid
        skey = key[order]
        starts = np.flatnonzero(np.concatenate([[True], skey[1:] != skey[:-1]])) if len(skey) else np.zeros(0, np.int64)
        uniq = skey[starts]
        del skey
        left = pw[order]  # what each piece leaves missing: 1 - min(warmth, 0.99)
        np.minimum(left, 0.99, out=left)
        np.subtract(1.0, left, out=left)
        missing = np.multiply.reduceat(left, starts) if len(order) else np.ones(0)
        del left
        pen = np.multiply.reduceat(penalty[order], starts) if len(order) else np.ones(0)
        del penalty
        ways = towards[order]
        fwd = np.maximum.reduceat(ways == 1, starts) if len(order) else np.zeros(0, bool)
        bwd = np.maximum.reduceat(ways == -1, starts) if len(order) else np.zeros(0, bool)
        bonus = np.where(fwd & bwd, w.reciprocity, 1.0)
        del order, ways, towards, fwd, bwd
        record = np.zeros(n + 1)
        # (pyarrow tests the statuses: as numpy they would be millions of Python strings)
        good = pc.is_in(status, value_set=pa.array(["met", "thanked"])).to_numpy(zero_copy_only=False)
        bad = pc.is_in(status, value_set=pa.array(["declined", "no_response"])).to_numpy(zero_copy_only=False)
        np.add.at(record, src[good], 1)
        np.add.at(record, src[bad], -1)
        plo, phi = uniq // (n + 1), uniq % (n + 1)
        track = np.clip(1 + w.track_record_step * record[phi], w.track_record_min, w.track_record_max)
        bonus = np.where((plo == 0) & (record[phi] != 0), bonus * track, bonus)
        warmth = np.clip((1 - missing) * pen * bonus, 0.01, 1.0)
        #: each tie's key lo * (n + 1) + hi, ascending (np.unique made them): searchsorted finds a tie
        self.pair_key = uniq
        # node and row numbers as the smallest integers that hold them (keys stay int64)
        node_type = _index_type(10 * (n + 1))  # the search adds a copy of every node and group
        self.pair_lo, self.pair_hi = plo.astype(node_type), phi.astype(node_type)
        self.pair_warmth, self.pair_bonus = warmth, bonus
        self.piece_key, self.piece_w = key, pw
        self.piece_b: np.ndarray = b.astype(node_type)
        self.piece_kind = np.concatenate([np.zeros(len(direct), np.int8), np.ones(len(src), np.int8),
                                          np.full(len(via), 2, np.int8)])  # fmt: skip
        row_type = _index_type(n + 2 * len(src) + 2)
        self.piece_row: np.ndarray = np.concatenate([direct, np.arange(len(src)), via]).astype(row_type)
        self.piece_order: np.ndarray = piece_order.astype(row_type)
        self.intro_src = src.astype(node_type)
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
        for i, (k, d) in enumerate(zip(keys, display, strict=True)):
            if k:
                t = tally.setdefault((k, d), [0, i])
                t[0] += int(counts[i])
        best: dict[str, tuple[int, int, str]] = {}
        for (k, d), (count, seen) in tally.items():
            if k not in best or (count, -seen) > best[k][:2]:
                best[k] = (count, -seen, d)
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
        _, first, group = unique_first_inverse(gkey)
        # number groups by first appearance, as build_graph adds nodes
        rank = np.empty(len(first), np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(len(first))
        node_type = _index_type(10 * (n + 1))
        self.member_person = (person + 1).astype(node_type)
        self.member_group = (rank[group] + n + 1).astype(node_type)
        sizes, where = np.unique(np.bincount(group), return_inverse=True)
        factor = np.array([inferred_factor(int(x), w) for x in sizes.tolist()])[where] if len(sizes) else sizes
        self.member_warmth = np.sqrt(weight * factor[group]) if len(group) else weight
        self.group_size = np.bincount(group)[np.argsort(rank)] if len(group) else np.zeros(0, np.int64)
        #: each membership's role, a code into :data:`MEMBER_ROLES`
        self.member_role = role
        first_event = np.empty(len(first), np.int64)
        first_event[rank] = first
        # what names each group: its first membership's kind, code, person and spelling (one per group)
        self._group_kind, self._group_code = kind[first_event], code[first_event]
        self._group_person, self._group_raw = person[first_event], raw_code[first_event]
        self._lookups = (all_keys, sorted(okid_of, key=okid_of.__getitem__),
                         sorted(sid_of, key=sid_of.__getitem__),
                         office_raw, office_codes, school_raw, school_codes, past_raw,
                         max(1, len(okid_of)))  # fmt: skip
        self.n_groups = len(first)

    def contact_line(self, row: int) -> int:
        """The line of contact row ``row`` in its file."""
        return int(self.contact_lines[row]) if self.contact_lines is not None else row + 2

    def intro_line(self, row: int) -> int:
        """The line of introduction row ``row`` in its file."""
        return int(self.intro_lines[row]) if self.intro_lines is not None else row + 2

    def group_info(self, gi: int) -> tuple[str, str, str]:
        """(node id, group kind, label) of group number ``gi``, as build_graph names them."""
        all_keys, okeys, skeys, office_raw, office_codes, school_raw, school_codes, past_raw, width = self._lookups
        e = gi
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
