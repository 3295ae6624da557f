"""Reliability figures of issue 13: concurrent writers, kill -9, fuzzed folders, hostile exports.

The full runs behind docs/reliability.md (about 30-40 minutes on two cores)::

    python bench/reliability.py all                 # 200 trials, 200 kills, 2000 folders, exports
    python bench/reliability.py concurrent --trials 200
    python bench/reliability.py kill --runs 200
    python bench/reliability.py fuzz --folders 2000
    python bench/reliability.py exports

The test suite runs the same functions on a few cases (tests/test_reliability_*.py).
Every run works on copies of tests/data/outreach/small in a temporary folder and
prints one summary line per figure; exit status 1 when a figure is not met.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "data" / "outreach" / "small"
EXPORT = ROOT / "sample_data" / "exports" / "Connections.csv"
TODAY = "2026-03-10"
DATA_FILES = ("contacts.csv", "introductions.csv", "events.csv")
TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$|^\.netmap-journal\.json$")
DOCUMENTED = {0, 1, 2, 3, 4}


def fresh_folder(parent: Path, name: str = "data") -> Path:
    """A copy of the small outreach folder (contacts.csv, introductions.csv)."""
    folder = parent / name
    shutil.copytree(SMALL, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {n: (folder / n).read_bytes() if (folder / n).exists() else None for n in DATA_FILES}


def rows(data: bytes | None) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")))) if data else []


def leftovers(folder: Path) -> list[str]:
    """Temporary files and journals a killed netmap left (none may survive the next command)."""
    return sorted(p.name for p in folder.iterdir() if TEMP.match(p.name))


def netmap_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "netmap", *args]


# -- writing commands ------------------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    """A writing command and how to see its effect in the folder's files."""

    kind: str
    argv: tuple[str, ...]
    name: str = ""

    def applied(self, files: dict[str, bytes | None]) -> bool:
        contacts = rows(files["contacts.csv"])
        if self.kind in ("add", "referral"):
            ids = [c["id"] for c in contacts if c.get("name") == self.name]
            if self.kind == "add":
                return len(ids) == 1
            intros = rows(files["introductions.csv"])
            return len(ids) == 1 and any(i["referrer"] == "ana" and i["contact"] == ids[0] for i in intros)
        if self.kind == "rate":
            return any(c["id"] == "dee" and c.get("strength") == "4" for c in contacts)
        events = rows(files["events.csv"])
        if self.kind == "meeting":
            return any(e["kind"] == "meeting" and e["person"] == "bo" for e in events)
        if self.kind in ("done", "snooze"):
            return any(e["kind"] == self.kind and e.get("item") == "thank-cy-20260204" for e in events)
        raise ValueError(self.kind)


def writer(kind: str, k: int, folder: Path) -> Writer:
    data = ("--data", str(folder))
    if kind == "referral":
        name = f"Ref{k} Person"
        return Writer(kind, ("log", "referral", "--from", "ana", "--name", name, "--company", "Globex",
                             "--today", TODAY, *data), name)  # fmt: skip
    if kind == "add":
        name = f"Added{k} Person"
        return Writer(kind, ("add", name, "--company", "Acme", *data), name)
    if kind == "rate":
        return Writer(kind, ("rate", "dee", "--strength", "4", *data))
    if kind == "meeting":
        return Writer(kind, ("log", "meeting", "bo", "--today", TODAY, *data))
    if kind == "done":
        return Writer(kind, ("done", "thank-cy-20260204", "--today", TODAY, *data))
    if kind == "snooze":
        return Writer(kind, ("snooze", "thank-cy-20260204", "--until", "2026-04-01", "--today", TODAY, *data))
    if kind == "import":
        return Writer(kind, ("import", str(EXPORT), "--today", TODAY, *data))
    raise ValueError(kind)


PAIRS = [("referral", "referral"), ("add", "add"), ("referral", "add"), ("meeting", "referral"),
         ("rate", "add"), ("done", "referral"), ("meeting", "add"), ("snooze", "rate")]  # fmt: skip


