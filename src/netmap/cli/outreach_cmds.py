"""``netmap log meeting|referral|intro|thanks``, ``netmap due`` and ``netmap report``."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..model import STATUSES
from ._app import cli, plural
from ._options import DataOptions, DateType, data_options, output_options


def _today(opts: DataOptions) -> date:
    return opts.today or date.today()


@contextmanager
def _edit(opts: DataOptions) -> Iterator:
    """The data folder opened for logging under its write lock; prints what was done once saved."""
    from ..outreach import edit

    with edit(opts.data, contacts=opts.contacts, introductions=opts.intros, encoding=opts.encoding) as book:
        yield book
        result = book.save()
    for message in result.messages:
        click.echo(message)
    if result.written:
        click.echo("Saved " + ", ".join(p.name for p in result.written) + " (previous as .bak)")


def _config(opts: DataOptions) -> Path | None:
    """The netmap.toml in use: --config, else the data folder's."""
    return opts.config or opts.network().where.config


DATE = click.option("--date", "on", type=DateType(), help="When it happened [default: --today or today].")
VIA = click.option("--from", "via", metavar="REFERRER", help="The referrer, when several introductions fit.")


@cli.group()
def log() -> None:
    """Log the outreach loop: meetings, calls, names given, introductions, thank-yous.

    Every step is a new row of events.csv (never overwriting an earlier one), and
    contacts.csv (last_contact) and introductions.csv (status) are kept up to date:
    all files of one change together, under the folder's lock, atomically, keeping
    the previous versions as .bak, leaving rows and columns netmap does not touch
    byte for byte, and refusing (exit 4) when a file changed on disk.

    \b
    Example:
      netmap log meeting "Ana Lima" --date 2026-03-02 --notes "wants a portfolio"
    """


@log.command()
@click.argument("person")
@DATE
@click.option("--notes", default="", help="A line added to the person's notes.")
@VIA
@data_options
def meeting(person: str, on: date | None, notes: str, via: str | None, opts: DataOptions) -> None:
    """An informational interview with PERSON (an id or a name) happened.

    Moves PERSON's last contact forward to the date and the introduction that led
    to them to 'met' (recording met_on).

    \b
    Example:
      netmap log meeting ana-lima --date 2026-03-02 --notes "ask again in May"
    """
    with _edit(opts) as book:
        book.meeting(person, on=on or _today(opts), today=_today(opts), notes=notes, via=via)


@log.command()
@click.option("--from", "referrer", required=True, metavar="PERSON", help="Who gave the name.")
@click.option("--name", required=True, help="The name given.")
@click.option("--company", default="", help="Their company.")
@click.option("--office", default="", help="Their office (city or site).")
@click.option("--title", default="", help="Their job title.")
@click.option("--email", default="", help="Their e-mail address (also used to match people).")
@DATE
@click.option("--notes", default="", help="Notes on the introduction.")
@data_options
def referral(
    referrer: str,
    name: str,
    company: str,
    office: str,
    title: str,
    email: str,
    on: date | None,
    notes: str,
    opts: DataOptions,
) -> None:
    """A name given at the end of a meeting.

    Adds the person to contacts.csv unless already there (matched by e-mail, then
    by name or id; empty fields are filled in, others kept) and an introduction
    from the referrer with status 'suggested'.

    \b
    Example:
      netmap log referral --from ana-lima --name "Cy Diaz" --company Globex --office Lisbon
    """
    with _edit(opts) as book:
        book.referral(referrer, name, on=on or _today(opts), company=company, office=office, title=title,
                      email=email, notes=notes)  # fmt: skip


@log.command()
@click.argument("person")
@click.option(
    "--status",
    required=True,
    type=click.Choice(STATUSES[1:]),
    help="The introduction's new status.",
)
@VIA
@DATE
@data_options
def intro(person: str, status: str, via: str | None, on: date | None, opts: DataOptions) -> None:
    """Move the introduction to PERSON along: requested, made, met, thanked, ...

    Allowed moves: suggested -> requested|made|declined; requested -> requested
    (a nudge)|made|met|declined|no_response; no_response -> requested|made|declined;
    made -> met|declined|no_response; met -> thanked. Anything else is an error
    saying what is allowed.

    \b
    Example:
      netmap log intro "Cy Diaz" --status requested --date 2026-03-03
    """
    with _edit(opts) as book:
        book.intro(person, status, on=on or _today(opts), via=via)


@log.command()
@click.argument("person")
@VIA
@DATE
@data_options
def thanks(person: str, via: str | None, on: date | None, opts: DataOptions) -> None:
    """The written thank-you to PERSON went out (their introduction becomes 'thanked').

    \b
    Example:
      netmap log thanks ana-lima
    """
    with _edit(opts) as book:
        book.thanks(person, on=on or _today(opts), via=via)


