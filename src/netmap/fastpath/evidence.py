"""From arrays back to people: node ids, person attributes and the evidence behind a tie."""

from __future__ import annotations

import numpy as np

from ..graph import (
    company_key,
    person_attrs,
)
from ..model import ME, Contact, Evidence
from ..normalize import normalize_company, split_list
from .network import ColumnNetwork
from .read import _col


def _node_id(net: ColumnNetwork, i: int) -> str:
    if i == 0:
        return ME
    if i <= net.n:
        return net.ids[i - 1].as_py()
    return net.group_info(i - net.n - 1)[0]


def _person_attrs(net: ColumnNetwork, rows: list[int]) -> dict[int, dict]:
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
            last_contact=d.get("last_contact"), past_companies=split_list(g.get("past_companies", "")),
            strength_estimate=int(g["strength_estimate"]) if g.get("strength_estimate") else None,
            connected_on=d.get("connected_on"),
            tags=split_list(g.get("tags", "")), school=g.get("school", ""), notes=g.get("notes", ""),
        )  # fmt: skip
        out[row] = person_attrs(contact, net.person_key[row] if len(net.person_key) else "")
    return out


def _member_columns(net: ColumnNetwork, rows: np.ndarray) -> dict[str, list]:
    """id, name, title, office, office_key and tags of the target company's people."""
    import pyarrow as pa

    taken = net.contacts.take(pa.array(rows, pa.int64()))
    out = {c: _col(taken, c).to_pylist() for c in ("id", "name", "title", "office", "tags")}
    out["office_key"] = [normalize_company(o) for o in out["office"]]
    return out


def _evidence_objects(net: ColumnNetwork, pieces: np.ndarray) -> list[Evidence]:
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
    # whose introduction it is, in a pool member's view (the column netmap.pool.member_network adds)
    i_by = values(net.intros, "recorded_by", ~direct) if "recorded_by" in net.intros.column_names else None
    sources = np.zeros(len(pieces), np.int64)  # you, for direct ties; else the referrer
    sources[~direct] = net.intro_src[rows[~direct]]
    ends = np.concatenate([sources, net.piece_b[pieces]])
    names = net.ids.take(pa.array(np.maximum(ends - 1, 0), pa.int64())).to_pylist() if len(ends) else []
    names = [ME if e == 0 else n for e, n in zip(ends.tolist(), names, strict=True)]
    src_names, dst_names = names[: len(pieces)], names[len(pieces) :]
    c = iter(zip(c_strength, c_estimate, c_rel, c_last, c_connected, c_estimated, strict=True))
    i = iter(zip(i_date, i_strength, i_status, i_by or [""] * len(i_status), strict=True))
    out = []
    for kind, row, w, a, b in zip(kinds.tolist(), rows.tolist(), net.piece_w[pieces].tolist(), src_names,
                                  dst_names, strict=True):  # fmt: skip
        if kind == 0:
            s, guess, rel, when, connected, estimated = next(c)
            s = s or guess
            out.append(Evidence("direct", a, b, w, when or connected or None, "", int(s) if s else None, rel,
                                net.contact_line(row),
                                estimated))  # fmt: skip
        else:
            when, s, status, by = next(i)
            s = s if kind == 1 else ""
            out.append(Evidence("introduction" if kind == 1 else "introduced", a, b, w, when or None, status,
                                int(s) if s else None, "", net.intro_line(row), recorded_by=by))  # fmt: skip
    return out


def _pieces_of(net: ColumnNetwork, keys: np.ndarray) -> np.ndarray:
    """The evidence pieces of the ties with these keys, in build_graph's order."""
    idx = np.flatnonzero(np.isin(net.piece_key, keys))
    return idx[np.argsort(net.piece_order[idx], kind="stable")]


def _evidence(net: ColumnNetwork, idx: np.ndarray) -> dict[int, list[Evidence]]:
    """The evidence of these pieces (:func:`_pieces_of`), grouped by tie."""
    out: dict[int, list[Evidence]] = {}
    for key, e in zip(net.piece_key[idx].tolist(), _evidence_objects(net, idx), strict=True):
        out.setdefault(key, []).append(e)
    return out


def _past_employees(net: ColumnNetwork, key: str) -> list[str]:
    """Names of the people whose past companies include the company ``key`` (for a message)."""
    pasts, names = _col(net.contacts, "past_companies").to_pylist(), _col(net.contacts, "name").to_pylist()
    return sorted(n for n, p in zip(names, pasts, strict=True)
                  if any(company_key(c, net.aliases) == key for c in split_list(p)))  # fmt: skip
