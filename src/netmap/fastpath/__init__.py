"""The engine: the network as columns, every tie's warmth computed once, with numpy.

Every question starts here (through :class:`netmap.network.Network`):

1. :class:`ColumnNetwork` holds the people and introductions as pyarrow columns, read
   straight from the CSV files (:meth:`ColumnNetwork.from_files`, with the checks that can
   be vectorised; anything they cannot vouch for raises :class:`Unsupported`) or from the
   validating loader's rows (:meth:`ColumnNetwork.from_dataset`, which is also how
   :func:`netmap.graph.build_graph` and a pool member's view are built): one warmth
   formula, one set of group memberships, whichever way the data came in;
2. :func:`rank_paths_in` finds the best path with at most ``max_hops`` hops to every node at
   once with a hop-layered Bellman-Ford over edge arrays (exact for the hop bound), then
   builds a small networkx graph of the chosen paths for :func:`netmap.ranking.assemble`;
3. :func:`graph_of` builds the whole scored networkx graph, for the questions still answered
   on it (alternatives per introducer, ``ask``, ``mutual``, ``explain``, ``stats``, the map)
   and for notebooks and exports.
"""

from __future__ import annotations

from .build import graph_from_files, graph_of, rank_paths_from_files, rank_paths_in, target_in
from .network import ColumnNetwork
from .read import Unsupported, read_aliases

__all__ = [
    "ColumnNetwork",
    "Unsupported",
    "graph_from_files",
    "graph_of",
    "rank_paths_from_files",
    "rank_paths_in",
    "read_aliases",
    "target_in",
]
