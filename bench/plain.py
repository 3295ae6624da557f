"""The simplest compiled answer, as issue 12's floor for ``netmap paths``: read both files with
pyarrow, map ids with arrow, one scipy CSR of direct ties and introductions (no groups, no
evidence, no rules, no hop limit), one ``scipy.sparse.csgraph.dijkstra`` from the user, and the
top people of the target company by that cost alone.

    python bench/plain.py bench/data/n1000000 --company "Company 00001" --top 20

It prints ``rank,id,cost`` rows. Its answer is not netmap's (no warmth formula, no fit, no
inferred ties): it is the least work any tool must do to answer from these files, so the ratio
of netmap's time to this one's says what netmap's meaning costs on top.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

STRENGTH_COST = {1: -np.log(0.2), 2: -np.log(0.35), 3: -np.log(0.5), 4: -np.log(0.65), 5: -np.log(0.8)}
INTRODUCTION_COST = -np.log(0.3)


def read(path: Path, columns: dict[str, pa.DataType]) -> pa.Table:
    return pv.read_csv(path, convert_options=pv.ConvertOptions(column_types=columns,
                                                               include_columns=list(columns)))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--company", required=True)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    s = pa.string()
    contacts = read(args.data / "contacts.csv", {"id": s, "company": s, "strength": pa.int64()})
    intros = read(args.data / "introductions.csv", {"referrer": s, "contact": s})
    n = contacts.num_rows
    nodes = pa.concat_arrays([pa.array(["me"]), contacts["id"].combine_chunks()])
    src = pc.index_in(intros["referrer"], value_set=nodes).to_numpy(zero_copy_only=False)
    dst = pc.index_in(intros["contact"], value_set=nodes).to_numpy(zero_copy_only=False)
    strength = contacts["strength"].to_numpy(zero_copy_only=False)
    known = np.flatnonzero(~np.isnan(strength))
    direct_cost = np.vectorize(STRENGTH_COST.get, otypes=[float])(strength[known].astype(int))
    rows = np.concatenate([np.zeros(len(known), np.int64), known + 1, src, dst])
    cols = np.concatenate([known + 1, np.zeros(len(known), np.int64), dst, src])
    cost = np.concatenate([direct_cost, direct_cost, np.full(2 * len(src), INTRODUCTION_COST)])
    graph = sp.csr_matrix((cost, (rows, cols)), shape=(n + 1, n + 1))
    dist = dijkstra(graph, directed=True, indices=0)
    at = np.flatnonzero(pc.equal(contacts["company"], args.company).to_numpy(zero_copy_only=False))
    best = at[np.argsort(dist[at + 1], kind="stable")][: args.top]
    out = ["rank,id,cost"] + [f"{i},{nodes[int(b) + 1]},{dist[b + 1]:.6f}" for i, b in enumerate(best, 1)]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
