"""``netmap prep PERSON``: one page to read before an informational interview.

Who they are, how you are connected (the best paths, with their evidence) and who
introduced you, your history with them and with the introducers, the time you asked
for, questions to ask (``templates/questions.md``, which the data folder may replace)
and the closing steps. Markdown, or HTML for a browser (self-contained, every value
escaped).

>>> md_escape("Ana <b>[x](y)")
'Ana &lt;b>\\\\[x\\\\](y)'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Dataset
from ._common import TIME_ASK, find_person, one_line
from .events import Event
from .history import HistoryEntry, history

if TYPE_CHECKING:
    from ..network import Network

#: The closing steps of an informational interview.
CLOSING = (
    f"Keep to the {TIME_ASK} you asked for; offer to stop on time.",
    "Ask: who else would you suggest I talk to? May I say you sent me?",
    "Ask to stay in touch (connect on LinkedIn).",
    "Offer your resume at the end, only if they ask or it fits.",
    "Thank them in writing within a day ('netmap draft thank-you').",
)

_MD_SPECIAL = re.compile(r"([\\`\[\]])")


def md_escape(text: str) -> str:
    """Contact text made inert in Markdown: one line, no raw HTML, no links, images or code."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text)).replace("<", "&lt;")


@dataclass(slots=True)
class Brief:
    """Everything on the page; :func:`render_markdown` and :func:`render_html` lay it out."""

    person: str
    name: str
    title: str
    company: str
    office: str
    paths: list[tuple[str, list[str]]] = field(default_factory=list)
    introducers: list[tuple[str, str, str, str]] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    introducer_history: dict[str, list[HistoryEntry]] = field(default_factory=dict)
    ask: str = TIME_ASK
    questions: list[tuple[str, list[str]]] = field(default_factory=list)
    closing: tuple[str, ...] = CLOSING


def parse_questions(text: str) -> list[tuple[str, list[str]]]:
    """The question bank: ``## Heading`` lines, each followed by ``- question`` lines.

    >>> parse_questions("## Job\\n- What do you do?\\n- Why?\\n")
    [('Job', ['What do you do?', 'Why?'])]
    """
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            out.append((line.lstrip("#").strip(), []))
        elif line[:2] in ("- ", "* ") and line[2:].strip():
            if not out:
                out.append(("Questions", []))
            out[-1][1].append(line[2:].strip())
    return [(h, qs) for h, qs in out if qs]


def brief(
    dataset: Dataset,
    person: str,
    *,
    events: list[Event] | tuple[Event, ...] = (),
    network: Network | None = None,
) -> Brief:
    """The brief for ``person`` (an id or a name); ``network`` (a :class:`~netmap.Network`) adds the paths."""
    from .drafts import template_environment

    pid = find_person(dataset, person)
    people = dataset.by_id()
    c = people[pid]
    out = Brief(pid, c.name, c.title, c.company, c.office)
    if network is not None:
        from ..errors import NotFoundError

        try:
            found = network.explain(pid, k=3).paths
        except NotFoundError:
            found = []
        out.paths = [(p.path_text, [e for h in p.hop_details for e in h.evidence]) for p in found]
    for i in dataset.introductions:
        if i.contact == pid:
            ref = people[i.referrer].name if i.referrer in people else "you"
            out.introducers.append((ref, i.status, i.date.isoformat() if i.date else "", i.notes))
    events = list(events)
    out.history = history(dataset, events, pid)
    for i in dataset.introductions:
        if i.contact == pid and i.referrer in people and i.referrer not in out.introducer_history:
            steps = [h for h in history(dataset, events, i.referrer) if h.person == i.referrer]
            out.introducer_history[people[i.referrer].name] = steps[-5:]
    folder = dataset.contacts_path.parent if dataset.contacts_path else None
    env = template_environment(folder)
    source = env.loader.get_source(env, "questions.md")[0]
    out.questions = parse_questions(source)
    return out


