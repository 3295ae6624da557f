"""netmap: find a warm way into a company through the people you know.

>>> import netmap
>>> net = netmap.open_network("sample_data", today="2026-11-15")
>>> [p.name for p in net.paths("Halcyon Maps", office="Lisbon", top=3)]
['Inês Carvalho', 'Leonor Sá', 'Bruno Teixeira']
>>> G = net.graph()                  # the scored networkx graph, for notebooks and exports
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import ConfigError, ConflictError, DataError, NetmapError, NotFoundError, Problem
from .graph import build_graph, direct_warmth, recency_factor
from .loading import CheckReport, check_data, load_dataset, parse_date
from .model import ME, RELATIONSHIPS, STATUSES, Contact, Dataset, Evidence, Introduction
from .network import Network, open_network
from .normalize import normalize_company, normalize_name
from .people import PersonResolver, search_key
from .stats import NetworkStats, network_stats
from .weights import Weights, load_weights

try:
    __version__ = version("netmap")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "ME",
    "RELATIONSHIPS",
    "STATUSES",
    "CheckReport",
    "ConfigError",
    "ConflictError",
    "Contact",
    "DataError",
    "Dataset",
    "Evidence",
    "Introduction",
    "NetmapError",
    "Network",
    "NetworkStats",
    "NotFoundError",
    "PersonResolver",
    "Problem",
    "Weights",
    "build_graph",
    "check_data",
    "direct_warmth",
    "load_dataset",
    "load_weights",
    "network_stats",
    "normalize_company",
    "normalize_name",
    "open_network",
    "parse_date",
    "recency_factor",
    "search_key",
]
