"""Time ``netmap paths`` end to end beside the reference pipeline, and check they agree.

    python bench/run.py                          # 30k and 1M people, 3 repeats each
    python bench/run.py --sizes 30000 --repeat 5
    python bench/run.py --sizes 1000000 --repeat 1 --timeout 300

For each size: generate ``bench/data/n<SIZE>`` if it is missing (``bench/generate.py``,
seed 1), then run, alternately, ``netmap paths --data DIR --company C --office O --top 20
--format csv -o - --today T`` and ``python bench/reference.py DIR ...`` (the same query) as
subprocesses. Wall time is process start to the end of its output (median of the repeats);
netmap's bytecode is compiled first, as an installed package's would be, and the children may
cache bytecode even when ``PYTHONDONTWRITEBYTECODE`` is set in this shell; peak memory is the
child's maximum resident set (``/usr/bin/time -f %M``, else
``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process). The table gives the ratios and
whether the goals are met: up to 100k people issue 3's (time within 1.3x of the reference, peak
memory within 2x), above that issue 12's (time within 1.2x, peak memory within 1.5x).
``bench/plain.py`` (the simplest compiled answer: pyarrow read, arrow id mapping, a scipy CSR of
direct ties and introductions, one csgraph Dijkstra) runs in the same rounds; the last columns
give netmap's time against it (issue 12's goal beyond: within 2x). Then it checks that netmap
and the reference name the same top people with the same scores (people tied at the 20th score
may differ).

Results are also written to ``bench/results/`` (git-ignored) as JSON.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import importlib.util
import io
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None  # GNU time: apt-get install time

# Children may cache bytecode like an installed package does: with PYTHONDONTWRITEBYTECODE set
# (as in some dev shells), netmap's own modules would be compiled from source on every run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# Measures a child's peak RSS when /usr/bin/time is missing: a fresh process has no other children.
_WRAPPER = (
    "import resource, subprocess, sys; "
    "code = subprocess.call(sys.argv[1:], stdout=sys.stdout); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)


@dataclass
class Run:
    seconds: float | None
    peak_mb: float | None
    output: str = ""
    error: str = ""
    timed_out: bool = False


@dataclass
class Result:
    size: int
    ties: int
    target: str
    netmap: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    netmap_mb: list[float] = field(default_factory=list)
    reference_mb: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    plain_mb: list[float] = field(default_factory=list)
    netmap_timed_out: bool = False
    netmap_error: str = ""
    agreement: str = ""


def _netmap() -> str:
    """The ``netmap`` console script beside this Python (not a pyenv shim, which adds a shell)."""
    script = Path(sys.executable).with_name("netmap")
    return str(script) if script.exists() else shutil.which("netmap") or "netmap"


def measure(command: list[str], timeout: float | None) -> Run:
    """Run ``command``; return wall seconds, peak RSS in MB and its stdout."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        if TIME:
            wrapped = [TIME, "-f", "%M", "-o", report.name, *command]
        else:
            wrapped = [sys.executable, "-c", _WRAPPER, *command]
        start = time.perf_counter()
        # its own process group, so that a timeout stops the measured program, not just the wrapper
        child = subprocess.Popen(
            wrapped, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
            start_new_session=True,
        )  # fmt: skip
        try:
            stdout, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            return Run(None, None, timed_out=True)
        seconds = time.perf_counter() - start
        done = subprocess.CompletedProcess(wrapped, child.returncode, stdout, stderr)
        if TIME:
            lines = [line for line in report.read().splitlines() if line.strip()]
            stderr = done.stderr
        else:
            *rest, last = done.stderr.rstrip("\n").split("\n")
            lines, stderr = [last], "\n".join(rest)
    if done.returncode != 0:
        return Run(seconds, None, done.stdout, stderr.strip()[-2000:] or f"exit {done.returncode}")
    return Run(seconds, int(lines[-1]) / 1024, done.stdout)