def render_markdown(b: Brief) -> str:
    """The brief as Markdown (every contact value escaped)."""
    e = md_escape
    lines = [f"# Meeting brief: {e(b.name)}", ""]
    who = ", ".join(e(x) for x in (b.title, b.company, b.office) if x)
    lines += ["## Who they are", "", who or "(no title, company or office on record)", ""]
    lines += ["## How you are connected", ""]
    for text, evidence in b.paths:
        lines.append(f"- {e(text)}")
        lines += [f"  - {e(x)}" for x in evidence]
    if not b.paths:
        lines.append("- no warm path on record")
    for ref, status, on, notes in b.introducers:
        extra = f": {e(notes)}" if notes else ""
        lines.append(f"- introduced by {e(ref)} ({e(status)}{', ' + on if on else ''}){extra}")
    lines += ["", "## Your history with them", ""]
    lines += [_md_entry(h) for h in b.history] or ["- nothing yet"]
    for ref, steps in b.introducer_history.items():
        lines += ["", f"### With {e(ref)}", ""]
        lines += [_md_entry(h) for h in steps] or ["- nothing yet"]
    lines += ["", "## The time you asked for", "", f"{b.ask} of advice, not a job.", ""]
    lines += ["## Questions to ask", ""]
    for heading, questions in b.questions:
        lines += [f"### {e(heading)}", ""] + [f"- {e(q)}" for q in questions] + [""]
    lines += ["## Closing", ""] + [f"{n}. {e(step)}" for n, step in enumerate(b.closing, 1)]
    return "\n".join(lines) + "\n"


def _md_entry(h: HistoryEntry) -> str:
    e = md_escape
    when = h.date.isoformat() if h.date else "undated"
    via = f" (via {e(h.referrer_name)})" if h.referrer_name and h.referrer != h.person else ""
    notes = f": {e(h.notes)}" if h.notes else ""
    return f"- {when} {e(h.kind)} {e(h.name)}{via}{notes}"


def render_html(b: Brief) -> str:
    """The brief as one self-contained HTML page (no scripts, no links out, every value escaped)."""
    x = lambda s: html.escape(one_line(str(s)))  # noqa: E731
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>Meeting brief: {x(b.name)}</title>",
             "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42em;margin:2em auto;padding:0 1em}"
             "h2{margin-top:1.5em}</style></head><body>", f"<h1>Meeting brief: {x(b.name)}</h1>",
             "<h2>Who they are</h2>", f"<p>{x(', '.join(v for v in (b.title, b.company, b.office) if v))}</p>",
             "<h2>How you are connected</h2><ul>"]  # fmt: skip
    for text, evidence in b.paths:
        parts.append(f"<li>{x(text)}<ul>" + "".join(f"<li>{x(v)}</li>" for v in evidence) + "</ul></li>")
    for ref, status, on, notes in b.introducers:
        parts.append(f"<li>introduced by {x(ref)} ({x(status)}{', ' + x(on) if on else ''})"
                     f"{': ' + x(notes) if notes else ''}</li>")  # fmt: skip
    parts.append("</ul><h2>Your history with them</h2><ul>")
    for h in b.history:
        parts.append(f"<li>{x(h.date or 'undated')} {x(h.kind)} {x(h.name)}{': ' + x(h.notes) if h.notes else ''}</li>")
    parts.append("</ul>")
    for ref, steps in b.introducer_history.items():
        parts.append(f"<h3>With {x(ref)}</h3><ul>")
        parts += [f"<li>{x(h.date or 'undated')} {x(h.kind)} {x(h.name)}</li>" for h in steps]
        parts.append("</ul>")
    parts.append(f"<h2>The time you asked for</h2><p>{x(b.ask)} of advice, not a job.</p><h2>Questions to ask</h2>")
    for heading, questions in b.questions:
        parts.append(f"<h3>{x(heading)}</h3><ul>" + "".join(f"<li>{x(q)}</li>" for q in questions) + "</ul>")
    parts.append("<h2>Closing</h2><ol>" + "".join(f"<li>{x(s)}</li>" for s in b.closing) + "</ol></body></html>")
    return "\n".join(parts) + "\n"


__all__ = ["CLOSING", "Brief", "brief", "md_escape", "parse_questions", "render_html", "render_markdown"]
