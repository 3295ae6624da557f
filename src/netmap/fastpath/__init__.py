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

from .build import graph_from_files, rank_paths_from_files
from .network import ColumnNetwork
from .read import Unsupported, read_aliases

__all__ = ["ColumnNetwork", "Unsupported", "graph_from_files", "rank_paths_from_files", "read_aliases"]