def _contact_command(kind: str):
    what = "phone or video call" if kind == "call" else "message (e-mail, LinkedIn, ...)"
    doc = f"""A {what} with PERSON happened: an event, and the last contact moves forward.

    \b
    Example:
      netmap log {kind} "Ana Lima" --date 2026-03-02 --notes "asked about the team"
    """

    @log.command(name=kind, help=doc)
    @click.argument("person")
    @DATE
    @click.option("--notes", default="", help="What it was about (kept in events.csv).")
    @data_options
    def command(person: str, on: date | None, notes: str, opts: DataOptions) -> None:
        with _edit(opts) as book:
            book.contact(kind, person, on=on or _today(opts), today=_today(opts), notes=notes)

    return command


call = _contact_command("call")
message = _contact_command("message")


@cli.command()
@click.argument("item")
@DATE
@data_options
def done(item: str, on: date | None, opts: DataOptions) -> None:
    """Mark ITEM of 'netmap due' (its id) done: it leaves the list.

    Recorded as a 'done' event in events.csv. A keep-in-touch item comes back
    --keep-days after the date it was done.

    \b
    Example:
      netmap done thank-afonso-pires-20260912 --data sample_data
    """
    with _edit(opts) as book:
        book.done(item, on=on or _today(opts), today=_today(opts))


@cli.command()
@click.argument("item")
@click.option("--until", required=True, type=DateType(), help="The day it is due again (YYYY-MM-DD).")
@data_options
def snooze(item: str, until: date, opts: DataOptions) -> None:
    """Put ITEM of 'netmap due' (its id) off until a date; it is due again that day.

    Recorded as a 'snooze' event in events.csv.

    \b
    Example:
      netmap snooze nudge-leonor-sa-daniel-costa --until 2026-11-22 --data sample_data
    """
    with _edit(opts) as book:
        book.snooze(item, until=until, on=_today(opts), today=_today(opts))


DUE_COLUMNS = ["id", "due_on", "overdue", "kind", "name", "action"]
DAYS = click.IntRange(0, 36500)


@cli.command()
@data_options
@output_options()
@click.option("--top", type=click.IntRange(min=1), help="Show at most this many items.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["thank", "nudge", "close", "follow_up",
              "reach_out", "keep_in_touch"]), help="Only this kind of item (repeat for several).")  # fmt: skip
@click.option("--all", "show_all", is_flag=True, help="Also list items overdue beyond the staleness window.")
@click.option("--thank-days", type=DAYS, help="Days after a meeting by which a thank-you is due [default: 1].")
@click.option("--nudge-days", type=click.IntRange(1, 36500),
              help="Days unanswered before a nudge, and after it before closing [default: 7].")  # fmt: skip
@click.option("--reach-days", type=DAYS, help="Days a name given or an introduction made may wait [default: 7].")
@click.option("--keep-days", type=click.IntRange(1, 36500),
              help="Days without contact before a strong tie needs a word [default: 90].")  # fmt: skip
@click.option("--strong", type=click.IntRange(1, 5), help="Tie strength (1-5) that counts as strong [default: 4].")
@click.option("--stale-days", type=DAYS,
              help="Items overdue longer than this are left out (see --all) [default: 90].")  # fmt: skip
@click.option("--ahead", type=DAYS, default=0, show_default=True,
              help="Also list what falls due in the next N days.")  # fmt: skip