def compile_netmap() -> None:
    """Write netmap's bytecode once, as installing a wheel would, so no run pays for compiling."""
    spec = importlib.util.find_spec("netmap")
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def ensure_data(size: int, seed: int, folder: Path) -> dict:
    meta = folder / "meta.json"
    if not meta.exists():
        print(f"generating {folder} ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--people", str(size), "--seed", str(seed),
             "--out", str(folder)],
            check=True,
        )  # fmt: skip
    return json.loads(meta.read_text(encoding="utf-8"))


def scores(text: str, id_column: str, status_column: str | None = None) -> list[tuple[str, float]]:
    """(person id, score) of the warm rows of a CSV output, in order."""
    rows = csv.DictReader(io.StringIO(text))
    return [
        (row[id_column], round(float(row["score"]), 4))
        for row in rows
        if status_column is None or row.get(status_column, "warm") == "warm"
    ]


def agree(netmap: list[tuple[str, float]], reference: list[tuple[str, float]], top: int) -> str:
    """Whether netmap's top people are a valid top under the reference's scores.

    ``reference`` is a longer list (more than ``top``) so that ties at the cut are visible.
    """
    want = reference[:top]
    if not netmap:
        return "NO: netmap printed no warm rows"
    ref_score = dict(reference)
    if [s for _, s in netmap] != [s for _, s in want]:
        diff = [(i + 1, a, b) for i, (a, b) in enumerate(zip(netmap, want, strict=False)) if a[1] != b[1]]
        if not diff:
            return f"NO: netmap gave {len(netmap)} rows, reference {len(want)}"
        rank, mine, theirs = diff[0]
        return f"NO: scores differ, first at rank {rank}: netmap {mine} vs reference {theirs}"
    wrong = [(p, s) for p, s in netmap if ref_score.get(p) != s]
    if wrong:
        return f"NO: {len(wrong)} of netmap's people score otherwise in the reference, e.g. {wrong[0]}"
    cut = want[-1][1]
    above_n = {p for p, s in netmap if s > cut}
    above_r = {p for p, s in want if s > cut}
    if above_n != above_r:
        return f"NO: different people above the cut ({len(above_n ^ above_r)} differ)"
    same = {p for p, _ in netmap} == {p for p, _ in want}
    tied = sum(1 for _, s in reference if s == cut)
    if same:
        return f"yes: same {len(netmap)} people, same scores"
    return f"yes: same scores; people differ only among the {tied} tied at {cut}"


