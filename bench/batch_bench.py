"""Benchmark of ``netmap batch``: local and Spark ``local[2]`` side by side, time and peak memory.

    python bench/batch_bench.py                              # 300,000 people; 100, 1,000, 10,000 members x 50
    python bench/batch_bench.py --people 30000 --members 10 100 --cap 120

1. A pool of ``--people`` people is generated (bench/generate.py's network: its people and
   its ties between people as the members' introductions; ``max(--members)`` of them are
   members, each with ~40 direct ties in ties.csv), written once to bench/data/.
2. For each member count and engine, a child process runs the library's batch (the code
   ``netmap batch`` runs) on the first N members x 50 targets (the 50 largest companies),
   printing a line as each member finishes. A run that passes ``--cap`` seconds is
   stopped; its total is **extrapolated** from the members it finished (the report says
   which figures are measured and which extrapolated).
   Spark cannot be stopped part way through a job: it runs twice, on 4 and on 24 members
   (``--spark-members``: two, then twelve per core of local[2]), which separates its fixed
   cost (JVM, the Parquet copy, each worker reading the pool) from the per-member work; N
   members are extrapolated as driver load + fixed + N x per member.
3. Peak memory is the highest total resident memory of the child's whole process tree,
   sampled from /proc every 0.5 s (Spark: the driver, the JVM and the Python workers together).

Figures go to bench/results/batch-<people>.json and are summarised in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 1, 1)
TARGETS = 50


def make_pool(people: int, members: int, out: Path, seed: int = 1) -> Path:
    """Write a pool folder: generated people and ties, ``members`` of them members with own ties."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    sys.path.insert(0, str(HERE))
    from generate import generate

    if (out / "ties.csv").exists() and json.loads((out / "pool-meta.json").read_text())["members"] >= members:
        return out
    contacts, intro, meta = generate(people, seed, TODAY)
    rng = np.random.default_rng(seed + 100)
    n = contacts.num_rows
    member_rows = np.sort(rng.choice(n, members, replace=False))
    flag = np.zeros(n, bool)
    flag[member_rows] = True
    ids = contacts.column("id")
    keep = [c for c in ("id", "name", "company", "title", "office", "past_companies", "school")]
    pooled = contacts.select(keep).append_column("pool_member", pa.array(np.where(flag, "yes", "")))
    # each member's own ties: ~40 people, sociable ones more often
    per = rng.poisson(40, members).clip(5, 200)
    owner = np.repeat(member_rows, per)
    person = rng.integers(0, n, len(owner))
    ok = owner != person
    owner, person = owner[ok], person[ok]
    m = len(owner)
    rel = np.array(["friend", "colleague", "former_colleague", "classmate", "acquaintance", ""])
    relationship = rel[rng.integers(0, len(rel), m)]
    strength = np.where(rng.random(m) < 0.7, rng.integers(1, 6, m).astype(str), "")
    relationship = np.where((relationship == "") & (strength == ""), "acquaintance", relationship)
    days = rng.integers(0, 3 * 365, m)
    last = np.where(rng.random(m) < 0.6, (np.datetime64(TODAY) - days).astype(str), "")
    ties = pa.table({"member": ids.take(pa.array(owner)), "person": ids.take(pa.array(person)),
                     "relationship": relationship, "strength": strength, "strength_estimate": [""] * m,
                     "last_contact": last, "connected_on": [""] * m})  # fmt: skip
    # the network's ties between people are the members' records of introductions
    real = pc.not_equal(intro.column("referrer"), "me")
    intro = intro.filter(real)
    whose = ids.take(pa.array(member_rows[rng.integers(0, members, intro.num_rows)]))
    intro = intro.select(["referrer", "contact", "date", "status", "strength"]).append_column("member", whose)
    out.mkdir(parents=True, exist_ok=True)
    options = pacsv.WriteOptions(quoting_style="needed")
    for table, name in ((pooled, "contacts.csv"), (intro, "introductions.csv"), (ties, "ties.csv")):
        pacsv.write_csv(table, out / name, options)
    (out / "netmap.toml").write_text("[pool]\npooled = true\nmember_warmth = 0.5\n", encoding="utf-8")
    targets = pc.value_counts(contacts.column("company")).to_pylist()
    top = [t["values"] for t in sorted(targets, key=lambda t: -t["counts"]) if t["values"]][:TARGETS]
    (out / "targets.csv").write_text("company\n" + "".join(f'"{t}"\n' for t in top), encoding="utf-8")
    (out / "pool-meta.json").write_text(json.dumps({"people": n, "members": members, "ties": m,
                                                    "introductions": intro.num_rows}), encoding="utf-8")  # fmt: skip
    return out