@dataclass
class Tally:
    """Counts of one figure, and the first few failures in words."""

    runs: int = 0
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def fail(self, what: str, detail: str) -> None:
        self.counts[what] += 1
        if len(self.failures) < 10:
            self.failures.append(f"{what}: {detail}")


def concurrent_trial(parent: Path, trial: int, tally: Tally, rng: random.Random) -> None:
    """Two writing commands started together on one folder: nothing lost, check passes."""
    folder = fresh_folder(parent, f"c{trial}")
    before = snapshot(folder)
    pair = PAIRS[trial % len(PAIRS)]
    writers = [writer(kind, 2 * trial + i, folder) for i, kind in enumerate(pair)]
    procs = []
    for w in writers:
        procs.append(subprocess.Popen(netmap_argv(*w.argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        time.sleep(rng.uniform(0, 0.05))
    results = [(p.wait(timeout=120), p.stderr.read().decode()) for p in procs]  # type: ignore[union-attr]
    after = snapshot(folder)
    tally.runs += 1
    for w, (code, err) in zip(writers, results, strict=True):
        if code not in (0, 4):
            tally.fail("bad exit", f"{pair} {w.kind} exited {code}: {err.strip()[-300:]}")
        elif code == 4 and w.applied(after) and not (w.kind == "rate" and w.applied(before)):
            tally.fail("exit 4 but written", f"{pair} {w.kind}: {err.strip()}")
        elif code == 0 and not w.applied(after):
            tally.fail("row lost", f"{pair} {w.kind} exited 0 but its change is missing")
        tally.counts[f"exit {code}"] += 1
    ids_before = {c["id"] for c in rows(before["contacts.csv"])}
    lost = ids_before - {c["id"] for c in rows(after["contacts.csv"])}
    if lost:
        tally.fail("row lost", f"{pair}: contacts {sorted(lost)} disappeared")
    if len(rows(after["introductions.csv"])) < len(rows(before["introductions.csv"])):
        tally.fail("row lost", f"{pair}: introductions.csv lost rows")
    check = subprocess.run(netmap_argv("check", "--data", str(folder)), capture_output=True, text=True)
    if check.returncode != 0:
        tally.fail("check fails", f"{pair}: {check.stdout.strip()[-300:]}")
    shutil.rmtree(folder)


# -- kill -9 ---------------------------------------------------------------------------------

# Runs a command in this process, killing itself (SIGKILL) just before the n-th file rename of
# the store (backups, the journal, then each data file), or half-way through writing the n-th
# temporary file: kill points inside a commit.
STEP_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import netmap.store as store
    import netmap.store.journal as journal
    mode, n = sys.argv[1], int(sys.argv[2])
    calls, real_replace, real_write = {"replace": 0, "write": 0}, os.replace, store._write_all

    def replace(src, dst):
        if mode == "replace" and calls["replace"] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        calls["replace"] += 1
        real_replace(src, dst)

    def write(stream, data):
        if mode == "write" and calls["write"] == n:
            stream.write(data[: len(data) // 2]); stream.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        calls["write"] += 1
        real_write(stream, data)

    journal.os.replace = replace
    store._write_all = write
    from netmap.cli import cli
    cli(sys.argv[3:], prog_name="netmap")
    """
)

KILL_KINDS = ("meeting", "referral", "import", "done", "snooze", "add", "rate")


def reference_after(parent: Path, kind: str) -> tuple[dict[str, bytes | None], float]:
    """The folder's files after ``kind`` ran to completion, and how long it took."""
    folder = fresh_folder(parent, f"ref-{kind}")
    w = writer(kind, 0, folder)
    start = time.monotonic()
    done = subprocess.run(netmap_argv(*w.argv), capture_output=True, text=True)
    took = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed on a fresh folder: {done.stderr}")
    return snapshot(folder), took


def kill_run(parent: Path, run: int, kind: str, reference: dict, took: float, tally: Tally,
             rng: random.Random) -> None:  # fmt: skip
    """Kill ``kind`` at a random moment (or a random step of its commit), run the next command."""
    folder = fresh_folder(parent, f"k{run}")
    before = snapshot(folder)
    w = writer(kind, 0, folder)
    if run % 2:  # a random moment of the whole run
        proc = subprocess.Popen(netmap_argv(*w.argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, took * 1.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    else:  # a random step inside the commit: n-th temp file half written, or n-th rename
        mode, n = rng.choice(["replace", "write"]), rng.randrange(0, 7 if kind != "import" else 10)
        proc = subprocess.Popen([sys.executable, "-c", STEP_KILLER, mode, str(n), *w.argv],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        proc.wait()
    tally.runs += 1
    tally.counts["killed" if proc.returncode == -signal.SIGKILL else "finished first"] += 1
    after_kill = snapshot(folder)
    nxt = subprocess.run(netmap_argv("check", "--data", str(folder)), capture_output=True, text=True)
    after = snapshot(folder)
    if after not in (before, reference):
        which = [n for n in DATA_FILES if after[n] not in (before[n], reference[n])]
        tally.fail("half applied", f"{kind} run {run}: {which} neither before nor after; "
                   f"right after the kill: {[n for n in DATA_FILES if after_kill[n] != before[n]]}")  # fmt: skip
    if after == reference:
        tally.counts["completed"] += 1
    lost = {c["id"] for c in rows(before["contacts.csv"])} - {c["id"] for c in rows(after["contacts.csv"])}
    if lost or len(rows(after["introductions.csv"])) < len(rows(before["introductions.csv"])):
        tally.fail("row lost", f"{kind} run {run}: {sorted(lost)}")
    if nxt.returncode != 0:
        tally.fail("next command fails", f"{kind} run {run}: exit {nxt.returncode} {nxt.stderr.strip()[-200:]}")
    if leftovers(folder):
        tally.fail("temp files left", f"{kind} run {run}: {leftovers(folder)}")
    shutil.rmtree(folder)


# -- fuzzed folders --------------------------------------------------------------------------

HOSTILE = ["\x00", "\x01", "\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\u200b", "=HYPERLINK(\"x\")", "+1", "@SUM(1)",
           "\ufeff", '"', "\r", "\n", ",", ";", "<b>&amp;</b>", "]]>", "9999-12-31", "0000-00-00", "2026-02-30",
           "1e309", "99999999999999999999", "-1", "NaN", "é", "和夫", "🚀", "\\", " ", ""]  # fmt: skip
TOMLS = ["", "\ufeffhalf_life_days = 200\n", "half_life_days = 1e309\n", "half_life_days = 1" + "0" * 400 + "\n",
         "reach_peak = 1e-300\n", "x = " + "[" * 2000 + "]" * 2000 + "\n", "[inferred]\nsame_office = 'a'\n",
         "[me]\nname = 1\n", "[store]\nbackups = 1e9\n", "= broken\n", "half_life_days = true\n",
         "[due]\nnudge_days = 99999999999999999999\n", "\xff\xfe", "[inferred\n"]  # fmt: skip
READERS = [("check",), ("stats",), ("companies",), ("paths", "--company", "Acme"), ("ask", "--company", "Globex"),
           ("explain", "cy"), ("mutual", "ana", "bo"), ("export", "--format", "graphml"),
           ("export", "--format", "gexf"), ("export", "--format", "json"), ("due", "--all"), ("history", "ana"),
           ("report",), ("paths", "--company", "Acme", "--format", "csv"), ("map", "-o", "{folder}/m.html"),
           ("prep", "ana"), ("draft", "thank-you", "ana")]  # fmt: skip
IMPORT_FORMATS = {
    "linkedin": b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                b"Ana,Lima,https://www.linkedin.com/in/ana,,Acme,Engineer,01 Jan 2024\n",
    "google": b"Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
              b"Ana Lima,Ana,Lima,ana@x.example,Acme,Engineer\n",
    "outlook": b"First Name,Last Name,E-mail Address,Company,Job Title\nAna,Lima,ana@x.example,Acme,Engineer\n",
    "vcard": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nORG:Acme\r\n"
             b"EMAIL:ana@x.example\r\nEND:VCARD\r\n",
}  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` with a few hostile edits: strings inserted, bytes flipped, cut short, lines doubled."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        at = rng.randrange(len(out) + 1)
        if choice < 0.5:
            out[at:at] = rng.choice(HOSTILE).encode("utf-8")
        elif choice < 0.65 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif choice < 0.75:
            del out[at:]
        elif choice < 0.9:
            lines = bytes(out).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            out = bytearray(b"\n".join(lines))
        else:
            out[at:at] = b'"'
    return bytes(out)


def hostile_cells(data: bytes, rng: random.Random) -> bytes:
    """``data`` (CSV) with a few cells replaced by hostile values, still well-formed CSV."""
    table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    header = table[0] if table else []
    text = [i for i, h in enumerate(header) if h in ("name", "company", "title", "office", "notes", "Favourite Food")]
    for _ in range(rng.randint(1, 5)):
        row = rng.choice(table[1:] or table)
        if row:
            # mostly free-text columns, so the commands get past validation and print the values
            index = rng.choice(text) if text and rng.random() < 0.8 else rng.randrange(len(row))
            if index < len(row):
                row[index] = "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 3)))
    out = io.StringIO()
    csv.writer(out, lineterminator=rng.choice(["\n", "\r\n"])).writerows(table)
    return out.getvalue().encode("utf-8")


def fuzz_folder(parent: Path, seed: int) -> tuple[Path, list[tuple[str, ...]]]:
    """A damaged or hostile data folder and the commands to run on it (every reader in turn)."""
    rng = random.Random(seed)
    folder = fresh_folder(parent, f"f{seed}")
    for name in ("contacts.csv", "introductions.csv"):
        data, dice = (folder / name).read_bytes(), rng.random()
        if dice < 0.5:  # hostile values in well-formed CSV: the commands get past the checks
            (folder / name).write_bytes(hostile_cells(data, rng))
        elif dice < 0.75:  # damaged bytes
            (folder / name).write_bytes(mutate(data, rng))
    if rng.random() < 0.3:
        (folder / "companies.csv").write_bytes(mutate(b"alias,canonical\nAcme Inc,Acme\n", rng))
    if rng.random() < 0.4:
        (folder / "netmap.toml").write_text(rng.choice(TOMLS), encoding="utf-8", errors="surrogateescape")
    if rng.random() < 0.3:
        (folder / "events.csv").write_bytes(mutate(b"date,kind,person,referrer,notes,item,until\n"
                                                   b"2026-02-01,meeting,ana,,,,\n", rng))  # fmt: skip
    special = rng.random()
    if special < 0.04:  # a non-regular file where a data file should be
        victim = folder / rng.choice(["contacts.csv", "companies.csv", "netmap.toml", "introductions.csv"])
        victim.unlink(missing_ok=True)
        if rng.random() < 0.5:
            os.mkfifo(victim)
        else:
            victim.mkdir()
    elif special < 0.06:
        (folder / "contacts.csv").unlink()
        (folder / "contacts.csv").symlink_to(folder / "contacts.csv")  # a symlink loop
    start = seed * 4
    commands = [READERS[(start + i) % len(READERS)] for i in range(4)]
    if seed % 5 == 0:
        fmt = rng.choice(sorted(IMPORT_FORMATS))
        export = folder / f"export.{'vcf' if fmt == 'vcard' else 'csv'}"
        export.write_bytes(mutate(IMPORT_FORMATS[fmt], rng))
        commands.append(("import", "--dry-run", str(export)))
    return folder, commands


class Hang(Exception):
    pass


def run_in_process(argv: list[str], seconds: int = 30):
    """``netmap ARGV`` through click's CliRunner, with an alarm to catch a hang."""
    from click.testing import CliRunner

    from netmap.cli import cli

    def alarm(*_):
        raise Hang()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return CliRunner().invoke(cli, argv, catch_exceptions=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def judge(result, argv: list[str], tally: Tally) -> None:
    """Count a traceback, a hang, an undocumented exit code or a multi-line error."""
    tally.runs += 1
    exc = result.exception
    if isinstance(exc, Hang):
        tally.fail("hang", " ".join(argv))
    elif exc is not None and not isinstance(exc, SystemExit):
        tally.fail("traceback", f"{' '.join(argv[:3])}: {type(exc).__name__}: {str(exc)[:160]!r}")
    elif result.exit_code not in DOCUMENTED:
        tally.fail(f"exit {result.exit_code}", f"{' '.join(argv[:3])}: {result.stderr.strip()[-200:]!r}")
    elif "Traceback (most recent call last)" in result.stderr + result.stdout:
        tally.fail("traceback", f"{' '.join(argv[:3])} printed one")
    else:
        tally.counts[f"exit {result.exit_code}"] += 1
    if "\x1b" in result.stderr:
        tally.fail("ESC on stderr", " ".join(argv[:3]))


def fuzz(parent: Path, seeds: range, tally: Tally) -> None:
    for seed in seeds:
        folder, commands = fuzz_folder(parent, seed)
        for command in commands:
            argv = [a.replace("{folder}", str(folder)) for a in command] + ["--data", str(folder), "--today", TODAY]
            if command[0] == "import":
                argv.remove("--today"), argv.remove(TODAY)
            judge(run_in_process(argv), argv, tally)
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():  # a FIFO or loop rmtree skipped
            subprocess.run(["rm", "-rf", str(folder)], check=False)


# -- hostile exports -------------------------------------------------------------------------

HOSTILE_NAMES = ["Ana \x01Lima", "Bo \x1b]0;pwned\x07Chen", "Cy \x1b[2J Diaz", "=HYPERLINK(\"http://x\")",
                 "Dee <b>&amp;</b> ]]> Ek", "Eli \u202eFox", "Fay\u200b Gu", "Gus\x7f Ho",
                 "Hal \x9b31m Ito"]  # fmt: skip


def hostile_folder(parent: Path) -> Path:
    """The small folder with every name replaced by a hostile one (ids kept)."""
    folder = fresh_folder(parent, "hostile")
    data = (folder / "contacts.csv").read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(data)))
    for i, row in enumerate(table[1:]):
        row[1] = HOSTILE_NAMES[i % len(HOSTILE_NAMES)]
        row[2] = row[2] + ("\x1b[31m" if i % 2 else "\x01")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    (folder / "contacts.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


def parse_exports(folder: Path, tally: Tally) -> None:
    """Each export format written, then parsed back by a standard parser."""
    import json
    import xml.etree.ElementTree as ET

    import networkx as nx

    def parse(fmt: str, path: Path) -> None:
        if fmt == "json":
            json.loads(path.read_text(encoding="utf-8"))
        elif fmt == "graphml":
            ET.parse(path)
            nx.read_graphml(path)
        elif fmt == "gexf":
            ET.parse(path)
            nx.read_gexf(path)
        elif fmt == "ics":
            import icalendar

            icalendar.Calendar.from_ical(path.read_bytes())
            if any(b < 0x20 and b not in (9, 10, 13) for b in path.read_bytes()):
                raise ValueError("a raw control character in the ICS text")
        elif fmt == "csv":
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                if any(cell.startswith(("=", "+", "-", "@")) and not cell.lstrip("-").replace(".", "").isdigit()
                       for cell in row):  # fmt: skip
                    raise ValueError(f"a formula left in the CSV: {row}")

    jobs = [("graphml", ["export", "--format", "graphml"]), ("gexf", ["export", "--format", "gexf"]),
            ("json", ["export", "--format", "json"]), ("ics", ["due", "--all", "--ics"]),
            ("csv", ["paths", "--company", "Acme", "--format", "csv"]),
            ("csv", ["due", "--all", "--format", "csv"])]  # fmt: skip
    for i, (fmt, argv) in enumerate(jobs):
        path = folder / f"out{i}.{fmt}"
        full = [*argv, str(path)] if fmt == "ics" else [*argv, "-o", str(path)]
        result = run_in_process([*full, "--data", str(folder), "--today", TODAY])
        tally.runs += 1
        if result.exit_code != 0:
            tally.fail("export failed", f"{' '.join(argv)}: exit {result.exit_code} {result.stderr.strip()[-200:]!r}")
            continue
        try:
            parse(fmt, path)
            tally.counts["parsed back"] += 1
        except Exception as exc:  # noqa: BLE001 - any parser failure is the figure
            tally.fail("parse failed", f"{' '.join(argv)}: {type(exc).__name__}: {str(exc)[:160]}")


TERMINAL_COMMANDS = [("check",), ("stats",), ("companies",), ("paths", "--company", "Acme"),
                     ("ask", "--company", "Acme"), ("explain", "dee"), ("due", "--all"), ("history", "ana"),
                     ("report",), ("paths", "--company", "Acme", "--format", "csv"), ("explain", "nobody"),
                     ("paths", "--company", "Acme\x1b[2J")]  # fmt: skip


def terminal_bytes(folder: Path, command: tuple[str, ...]) -> bytes:
    """What ``netmap COMMAND`` prints on a real terminal (a pseudo-terminal), stdout and stderr."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: netmap with the pty as its terminal
        os.execv(sys.executable, netmap_argv(*command, "--data", str(folder), "--today", TODAY))
    out = bytearray()
    with contextlib.suppress(OSError):
        while chunk := os.read(fd, 65536):
            out += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return bytes(out)


def terminal_escapes(folder: Path, tally: Tally, commands: list[tuple[str, ...]] = TERMINAL_COMMANDS) -> None:
    for command in commands:
        out = terminal_bytes(folder, command)
        tally.runs += 1
        at = max(out.find(b"\x1b"), out.find("\x9b".encode()))
        if at >= 0:
            tally.fail("ESC on the terminal", f"{' '.join(command)}: {out[max(at - 40, 0) :][:80]!r}")
        else:
            tally.counts["clean"] += 1


# -- the runner ------------------------------------------------------------------------------


def report(title: str, tally: Tally, bad: tuple[str, ...], took: float) -> bool:
    counts = ", ".join(f"{k} {v}" for k, v in sorted(tally.counts.items()))
    ok = not any(tally.counts[b] for b in bad) and not any(k for k in tally.counts if k.startswith("exit ")
                                                           and int(k[5:]) not in DOCUMENTED)  # fmt: skip
    print(f"{title}: {tally.runs} runs in {took:.0f} s - {'OK' if ok else 'FAILED'} ({counts})")
    for failure in tally.failures:
        print(f"    {failure}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["all", "concurrent", "kill", "fuzz", "exports"])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--runs", type=int, default=200, help="kill -9 runs that really kill (default 200)")
    parser.add_argument("--folders", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    ok = True
    with tempfile.TemporaryDirectory(prefix="netmap-reliability-") as tmp:
        parent = Path(tmp)
        if args.what in ("all", "concurrent"):
            tally, start = Tally(), time.monotonic()
            for trial in range(args.trials):
                concurrent_trial(parent, trial, tally, rng)
            ok &= report("concurrent writers", tally, ("bad exit", "exit 4 but written", "row lost", "check fails"),
                         time.monotonic() - start)  # fmt: skip
        if args.what in ("all", "kill"):
            tally, start = Tally(), time.monotonic()
            refs = {kind: reference_after(parent, kind) for kind in KILL_KINDS}
            run = 0  # --runs counts processes really killed; a run whose command finished first is extra
            while tally.counts["killed"] < args.runs and run < 3 * args.runs:
                kind = KILL_KINDS[run % len(KILL_KINDS)]
                kill_run(parent, run, kind, *refs[kind], tally, rng)
                run += 1
            ok &= report("kill -9", tally, ("half applied", "row lost", "next command fails", "temp files left"),
                         time.monotonic() - start)  # fmt: skip
        if args.what in ("all", "fuzz"):
            tally, start = Tally(), time.monotonic()
            fuzz(parent, range(args.seed * 100_000, args.seed * 100_000 + args.folders), tally)
            ok &= report(f"fuzz ({args.folders} folders)", tally, ("hang", "traceback", "ESC on stderr"),
                         time.monotonic() - start)  # fmt: skip
        if args.what in ("all", "exports"):
            tally, start = Tally(), time.monotonic()
            folder = hostile_folder(parent)
            parse_exports(folder, tally)
            ok &= report("exports parsed back", tally, ("export failed", "parse failed"), time.monotonic() - start)
            tally, start = Tally(), time.monotonic()
            terminal_escapes(folder, tally)
            ok &= report("terminal output", tally, ("ESC on the terminal",), time.monotonic() - start)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
