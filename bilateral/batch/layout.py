"""The output folder of a batch and how a unit's output becomes part of it.

    OUT/documents/year=2023/part-u000012.parquet    documents of unit u000012 published in 2023
    OUT/records/year=2023/part-u000012.parquet      their records
    OUT/documents/year=unknown/...                  documents without a publication date
    OUT/_batch/plan.json                            what the batch reads (its fingerprint)
    OUT/_batch/done/u000012.json                    unit u000012 is done: its files, counts, skipped inputs
    OUT/_batch/work/u000012/                        a unit being written (never read)

The tables are Hive-partitioned by year; readers that follow the convention
(pyarrow.dataset, DuckDB, Spark) ignore ``_batch`` because of its leading
underscore.

A unit commits in three steps, each an atomic rename: (1) its files are
written and synced under ``work/U/``, then ``work/U/COMMIT`` is written, the
point of no return; (2) each file is renamed into the tables; (3) the done
marker is written and the work folder removed. A unit killed before (1)
completes leaves only a work folder, which the next run deletes; killed after
it, the next run finishes the renames (``recover``). So no file is ever
visible half-written, and a unit's files are all visible once the run that
committed it, or the next one, is over. ``committed_files`` lists only the
files of done units, for readers that must not see a unit in the middle of
step (2).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
from collections.abc import Iterator
from typing import Any

TABLES = ("documents", "records")
COMMIT = "COMMIT"


class Layout:
    def __init__(self, out: str) -> None:
        self.out = out
        self.meta = os.path.join(out, "_batch")
        self.done_dir = os.path.join(self.meta, "done")
        self.work_dir = os.path.join(self.meta, "work")
        self.plan_path = os.path.join(self.meta, "plan.json")

    # --- Units -------------------------------------------------------------------------------

    def done_path(self, unit: str) -> str:
        return os.path.join(self.done_dir, f"{unit}.json")

    def is_done(self, unit: str) -> bool:
        return os.path.exists(self.done_path(unit))

    def report(self, unit: str) -> dict[str, Any]:
        with open(self.done_path(unit), encoding="utf-8") as handle:
            return json.load(handle)

    def reports(self) -> Iterator[dict[str, Any]]:
        """The done markers of all done units, in unit order."""
        if not os.path.isdir(self.done_dir):
            return
        for name in sorted(os.listdir(self.done_dir)):
            if name.endswith(".json"):
                yield self.report(name[:-5])

    def part_path(self, table: str, year: str, unit: str, *, work: bool = False) -> str:
        """Where a unit's file of one table and year lives (in the tables, or in its work folder)."""
        base = os.path.join(self.work_dir, unit) if work else self.out
        return os.path.join(base, table, f"year={year}", f"part-{unit}.parquet")

    def work(self, unit: str) -> str:
        return os.path.join(self.work_dir, unit)

    # --- The commit protocol ----------------------------------------------------------------

    def seal(self, unit: str, report: dict[str, Any]) -> None:
        """Step (1): the unit's files are in its work folder; write COMMIT, the point of no return."""
        write_json(os.path.join(self.work(unit), COMMIT), report)

    def commit(self, unit: str) -> dict[str, Any]:
        """Steps (2) and (3) for a sealed unit: rename its files into the tables, mark it done."""
        with open(os.path.join(self.work(unit), COMMIT), encoding="utf-8") as handle:
            report = json.load(handle)
        for relative in report["files"]:
            source = os.path.join(self.work(unit), relative)
            target = os.path.join(self.out, relative)
            if os.path.exists(source):   # a rename done before a kill is not done twice
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(source, target)
        write_json(self.done_path(unit), report)
        shutil.rmtree(self.work(unit), ignore_errors=True)
        return report

    def discard(self, unit: str) -> None:
        """Undo an unsealed attempt at ``unit``: its work folder and any stray file of it in the tables."""
        shutil.rmtree(self.work(unit), ignore_errors=True)
        for table in TABLES:
            for path in glob.glob(os.path.join(glob.escape(self.out), table, "year=*", f"part-{unit}.parquet")):
                os.remove(path)

    def recover(self) -> list[str]:
        """Finish the commits a killed run left sealed, drop its unsealed work; returns the units finished."""
        finished = []
        if not os.path.isdir(self.work_dir):
            return finished
        for unit in sorted(os.listdir(self.work_dir)):
            if self.is_done(unit):   # killed while removing the work folder
                shutil.rmtree(self.work(unit), ignore_errors=True)
            elif os.path.exists(os.path.join(self.work(unit), COMMIT)):
                self.commit(unit)
                finished.append(unit)
            else:
                self.discard(unit)
        return finished

    # --- Reading ----------------------------------------------------------------------------

    def committed_files(self, table: str) -> list[str]:
        """The files of ``table`` that belong to done units, in unit order."""
        return [os.path.join(self.out, f) for report in self.reports() for f in report["files"]
                if f.startswith(table + "/")]


def write_json(path: str, value: Any) -> None:
    """Write ``value`` as JSON to ``path`` atomically and durably (a temporary file, fsync, rename)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
