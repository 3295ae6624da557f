"""``netmap draft KIND PERSON``: the messages of the loop, filled in from the data.

Templates are Jinja2 text files: the defaults ship in ``netmap/outreach/templates``;
a file of the same name in the data folder's ``templates/`` replaces one. The first
line is ``Subject: ...``, then a blank line, then the body. netmap never sends
anything: a draft goes to stdout or, with ``--eml``, to an RFC 5322 file marked
``X-Unsent: 1`` that a mail program opens as a draft.

Every contact string reaching a template is one line without control characters,
so no name, address or note can add a header or drive the terminal.

>>> d = Draft("thank-you", "bo", "Bo Chen", "bo@x.example", "Thank you", "Hi Bo,\\n")
>>> msg = d.message({"name": "Ana\\r\\nBcc: eve@x.example", "email": "ana@x.example"})
>>> msg["From"], msg["X-Unsent"], msg["Bcc"]
('"Ana Bcc: eve@x.example" <ana@x.example>', '1', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, NetmapError, NotFoundError
from ..model import ME, Contact, Dataset
from ._common import MET, TIME_ASK, extra_date, find_person, one_line
from .events import Event

if TYPE_CHECKING:
    from ..network import Network

#: The kinds of draft, each a template ``KIND.txt``.
DRAFT_KINDS = ("intro-request", "interview-request", "thank-you", "nudge", "keep-in-touch")

TEMPLATES_DIR = "templates"

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\]+$")


@dataclass(frozen=True, slots=True)
class Draft:
    """A message to write: to whom (``to`` id, name, address), subject and body."""

    kind: str
    to: str
    to_name: str
    to_email: str
    subject: str
    body: str

    @property
    def addressable(self) -> bool:
        """True when ``to_email`` is one plain address the To header can carry."""
        return bool(_EMAIL.match(self.to_email))

    def text(self) -> str:
        """The draft as shown on stdout: a To line (when the address is known), Subject, body."""
        head = f"To: {self.to_name} <{self.to_email}>\n" if self.to_email else f"To: {self.to_name}\n"
        return f"{head}Subject: {self.subject}\n\n{self.body}"

    def message(self, me: dict[str, str]) -> EmailMessage:
        """The draft as an e-mail message (standard library), marked unsent; never sent."""
        from email.headerregistry import Address

        msg = EmailMessage()
        mine = one_line(me.get("email", ""))
        if _EMAIL.match(mine):
            msg["From"] = Address(display_name=one_line(me.get("name", "")), addr_spec=mine)
        if self.addressable:
            msg["To"] = Address(display_name=one_line(self.to_name), addr_spec=self.to_email)
        msg["Subject"] = one_line(self.subject)
        msg["X-Unsent"] = "1"
        msg.set_content(self.body)
        return msg


def person_fields(c: Contact | None) -> dict[str, str] | None:
    """What a template may say about a person: one-line strings only."""
    if c is None:
        return None
    name = one_line(c.name)
    return {
        "id": one_line(c.id), "name": name, "first_name": name.split(" ")[0] if name else "",
        "title": one_line(c.title), "company": one_line(c.company), "office": one_line(c.office),
        "email": one_line(c.email), "notes": one_line(c.notes),
    }  # fmt: skip


def me_fields(profile: dict[str, str]) -> dict[str, str]:
    """The ``[me]`` section for a template; the signature keeps its line breaks."""
    out = {k: one_line(v) for k, v in profile.items() if k != "signature"}
    name = out.get("name", "")
    out.setdefault("name", "")
    out["first_name"] = name.split(" ")[0] if name else ""
    lines = [one_line(line) for line in profile.get("signature", "").splitlines()]
    out["signature"] = "\n".join(line for line in lines if line) or name
    return out


def template_environment(folder: Path | None):
    """The Jinja2 environment: the data folder's ``templates/`` first, then netmap's defaults."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    loaders: list[jinja2.BaseLoader] = []
    if folder is not None and (folder / TEMPLATES_DIR).is_dir():
        loaders.append(jinja2.FileSystemLoader(folder / TEMPLATES_DIR))
    loaders.append(jinja2.PackageLoader("netmap.outreach", TEMPLATES_DIR))
    return SandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders), keep_trailing_newline=True,
                                autoescape=False)  # fmt: skip