def child(engine: str, pool_dir: Path, members: int, cap: float) -> None:
    """Run one batch in this process; print JSON lines: loaded, each member done, the end."""
    from netmap.pool import load_pool
    from netmap.pool.batch import BatchJob, rank_member, read_batch_targets

    start = time.perf_counter()

    def say(**kv) -> None:
        print(json.dumps({"t": round(time.perf_counter() - start, 3), **kv}), flush=True)

    pool = load_pool(pool_dir)
    targets, _ = read_batch_targets(pool, pool_dir / "targets.csv", today=TODAY)
    say(event="loaded", targets=len(targets))
    chosen = tuple(pool.members[:members])
    if engine == "local":
        rows = 0
        for i, member in enumerate(chosen, 1):
            rows += len(rank_member(pool, member, BatchJob(chosen, tuple(targets), top=5, today=TODAY)))
            say(event="member", done=i, rows=rows)
            if time.perf_counter() - start > cap and i < len(chosen):
                say(event="capped", done=i)
                return
        say(event="end", done=len(chosen), rows=rows)
        return
    from netmap.pool.spark import rank_batch_spark

    job = BatchJob(chosen, tuple(targets), top=5, today=TODAY)
    spark_start = time.perf_counter()
    rows = rank_batch_spark(pool, job, master="local[2]")
    say(event="end", done=len(chosen), rows=len(rows), spark_seconds=round(time.perf_counter() - spark_start, 3))


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants now (kB, from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_child(engine: str, pool_dir: Path, members: int, cap: float) -> dict:
    """Run a child batch, sampling the memory of its whole process tree (Spark: JVM and workers too)."""
    cmd = [sys.executable, __file__, "--child", engine, "--pool", str(pool_dir), "--run-members", str(members),
           "--cap", str(cap)]  # fmt: skip
    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=devnull, text=True)
        peak = 0
        lines: list[str] = []
        import threading

        reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
        reader.start()
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.5)
        reader.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{engine} child failed (exit {proc.returncode}); run it by hand: {' '.join(cmd)}")
    events = [json.loads(line) for line in lines if line.startswith("{")]
    return {"engine": engine, "wall": round(wall, 2), "events": events, "peak_rss_mb": round(peak / 1024)}


def local_figure(run: dict, members: int) -> dict:
    """Seconds for ``members`` members on the local engine: measured when the run got that far
    (the time its N-th member finished), else extrapolated as load + N x the mean per member."""
    events = run["events"]
    loaded = next(e["t"] for e in events if e["event"] == "loaded")
    done = [e for e in events if e["event"] == "member"]
    per = (done[-1]["t"] - loaded) / len(done) if done else float("nan")
    reached = next((e for e in done if e["done"] == members), None)
    total = reached["t"] if reached else loaded + per * members
    return {"engine": "local", "members": members, "finished": len(done), "measured": reached is not None,
            "load_s": round(loaded, 1), "per_member_s": round(per, 2), "total_s": round(total, 1),
            "total_h": round(total / 3600, 2), "peak_rss_mb": run["peak_rss_mb"]}  # fmt: skip


def spark_figure(small: dict, large: dict, members: int) -> dict:
    """Seconds for ``members`` members on Spark, from two runs of k1 < k2 members: the job time is
    fixed + k x per (per: a member's share of the parallel work); the driver's load comes first."""
    end_s, end_l = small["events"][-1], large["events"][-1]
    k1, k2 = end_s["done"], end_l["done"]
    per = (end_l["spark_seconds"] - end_s["spark_seconds"]) / (k2 - k1)
    fixed = end_l["spark_seconds"] - per * k2
    loaded = next(e["t"] for e in large["events"] if e["event"] == "loaded")
    measured = members in (k1, k2)
    total = (small if members == k1 else large)["events"][-1]["t"] if measured else loaded + fixed + per * members
    return {"engine": "spark", "members": members, "finished": k2, "measured": measured, "load_s": round(loaded, 1),
            "fixed_s": round(fixed, 1), "per_member_s": round(per, 2), "total_s": round(total, 1),
            "total_h": round(total / 3600, 2),
            "peak_rss_mb": max(small["peak_rss_mb"], large["peak_rss_mb"])}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--people", type=int, default=300_000)
    p.add_argument("--members", type=int, nargs="+", default=[100, 1000, 10_000])
    p.add_argument("--cap", type=float, default=600.0, help="stop a run after this many seconds, then extrapolate")
    p.add_argument("--engines", nargs="+", default=["local", "spark"])
    p.add_argument("--spark-members", type=int, nargs=2, default=[4, 24], metavar=("K1", "K2"),
                   help="Spark's two runs (members): the per-member cost is the difference over K2 - K1")  # fmt: skip
    p.add_argument("--child", choices=["local", "spark"], help=argparse.SUPPRESS)
    p.add_argument("--pool", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--run-members", type=int, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.child, args.pool, args.run_members, args.cap)
        return 0
    pool_dir = HERE / "data" / f"pool{args.people}"
    t = time.perf_counter()
    make_pool(args.people, max(args.members), pool_dir)
    print(f"pool {pool_dir}: {json.loads((pool_dir / 'pool-meta.json').read_text())} "
          f"({time.perf_counter() - t:.0f} s)", file=sys.stderr)  # fmt: skip
    results = []
    runs = {}
    if "local" in args.engines:
        runs["local"] = run_child("local", pool_dir, max(args.members), args.cap)
        results += [local_figure(runs["local"], n) for n in args.members]
    if "spark" in args.engines:
        # two runs (by default two members per core, then twelve) separate Spark's fixed cost from
        # the per-member work
        k1, k2 = args.spark_members
        runs["spark-small"] = run_child("spark", pool_dir, k1, args.cap)
        runs["spark-large"] = run_child("spark", pool_dir, k2, args.cap)
        results += [spark_figure(runs["spark-small"], runs["spark-large"], n) for n in args.members]
    for s in results:
        print(json.dumps(s), file=sys.stderr)
    out = HERE / "results" / f"batch-{args.people}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"people": args.people, "targets": TARGETS, "cap_s": args.cap, "cpus": os.cpu_count(),
                               "results": results, "runs": runs}, indent=2) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{'members':>8} {'engine':>6} {'finished':>8} {'per member s':>12} {'total h':>8} {'peak MB':>8}  figure")
    for s in results:
        print(
            f"{s['members']:>8,} {s['engine']:>6} {s['finished']:>8,} {s['per_member_s']:>12} {s['total_h']:>8} "
            f"{s['peak_rss_mb'] or '-':>8}  {'measured' if s['measured'] else 'extrapolated'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
