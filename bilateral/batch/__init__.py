"""Batch extraction at news-archive scale, on Dask distributed.

    >>> from bilateral.batch import run_batch, iter_records
    >>> report = run_batch(["archive/*.warc.gz", "articles.jsonl"], "out/", workers=8)
    >>> for record in iter_records("out/"):
    ...     ...

``run_batch`` reads files, folders, glob patterns, JSON Lines of articles and
WARC files, extracts every document with the same code as ``bilateral
extract``, and writes Parquet tables (``documents``, ``records``) partitioned
by year under the output folder; a rerun skips the units already done. The
modules each do one job: ``plan`` (inputs to units of work), ``unit`` (one
unit on a worker), ``layout`` (the output folder and the commit protocol),
``table`` (the Parquet schemas), ``run`` (the cluster), ``output`` (reading
the output back), ``load`` (into a store, then reconcile: ``load_batch``),
``cli`` (the commands).

Dask, pyarrow and warcio come with the ``batch`` extra
(``pip install 'bilateral[batch]'``); they are imported on first use, so the
rest of bilateral does not need them.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "run_batch": "run", "BatchReport": "run", "make_plan": "plan", "DEFAULT_UNIT_BYTES": "plan",
    "iter_records": "output", "iter_documents": "output", "documents_table": "output",
    "load_batch": "load", "LoadReport": "load",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"bilateral.batch.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'bilateral.batch' has no attribute {name!r}")