def render(env, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; a broken user template is a ConfigError naming file and line."""
    import jinja2

    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"{exc.filename or name}:{exc.lineno}: {exc.message} - fix the template") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"{name}: {exc} - fix the template, or delete it to use netmap's") from None


def draft(
    dataset: Dataset,
    kind: str,
    person: str,
    *,
    events: list[Event] | tuple[Event, ...] = (),
    profile: dict[str, str] | None = None,
    network: Network | None = None,
    via: str | None = None,
) -> Draft:
    """The ``kind`` draft (see :data:`DRAFT_KINDS`) about ``person`` (an id or a name).

    ``intro-request`` goes to the first person to ask on the best path to ``person``
    (what ``netmap paths`` names; ``network`` is the :class:`~netmap.Network` asked), or to ``via``; the
    others go to ``person``, except a ``nudge`` about an introduction still requested
    from a referrer, which goes to that referrer.
    """
    if kind not in DRAFT_KINDS:
        raise NetmapError(f"unknown draft '{kind}' - use one of: {', '.join(DRAFT_KINDS)}")
    people = dataset.by_id()
    pid = find_person(dataset, person)
    c = people[pid]
    folder = dataset.contacts_path.parent if dataset.contacts_path else None
    ctx: dict[str, Any] = {"me": me_fields(profile or {}), "person": person_fields(c), "ask": TIME_ASK,
                           "introducer": None, "via": None, "meeting": None, "names_given": [],
                           "about": None, "asked_on": None, "last_contact": None}  # fmt: skip
    to = c
    intros = [i for i in dataset.introductions if i.contact == pid and i.referrer != ME]
    if intros:
        best = sorted(intros, key=lambda i: (i.status not in MET + ("made",), i.line))[0]
        ctx["introducer"] = person_fields(people.get(best.referrer))
    if kind == "intro-request":
        to, second = _first_ask(dataset, network, pid, via)
        ctx["via"] = person_fields(second)
    elif kind == "thank-you":
        from .due import meetings

        dates = [on for who_, on, _, _ in meetings(dataset, list(events)) if who_ == pid]
        if dates:
            notes = [e.notes for e in events if e.kind == "meeting" and e.person == pid and e.date == dates[-1]]
            ctx["meeting"] = {"date": dates[-1].isoformat(), "notes": one_line(notes[-1]) if notes else ""}
        given = [people[i.contact] for i in dataset.introductions if i.referrer == pid and i.contact in people]
        ctx["names_given"] = [one_line(g.name) for g in given]
    elif kind == "nudge":
        pending = [i for i in dataset.introductions if i.referrer == pid and i.status == "requested"]
        if pending:
            ctx["about"] = person_fields(people.get(pending[0].contact))
            asked = extra_date(pending[0], "requested_on")
        else:
            mine = [i for i in dataset.introductions if i.contact == pid and i.status in ("requested", "made")]
            asked = extra_date(mine[0], "requested_on") if mine else None
        ctx["asked_on"] = asked.isoformat() if asked else None
    elif kind == "keep-in-touch":
        touches = [e.date for e in events if e.person == pid and e.kind in ("meeting", "call", "message", "thanks")]
        last = max([d for d in [c.last_contact, *touches] if d], default=None)
        ctx["last_contact"] = last.isoformat() if last else None
    ctx["to"] = person_fields(to)
    text = render(template_environment(folder), f"{kind}.txt", ctx)
    subject, _, body = text.partition("\n")
    if not subject.lower().startswith("subject:"):
        subject, body = f"Subject: {kind.replace('-', ' ')}", text
    return Draft(kind, to.id, one_line(to.name), one_line(to.email), one_line(subject[8:]), body.lstrip("\n"))


def _first_ask(dataset: Dataset, network: Network | None, pid: str, via: str | None) -> tuple[Contact, Contact | None]:
    """Who to ask for the introduction to ``pid``: the first ask of the best path (or ``via``)."""
    people = dataset.by_id()
    if via is not None:
        vid = find_person(dataset, via)
        return people[vid], None
    if network is None:
        raise NetmapError("an introduction request needs the network's paths - pass network=")
    try:
        paths = network.explain(pid, k=1).paths
    except NotFoundError:
        paths = []
    if paths and paths[0].path == [ME, pid]:
        raise NetmapError(f"you know {people[pid].name} directly - write to them: "
                          f"'netmap draft interview-request {pid}'")  # fmt: skip
    if not paths or paths[0].first_ask is None:
        raise NotFoundError(f"no warm path to {people[pid].name} within 3 hops - ask someone who knows them "
                            "(netmap mutual), or pass --via PERSON")  # fmt: skip
    best = paths[0]
    assert best.first_ask is not None
    persons = [p for p in best.path if p in people]
    second = people.get(persons[1]) if len(persons) > 2 else None
    return people[best.first_ask], second


__all__ = ["DRAFT_KINDS", "Draft", "draft", "render", "template_environment"]
