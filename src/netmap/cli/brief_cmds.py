"""``netmap history``, ``netmap draft`` and ``netmap prep``: reading the loop and writing its messages."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from ._app import cli
from ._options import DataOptions, data_options, output_options
from .outreach_cmds import _config

HISTORY_COLUMNS = ["date", "kind", "name", "referrer", "notes", "source"]


@cli.command()
@click.argument("person")
@data_options
@output_options()
def history(person: str, opts: DataOptions, fmt: str, output: str, bom: bool, raw: bool) -> None:
    """The timeline of PERSON and of the introductions to and from them, oldest first.

    Built from events.csv and what introductions.csv and contacts.csv record (a
    folder without events.csv has a history too). 'source' is the file and line.

    \b
    Example:
      netmap history "Afonso Pires" --data sample_data
    """
    from ..output import write_rows, write_text
    from ..outreach import find_person, load_events
    from ..outreach import history as timeline

    dataset = opts.load()
    pid = find_person(dataset, person)
    entries = timeline(dataset, load_events(dataset, encoding=opts.encoding), pid)
    if fmt == "table" and not entries:
        write_text(f"Nothing recorded with {dataset.by_id()[pid].name} yet.\n", output)
        return
    rows = [e.as_row() for e in entries]
    json_rows = [asdict(e) for e in entries] if fmt == "json" else None
    write_rows(rows, HISTORY_COLUMNS, fmt, output, safe=not raw, bom=bom, json_rows=json_rows)


@cli.command()
@click.argument("kind", type=click.Choice(["intro-request", "interview-request", "thank-you", "nudge",
                                           "keep-in-touch"]))  # fmt: skip
@click.argument("person")
@click.option("--via", metavar="PERSON", help="intro-request: ask this person instead of the best path's first ask.")
@click.option("--eml", type=click.Path(dir_okay=False, path_type=Path),
              help="Write an e-mail draft (RFC 5322, X-Unsent: 1) to this file instead of stdout.")  # fmt: skip
@data_options
def draft(kind: str, person: str, via: str | None, eml: Path | None, opts: DataOptions) -> None:
    """Draft a message about PERSON, filled in from your data; netmap never sends it.

    \b
    intro-request      to the first person to ask on the best path to PERSON
                       (what 'netmap paths' names), with a note they can forward
    interview-request  to PERSON: 15-20 minutes of advice, not a job
    thank-you          to PERSON after a meeting, from the meeting's notes
    nudge              one polite follow-up on an unanswered request
    keep-in-touch      to PERSON, a while after the last contact

    Your name, e-mail, signature and a line about you ('about') come from [me] in
    netmap.toml. Templates are Jinja2 files; put your own KIND.txt in the data
    folder's templates/ to replace netmap's.

    \b
    Example:
      netmap draft intro-request "Inês Carvalho" --data sample_data
      netmap draft thank-you afonso-pires --eml thanks.eml
    """
    from ..output import write_text
    from ..outreach import load_events
    from ..outreach.drafts import draft as make_draft
    from ..weights import load_profile

    dataset = opts.load()
    profile = load_profile(_config(opts))
    network = opts.network() if kind == "intro-request" and via is None else None
    d = make_draft(dataset, kind, person, events=load_events(dataset, encoding=opts.encoding), profile=profile,
                   network=network, via=via)  # fmt: skip
    if not profile.get("name"):
        click.echo("Tip: put your name, e-mail and signature under [me] in netmap.toml to sign drafts", err=True)
    if eml is None:
        write_text(d.text(), "-")
        return
    from email import policy

    write_text(d.message(profile).as_string(policy=policy.SMTP), eml)
    if not d.addressable:
        what = "usable e-mail address" if d.to_email else "e-mail address on record"
        click.echo(f"No {what} for {d.to_name}: the draft has no To", err=True)
    click.echo(f"Wrote {eml} (a draft: open it in your mail program)", err=True)


@cli.command()
@click.argument("person")
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True, dir_okay=False),
              help="Write to this file: .html for a web page, anything else Markdown ('-': stdout).")  # fmt: skip
@data_options
def prep(person: str, output: str, opts: DataOptions) -> None:
    """A one-page brief to read before meeting PERSON.

    Who they are, how you are connected and who introduced you (with the
    evidence), your history with them and with the introducers, the time you
    asked for, questions to ask (replace them with templates/questions.md in the
    data folder) and the closing steps.

    \b
    Example:
      netmap prep "Inês Carvalho" --data sample_data -o brief.html
    """
    from ..output import write_text
    from ..outreach import load_events
    from ..outreach.prep import brief, render_html, render_markdown

    dataset = opts.load()
    b = brief(dataset, person, events=load_events(dataset, encoding=opts.encoding), network=opts.network())
    html = output != "-" and output.lower().endswith((".html", ".htm"))
    write_text(render_html(b) if html else render_markdown(b), output)
