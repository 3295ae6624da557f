"""Summary figures of a network: size, reach, largest companies, top brokers.

>>> from datetime import date
>>> from netmap.model import Contact, Dataset
>>> from netmap.fastpath import ColumnNetwork
>>> from netmap.weights import Weights
>>> ds = Dataset([Contact("a", "A", company="X", strength=3), Contact("b", "B", company="X")], [])
>>> s = network_stats(ColumnNetwork.from_dataset(ds, Weights(), date(2026, 1, 1)))
>>> (s.people, s.direct_ties, s.unreachable)
(2, 1, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import ME
from .normalize import normalize_company

if TYPE_CHECKING:
    import numpy as np

    from .fastpath import ColumnNetwork

EXACT_BETWEENNESS_LIMIT = 2000


@dataclass(slots=True)
class Broker:
    id: str
    name: str
    company: str
    betweenness: float


@dataclass(slots=True)
class NetworkStats:
    """The figures ``netmap stats`` prints."""

    people: int
    direct_ties: int
    introductions: int
    ties: int
    companies: int
    offices: int
    components: int
    unreachable: int
    largest_companies: list[tuple[str, int]] = field(default_factory=list)
    brokers: list[Broker] = field(default_factory=list)
    broker_measure: str = "betweenness"


def network_stats(net: ColumnNetwork, *, top: int = 5) -> NetworkStats:
    """Compute :class:`NetworkStats` from the columns (:class:`~netmap.fastpath.ColumnNetwork`).

    Brokers are ranked by betweenness over shortest paths between people (inferred
    ties included, group nodes never counted as ends) when the network has at most 2,000
    nodes; above that, where exact betweenness takes minutes, by the number of other
    companies a person's explicit ties reach (``broker_measure`` says which).
    """
    import numpy as np

    n = net.n
    key_codes, keys = _codes(net.person_key)
    has_key = np.array([bool(k) for k in keys], bool)[key_codes] if n else np.zeros(0, bool)
    office_keys = np.array([normalize_company(o) for o in _texts(net, "office")], dtype=object)
    office_codes, _ = _codes(office_keys)
    has_office = office_keys.astype(bool)
    counts = np.bincount(key_codes[has_key], minlength=len(keys))
    first = np.full(len(keys), n, np.int64)
    np.minimum.at(first, key_codes[has_key], np.flatnonzero(has_key))
    order = sorted((k for k in range(len(keys)) if counts[k]), key=lambda k: (-counts[k], first[k]))
    both = has_key & has_office
    offices = len(set(zip(key_codes[both].tolist(), office_codes[both].tolist(), strict=True)))

    total = 1 + n + net.n_groups
    u = np.concatenate([net.pair_lo, net.member_person]).astype(np.int64)
    v = np.concatenate([net.pair_hi, net.member_group]).astype(np.int64)
    label = _components(total, u, v)
    person_labels = label[1 : n + 1]

    if total <= EXACT_BETWEENNESS_LIMIT:
        import networkx as nx

        from .fastpath import graph_of

        G = graph_of(net)
        ends = [*(p for p, kind in G.nodes(data="kind") if kind == "person"), ME]
        by_id = nx.betweenness_centrality_subset(G, ends, ends, normalized=True)
        centrality = np.array([by_id[i] for i in net.ids.to_pylist()], float)
    else:
        centrality = _companies_bridged(net, key_codes, has_key).astype(float)
    ids, people_names, companies = net.ids.to_pylist(), _texts(net, "name"), _texts(net, "company")
    candidates = sorted(np.flatnonzero(centrality > 0).tolist(), key=lambda r: (-centrality[r], people_names[r]))
    return NetworkStats(
        people=n,
        direct_ties=int(np.count_nonzero(net.pair_lo == 0)),
        introductions=net.intros.num_rows,
        ties=len(net.pair_lo),
        companies=len(order),
        offices=offices,
        components=len(np.unique(label)),
        unreachable=int(np.count_nonzero(person_labels != label[0])),
        largest_companies=[(net.company_names.get(keys[k], keys[k]), int(counts[k])) for k in order[:top]],
        brokers=[
            Broker(ids[r], people_names[r], companies[r], round(float(centrality[r]), 4)) for r in candidates[:top]
        ],  # fmt: skip
        broker_measure="betweenness" if total <= EXACT_BETWEENNESS_LIMIT else "companies bridged",
    )


def _texts(net: ColumnNetwork, column: str) -> list[str]:
    from .fastpath.read import _col

    return _col(net.contacts, column).to_pylist()


def _codes(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Integer codes of an object array of strings, and the distinct strings."""
    import numpy as np

    if not len(values):
        return np.zeros(0, np.int64), []
    uniq, codes = np.unique(values.astype(str), return_inverse=True)
    return codes.astype(np.int64), uniq.tolist()


def _components(total: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """A component label for each of ``total`` nodes joined by the edges ``u``-``v`` (the
    smallest node of its component), by min-label propagation with pointer jumping."""
    import numpy as np

    label = np.arange(total, dtype=np.int64)
    while True:
        low = np.minimum(label[u], label[v])
        new = label.copy()
        np.minimum.at(new, u, low)
        np.minimum.at(new, v, low)
        while True:  # pointer jumping: a label's label, until nothing moves
            jumped = new[new]
            if np.array_equal(jumped, new):
                break
            new = jumped
        if np.array_equal(new, label):
            return label
        label = new


def _companies_bridged(net: ColumnNetwork, key_codes: np.ndarray, has_key: np.ndarray) -> np.ndarray:
    """For each person, how many companies other than their own their explicit ties (not
    you) reach: a cheap measure of brokerage, linear in the ties."""
    import numpy as np

    people = net.pair_lo > 0
    a = np.concatenate([net.pair_lo[people], net.pair_hi[people]]).astype(np.int64) - 1
    b = np.concatenate([net.pair_hi[people], net.pair_lo[people]]).astype(np.int64) - 1
    keep = has_key[b] & (~has_key[a] | (key_codes[b] != key_codes[a]))
    pairs = np.unique(a[keep] * (len(key_codes) + 1) + key_codes[b[keep]])
    return np.bincount(pairs // (len(key_codes) + 1), minlength=net.n)
