"""``netmap batch --engine spark``: the same core, run by Apache Spark tasks.

Not a second implementation of the ranking. The validated pool is written once to
Parquet (:func:`save_pool`) where every executor can read it; the members are spread
over partitions, one per core; each task reads the pool back (:func:`read_pool`, once per Python
worker) and runs :func:`netmap.pool.batch.rank_member` on its members through
``mapInArrow``. So the rows are those of the local engine by construction; the driver
only puts them back in member, target, rank order.

Needs ``pip install 'netmap[spark]'`` and Java 17 (``java -version``).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields
from pathlib import Path

from ..errors import NetmapError
from ..model import Contact, Dataset, Introduction
from ..weights import Weights
from .batch import BATCH_COLUMNS, BatchJob, arrow_schema, rank_member
from .view import Pool, Tie

_CONTACT_LISTS = ("past_companies", "tags")
_DATES = ("last_contact", "connected_on", "date")


def _records(items, cls) -> list[dict]:
    out = []
    for item in items:
        row = {f.name: getattr(item, f.name) for f in fields(cls)}
        if "extra" in row:
            row["extra"] = json.dumps(row["extra"], ensure_ascii=False, sort_keys=False)
        for key in _CONTACT_LISTS:
            if key in row:
                row[key] = list(row[key])
        out.append(row)
    return out


def _objects(path: Path, cls) -> list:
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    out = []
    for row in rows:
        if "extra" in row:
            row["extra"] = json.loads(row["extra"])
        for key in _CONTACT_LISTS:
            if key in row:
                row[key] = tuple(row[key])
        out.append(cls(**row))
    return out


def save_pool(pool: Pool, folder: str | Path) -> Path:
    """Write a loaded pool to ``folder`` as Parquet files (contacts, introductions, ties) and pool.json."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ds = pool.dataset
    for name, items, cls in (("contacts", ds.contacts, Contact), ("introductions", ds.introductions, Introduction),
                             ("ties", pool.ties, Tie)):  # fmt: skip
        table = pa.Table.from_pylist(_records(items, cls)) if items else pa.table({})
        pq.write_table(table, folder / f"{name}.parquet")
    meta = {
        "folder": str(pool.folder),
        "members": pool.members,
        "aliases": ds.aliases,
        "weights": asdict(pool.weights),
        "contacts_path": str(ds.contacts_path or ""),
        "introductions_path": str(ds.introductions_path or ""),
    }
    (folder / "pool.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    return folder


def read_pool(folder: str | Path) -> Pool:
    """The :class:`~netmap.pool.view.Pool` that :func:`save_pool` wrote (equal to the one saved)."""
    folder = Path(folder)
    meta = json.loads((folder / "pool.json").read_text(encoding="utf-8"))

    def load(name: str, cls) -> list:
        path = folder / f"{name}.parquet"
        import pyarrow.parquet as pq

        return _objects(path, cls) if pq.read_metadata(path).num_columns else []

    ds = Dataset(load("contacts", Contact), load("introductions", Introduction),
                 Path(meta["contacts_path"]) if meta["contacts_path"] else None,
                 Path(meta["introductions_path"]) if meta["introductions_path"] else None, meta["aliases"])  # fmt: skip
    return Pool(Path(meta["folder"]), ds, load("ties", Tie), meta["members"], Weights(**meta["weights"]))


#: the pool each Python worker has read, by stage: with it the columns every member's view is taken from,
#: made once per worker (see netmap.pool.view.member_network)
_CACHE: dict[str, Pool] = {}


def _task(stage: str, job: BatchJob) -> Callable:
    """The function each Spark task runs on its batches of (index, member) rows."""

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        pool = _CACHE.get(stage)
        if pool is None:
            pool = _CACHE[stage] = read_pool(stage)
        schema = _task_schema()
        for batch in batches:
            for index, member in zip(batch.column("index").to_pylist(), batch.column("member").to_pylist(),
                                     strict=True):  # fmt: skip
                rows = rank_member(pool, member, job)
                for i, row in enumerate(rows):
                    row["_member_index"], row["_row"] = index, i
                yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return run


def _task_schema():
    import pyarrow as pa

    schema = arrow_schema()
    return schema.append(pa.field("_member_index", pa.int64())).append(pa.field("_row", pa.int64()))


def _spark_ddl() -> str:
    import pyarrow as pa

    kind = {pa.int64(): "bigint", pa.float64(): "double", pa.string(): "string"}
    return ", ".join(f"`{f.name}` {kind[f.type]}" for f in _task_schema())


def spark_session(master: str = "local[2]", *, memory: str = "2g"):
    """A Spark session for netmap (a clear error when pyspark or Java is missing)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise NetmapError("--engine spark needs pyspark - install it with: pip install 'netmap[spark]'") from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise NetmapError("--engine spark needs Java 17 - install it (Debian: apt-get install openjdk-17-jre-headless) "
                          "or set JAVA_HOME")  # fmt: skip
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.appName("netmap batch").config("spark.driver.memory", memory)
               .config("spark.ui.enabled", "false").config("spark.sql.execution.arrow.maxRecordsPerBatch", "16")
               .config("spark.python.worker.reuse", "true"))  # fmt: skip
    if not os.environ.get("SPARK_ENV_LOADED"):  # under spark-submit the master comes from the command line
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def rank_batch_spark(pool: Pool, job: BatchJob, *, master: str = "local[2]", stage: str | Path | None = None,
                     partitions: int | None = None,
                     progress: Callable[[str], None] | None = None) -> list[dict]:  # fmt: skip
    """The rows of :func:`netmap.pool.batch.rank_batch_local`, computed by Spark tasks.

    ``stage``: a folder every executor can read (shared storage) for the Parquet copy
    of the pool; by default a temporary folder (fine for ``local[N]``), removed after.
    """
    import pyarrow as pa
    from pyspark.sql import SparkSession

    started_here = SparkSession.getActiveSession() is None
    spark = spark_session(master)
    own_stage = stage is None
    folder = Path(tempfile.mkdtemp(prefix="netmap-pool-")) if stage is None else Path(stage)
    try:
        save_pool(pool, folder)
        if progress:
            progress(
                f"pool written to {folder} as Parquet; ranking {len(job.members)} members on "
                f"{spark.sparkContext.master}"
            )
        # one task per core: a task pays for reading the pool and building its columns (~15 s at
        # 300,000 people), so more, smaller tasks cost more than they balance (bench/README.md)
        n = partitions or max(1, min(len(job.members), spark.sparkContext.defaultParallelism))
        members = spark.createDataFrame([(i, m) for i, m in enumerate(job.members)], "index bigint, member string")
        result = members.repartition(n).mapInArrow(_task(str(folder), job), _spark_ddl())
        table = result.toArrow()
    finally:
        if own_stage:
            shutil.rmtree(folder, ignore_errors=True)
        if started_here:
            spark.stop()
    table = table.sort_by([("_member_index", "ascending"), ("_row", "ascending")])
    table = table.select(list(BATCH_COLUMNS)).cast(arrow_schema())
    assert isinstance(table, pa.Table)
    return table.to_pylist()
