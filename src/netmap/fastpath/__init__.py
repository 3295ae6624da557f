"""The engine: the network as columns, every tie's warmth computed once, with numpy.

Every question starts here (through :class:`netmap.network.Network`):

1. :class:`ColumnNetwork` holds the people and introductions as pyarrow columns, read
   straight from the CSV files (:meth:`ColumnNetwork.from_files`, with the checks that can
   be vectorised; anything they cannot vouch for raises :class:`Unsupported`) or from the
   validating loader's rows (:meth:`ColumnNetwork.from_dataset`, which is also how
   :func:`netmap.graph.build_graph` is built; a pool member's view takes rows of the pool's
   columns, :meth:`ColumnNetwork.from_columns`): one warmth formula, one set of group
   memberships, whichever way the data came in;
2. :func:`rank_paths_in` finds the best path with at most ``max_hops`` hops to every node at
   once with a hop-layered Bellman-Ford over edge arrays (exact for the hop bound);
   :func:`~netmap.fastpath.routes.routes_to` finds every contact's route to one person (the
   alternatives, ``ask``, ``explain``); each answer's rows are made on a small networkx graph
   of just its paths (:func:`~netmap.fastpath.build.paths_graph`);
3. :func:`graph_of` builds the scored networkx graph, whole (notebooks, the whole and
   ``--around`` maps) or of the part of the network a question reads (``rows=``).
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
