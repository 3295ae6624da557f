"""A person's best paths hop by hop, with the evidence and what would raise each hop."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..errors import NotFoundError
from ..model import ME
from ..paths import suggest
from ..search import Found, GraphSearch
from ..targets import Target, resolve_target, target_fit
from .mutual import find_person
from .rows import RankedPath, make_row


@dataclass(slots=True)
class Explanation:
    """The best paths to one person, hop by hop, with what would raise each hop."""

    person: str
    name: str
    title: str
    company: str
    office: str
    paths: list[RankedPath]


def explain(
    G: nx.Graph,
    person: str,
    *,
    company: str | Target | None = None,
    office: str | None = None,
    role: str | None = None,
    k: int = 3,
    max_hops: int = 3,
    source: str = ME,
    routes: list[Found] | None = None,
) -> Explanation:
    """Explain the ``k`` best paths (different introducers) to ``person`` (an id or name).

    With ``company`` the score includes the target fit for that company/office/role;
    otherwise the fit is the person's seniority alone. ``routes``: the person's best
    routes through different first hops, when the caller has searched them
    (:meth:`netmap.Network.explain` does, from the columns); else they are searched on ``G``.
    """
    pid = find_person(G, person)
    if pid == source:
        raise NotFoundError("that is you - name someone else to explain the paths to them")
    node = G.nodes[pid]
    if company:
        target = company if isinstance(company, Target) else resolve_target(G, company, office=office, role=role)
        if node.get("company_key") != target.company:
            where = f"at {node['company']}" if node.get("company") else "at no company on record"
            raise NotFoundError(f"{node['name']} is not at {target.company_name} ({where}) - "
                                "leave out --company or name their company")  # fmt: skip
    else:
        target = Target(node.get("company_key", ""), node.get("company", ""))
    fit = target_fit(node, target, G.graph["weights"])
    if routes is None:
        from ..fastpath.target_search import best_routes

        search = GraphSearch(G, source, max_hops=max_hops)
        routes = search.found(best_routes(search.arrays, search.number[pid], k=k, max_hops=max_hops))
    paths = [make_row(G, target, pid, f.path, fit, "trust") for f in routes]
    paths.sort(key=lambda r: (-r.score, r.hops, r.first_ask_name))
    paths = paths[:k]
    for i, p in enumerate(paths, 1):
        p.rank = i
        for hop in p.hop_details:
            hop.suggestion = suggest(G, hop)
    return Explanation(pid, node["name"], node.get("title", ""), node.get("company", ""), node.get("office", ""), paths)