@click.option("--ics", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the items as all-day calendar events (iCalendar) to this file.")  # fmt: skip
def due(opts: DataOptions, fmt: str, output: str, bom: bool, raw: bool, top: int | None, kinds: tuple[str, ...],
        show_all: bool, thank_days, nudge_days, reach_days, keep_days, strong, stale_days, ahead: int,
        ics: Path | None) -> None:  # fmt: skip
    """What to do next in the outreach loop, in the order to do it.

    Thank-you notes owed after meetings first, then nudges (once) and requests to
    close, introductions made but no meeting yet, names given but never contacted,
    and strong ties going cold; each with an id, its due date and the days overdue.
    Items overdue longer than --stale-days are left out and counted on stderr
    (--all lists them). Mark an item with 'netmap done ID' or 'netmap snooze ID
    --until DATE'. Thresholds may also be set in netmap.toml under [due].

    \b
    Example:
      netmap due --data sample_data --today 2026-11-15 --top 5
      netmap due --kind thank --ics due.ics
    """
    from ..output import write_rows, write_text
    from ..outreach import due as find_due
    from ..outreach import due_calendar, load_due_options, load_events

    today = _today(opts)
    options = load_due_options(_config(opts), thank_days=thank_days, nudge_days=nudge_days,
                               reach_days=reach_days, keep_days=keep_days, strong=strong, stale_days=stale_days,
                               ahead=ahead)  # fmt: skip
    dataset = opts.load()
    items = find_due(dataset, load_events(dataset, encoding=opts.encoding), today=today, options=options)
    if kinds:
        items = [i for i in items if i.kind in kinds]
    if ics is not None:
        write_text(due_calendar(items, today=today).decode("utf-8"), ics)
    stale = [i for i in items if i.stale]
    shown = items if show_all else [i for i in items if not i.stale]
    if top is not None:
        shown = shown[:top]
    rows = [{"id": i.id, "due_on": i.due_on, "overdue": i.overdue_days, "kind": i.kind, "name": i.name,
             "action": i.action} for i in shown]  # fmt: skip
    if fmt == "table" and not shown:
        write_text(f"Nothing due on {today.isoformat()}.\n", output)
    elif fmt == "json":
        write_rows(rows, DUE_COLUMNS, fmt, output, json_rows=[asdict(i) for i in shown])
    else:
        write_rows(rows, DUE_COLUMNS, fmt, output, safe=not raw, bom=bom)
    if stale and not show_all:
        click.echo(f"({plural(len(stale), 'item')} more than {options.stale_days} days overdue not shown: "
                   "--all lists them)", err=True)  # fmt: skip
    if ics is not None:
        n = sum(1 for i in items if not i.stale)
        click.echo(f"Wrote {plural(n, 'event')} to {ics}", err=True)


REPORT_COLUMNS = ["section", "item", "value", "rate", "detail"]


@cli.command()
@data_options
@output_options(top=5)
def report(opts: DataOptions, fmt: str, output: str, bom: bool, raw: bool, top: int) -> None:
    """The snowball: pipeline with rates, names per meeting, referral chains.

    Pipeline stages count introductions by the furthest status reached; each rate
    is the share of the stage before ('agreed' over 'asked' is the share of asks
    accepted). Also: names gained per meeting, days from introduction to meeting,
    the longest referral chains and who started them, and whose referrals led furthest.

    \b
    Example:
      netmap report --data sample_data --format json
    """
    from ..output import render_table, write_rows, write_text
    from ..outreach import outreach_report

    r = outreach_report(opts.load(), top=top)
    if fmt == "json":
        payload = asdict(r)
        payload["accepted_share"] = r.accepted_share
        payload["days_to_meeting_summary"] = r.days_to_meeting_summary()
        for chain, data in zip(r.chains, payload["chains"], strict=True):
            data["length"] = chain.length
        write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", output)
        return
    days = r.days_to_meeting_summary()
    summary = [
        ("meetings", r.meetings, None, "introductions that reached met or thanked"),
        ("names gained", r.names_gained, None, "introductions from people you met"),
        ("names per meeting", r.names_per_meeting, None, ""),
        ("declined", r.declined, None, ""),
        ("no response", r.no_response, None, ""),
        ("days to meeting (median)", days["median"], None, f"{days['count']} meetings with dates"),
        ("days to meeting (mean)", days["mean"], None, ""),
        ("days to meeting (min)", days["min"], None, ""),
        ("days to meeting (max)", days["max"], None, ""),
    ]
    pipeline = [
        {"section": "pipeline", "item": s.stage, "value": s.count, "rate": s.rate,
         "detail": f"of {s.of}" if s.of else ""}
        for s in r.pipeline
    ]  # fmt: skip
    figures = [
        {"section": "summary", "item": item, "value": value, "rate": rate, "detail": detail}
        for item, value, rate, detail in summary
    ]
    chains = [
        {"section": "chain", "item": c.started_by_name, "value": c.length, "rate": None,
         "detail": " > ".join(c.names)}
        for c in r.chains
    ]  # fmt: skip
    furthest = [
        {"section": "furthest", "item": f.name, "value": f.depth, "rate": None,
         "detail": f"{plural(f.names_led_to, 'name')} downstream, {f.direct} direct"}
        for f in r.furthest
    ]  # fmt: skip
    if fmt == "csv":
        rows = pipeline + figures + chains + furthest
        write_rows(rows, REPORT_COLUMNS, fmt, output, safe=not raw, bom=bom)
        return
    out = io.StringIO()
    sections: list[tuple[str, list[dict[str, Any]], list[str], list[str]]] = [
        ("Pipeline", pipeline, ["item", "value", "rate", "detail"],
         ["stage", "count", "rate", "of"]),
        ("Summary", figures, ["item", "value", "detail"], ["figure", "value", "note"]),
        ("Longest referral chains", chains, ["item", "value", "detail"],
         ["started by", "length", "chain"]),
        ("Whose referrals led furthest", furthest, ["item", "value", "detail"],
         ["person", "depth", "reach"]),
    ]  # fmt: skip
    for n, (title, listed, keys, headings) in enumerate(sections):
        if n:
            out.write("\n")
        out.write(f"{title}\n")
        if not listed:
            out.write("(none)\n")
            continue
        renamed = [{h: row[k] for k, h in zip(keys, headings, strict=True)} for row in listed]
        out.write(render_table(renamed, headings))
    write_text(out.getvalue(), output)


from . import brief_cmds  # noqa: E402, F401  (registers history, draft and prep)