def benchmark(size: int, args: argparse.Namespace) -> Result:
    folder = args.data / f"n{size}"
    meta = ensure_data(size, args.seed, folder)
    target = ["--company", meta["company"], "--office", meta["office"]]
    query = [*target, "--top", str(args.top)]
    netmap_cmd = [
        args.netmap, "paths", "--data", str(folder), *query, "--format", "csv", "-o", "-",
        "--today", meta["today"],
    ]  # fmt: skip
    ref_cmd = [
        sys.executable,
        str(HERE / "reference.py"),
        str(folder),
        *query,
        "--today",
        meta["today"],
    ]
    plain_cmd = [sys.executable, str(HERE / "plain.py"), str(folder), "--company", meta["company"],
                 "--top", str(args.top)]  # fmt: skip
    result = Result(size, meta["ties"], f"{meta['company']}, {meta['office']}")
    netmap_out = ""
    for i in range(args.repeat):
        order = ("reference", "netmap", "plain") if i % 2 == 0 else ("plain", "netmap", "reference")
        for which in order:
            if which == "netmap" and (result.netmap_timed_out or result.netmap_error):
                continue
            command = {"netmap": netmap_cmd, "reference": ref_cmd, "plain": plain_cmd}[which]
            run = measure(command, args.timeout if which == "netmap" else None)
            if run.timed_out:
                result.netmap_timed_out = True
                print(
                    f"  {size:>9,}  netmap: no answer within --timeout {args.timeout:g} s",
                    file=sys.stderr,
                )
                continue
            if run.error:
                if which != "netmap":
                    raise SystemExit(f"{which} failed at {size}: {run.error}")
                result.netmap_error = run.error.splitlines()[-1]
                print(f"  {size:>9,}  netmap failed: {result.netmap_error}", file=sys.stderr)
                continue
            getattr(result, which).append(run.seconds)
            getattr(result, f"{which}_mb").append(run.peak_mb)
            if which == "netmap":
                netmap_out = run.output
            print(
                f"  {size:>9,}  {which:<9} {run.seconds:7.2f} s {run.peak_mb:7.0f} MB",
                file=sys.stderr,
            )
    if netmap_out:
        pool = subprocess.run(
            [sys.executable, str(HERE / "reference.py"), str(folder), *target,
             "--top", str(args.top + 50), "--today", meta["today"]],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        result.agreement = agree(scores(netmap_out, "person_id", "status"), scores(pool, "id"), args.top)
    elif result.netmap_timed_out:
        result.agreement = f"not checked: netmap gave no answer within {args.timeout:g} s"
    else:
        result.agreement = f"not checked: netmap failed ({result.netmap_error})"
    return result


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(results: list[Result], timeout: float | None) -> str:
    head = ("people", "ties", "netmap s", "reference s", "time ratio", "netmap MB", "reference MB",
            "memory ratio", "goals met", "plain s", "ratio to plain")  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        ns = statistics.median(r.netmap) if r.netmap else None
        rs = statistics.median(r.reference) if r.reference else None
        nm = max(r.netmap_mb) if r.netmap_mb else None
        rm = max(r.reference_mb) if r.reference_mb else None
        limit, mem_limit = (1.3, 2.0) if r.size <= 100_000 else (1.2, 1.5)
        time_ratio = ns / rs if ns is not None and rs else None
        mem_ratio = nm / rm if nm is not None and rm else None
        if r.netmap_timed_out:
            netmap_s, goals = f"> {timeout:g} (timeout)", f"no (time <= {limit}x)"
        elif ns is None:
            netmap_s, goals = "failed", "no"
        else:
            netmap_s = f"{ns:.2f}"
            goals = (
                f"time <= {limit}x: {'yes' if time_ratio <= limit else 'no'}; "
                f"memory <= {mem_limit:g}x: {'yes' if mem_ratio <= mem_limit else 'no'}"
            )
        ps = statistics.median(r.plain) if r.plain else None
        plain_ratio = ns / ps if ns is not None and ps else None
        cells = (f"{r.size:,}", f"{r.ties:,}", netmap_s, _fmt(rs, ".2f"), _fmt(time_ratio, ".2f"),
                 _fmt(nm, ".0f"), _fmt(rm, ".0f"), _fmt(mem_ratio, ".2f"), goals, _fmt(ps, ".2f"),
                 _fmt(plain_ratio, ".2f"))  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="30000,1000000", help="comma-separated numbers of people")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each program per size (median)")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600, help="give up on one netmap run after this")
    parser.add_argument("--data", type=Path, default=HERE / "data", help="where generated networks live")
    parser.add_argument("--netmap", default=shutil.which("netmap") or "netmap", help="the netmap executable")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    compile_netmap()
    load_before = os.getloadavg()
    print(
        f"peak memory via {'/usr/bin/time -f %M' if TIME else 'getrusage(RUSAGE_CHILDREN)'}",
        file=sys.stderr,
    )
    results = [benchmark(size, args) for size in sizes]
    load_after = os.getloadavg()
    print(table(results, args.timeout))
    for r in results:
        print(f"{r.size:>9,} people, target {r.target}: top {args.top} agree? {r.agreement}")
    machine = (
        f"{datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, "
        f"load average {load_before[0]:.1f} before / {load_after[0]:.1f} after"
    )
    print(machine)

    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (out / f"run-{stamp}.json").write_text(
        json.dumps({"machine": machine, "results": [asdict(r) for r in results]}, indent=2) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
