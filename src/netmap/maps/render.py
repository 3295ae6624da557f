"""Writing a :class:`~netmap.maps.model.MapData` as one self-contained, offline HTML page.

pyvis holds the network (nodes, edges and options are assigned as prepared lists
and a dict: ``add_edge`` is quadratic and ``set_options`` mangles strings) and
provides vis-network 9.1.2, which is read from the installed package and inlined.
The page itself is netmap's own Jinja template (``templates/map.html.j2``), not
pyvis's, because pyvis's template links Bootstrap from a CDN and inserts the
heading and menu entries as raw HTML.

What the page guarantees:

- no external URL is loaded: scripts and styles are inline, fonts are the
  system's, and a Content-Security-Policy (``default-src 'none'``) blocks any
  request that could still slip in;
- contact text is data, never markup: it travels as JSON in a
  ``<script type="application/json">`` block (``<``, ``>``, ``&`` and ``'`` escaped),
  tooltips are plain strings (vis-network shows them with ``innerText``) and the
  page's own panels are built with ``textContent``;
- the same data gives the same bytes (no timestamps, seeded layout).

pyvis is imported inside :func:`render_map` only (it costs ~0.4 s).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from ..csvio import gc_paused
from .model import MapData

VIS_VERSION = "9.1.2"
_HERE = Path(__file__).parent


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # cannot happen with 9.1.2; keeps the inline <script> element closed only where we close it
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


# collector paused as in map_data: the page's JSON is many lists and strings, and the only
# cycles are jinja's environment (a few dozen objects), collected after
@gc_paused()
def render_map(data: MapData) -> str:
    """The HTML text of the map page."""
    import jinja2
    from markupsafe import Markup
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    net.nodes = data.nodes
    net.edges = data.edges
    net.options = data.options
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,
        keep_trailing_newline=True,
    )
    # the page's data as compact JSON in the order it was built (jinja sorts keys by default: a
    # quarter of the file's time at 10,000 people); still escaped for the <script> element
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "separators": (",", ":")}
    template = env.get_template("map.html.j2")
    vis_js, vis_css = _vis_assets()
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options_json),
        **data.page_data(),
    }
    return template.render(
        title=data.title,
        payload=payload,
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        map_js=Markup(_asset("map.js").replace("</script", "<\\/script")),
        map_css=Markup(_asset("map.css")),
    )


def _asset(name: str) -> str:
    return (_HERE / "templates" / name).read_text(encoding="utf-8")


def write_map(data: MapData, target: str | os.PathLike[str] | TextIO | None) -> str:
    """Render and write the page atomically as UTF-8 (``-``/None: stdout); return the text."""
    from ..output import write_text

    html = render_map(data)
    write_text(html, target)
    return html
