"""Interactive network maps: one offline, self-contained HTML page per map.

:func:`map_data` decides what the map shows (:mod:`~netmap.maps.scene`, plain data,
no HTML), with the folder's palette and line styles (:mod:`~netmap.maps.style`) and
the words shown about each person (:mod:`~netmap.maps.labels`);
:func:`render_map` / :func:`write_map` turn it into a page with vis-network (from
pyvis, inlined) and netmap's own small script for search, filters, the legend,
path highlighting and the click panel. :func:`referral_map` prepares the
referral-tree view (who gave you whose name) from a dataset.

>>> import netmap
>>> from netmap.maps import map_data, write_map
>>> G = netmap.build_graph(netmap.load_dataset("sample_data"))       # doctest: +SKIP
>>> data = map_data(G, company="Halcyon Maps", office="Lisbon", top=5)  # doctest: +SKIP
>>> html = write_map(data, "network.html")                            # doctest: +SKIP
"""

from __future__ import annotations

from .model import MapData, MapOptions, MapPath
from .referrals import referral_map
from .render import render_map, write_map
from .scene import map_data

__all__ = [
    "MapData",
    "MapOptions",
    "MapPath",
    "map_data",
    "referral_map",
    "render_map",
    "write_map",
]
