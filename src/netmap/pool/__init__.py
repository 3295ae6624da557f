"""Pooled networks: several members' folders as one network, ranked from any member.

* :func:`build_pool` merges consenting members' data folders (``netmap pool``);
* :func:`load_pool` reads a pooled folder once; :func:`member_view` is the
  :class:`~netmap.model.Dataset` one member ranks on, :func:`member_network` its columns
  as every ``--as MEMBER`` question reads them;
* :func:`netmap.pool.batch.rank_batch` ranks many members x many targets (``netmap batch``).

See ``docs/pool.md``.
"""

from __future__ import annotations

from .build import PoolSummary, build_pool
from .consent import Consent, read_consent
from .view import POOL_MEMBER, Pool, Tie, find_member, is_pool, load_pool, member_graph, member_network, member_view

__all__ = [
    "POOL_MEMBER",
    "Consent",
    "Pool",
    "PoolSummary",
    "Tie",
    "build_pool",
    "find_member",
    "is_pool",
    "load_pool",
    "member_graph",
    "member_network",
    "member_view",
    "read_consent",
]
