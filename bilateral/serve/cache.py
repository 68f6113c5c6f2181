"""Answers to whole-store questions, kept until the store changes.

Counting the documents of every pair reads every record (seconds at 100,000
documents), and a pair page runs a dozen queries and draws a dozen charts,
yet both change only when documents are added or reconciled. The server
keeps such answers (at most ``MAX_ENTRIES``, least recently used out first)
with a fingerprint of the store
that is cheap to read (the newest document id, how many groups wait for
reconciliation and how many reconciliations changed the view) and computes
them again when it differs:
after ``bilateral ingest`` in another process as after ``POST /api/ingest``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from bilateral.store import Store
from bilateral.store.schema import dirty_groups, documents, store_info

MAX_ENTRIES = 256


def fingerprint(store: Store) -> tuple[Any, ...]:
    with store.connect() as conn:
        newest = conn.execute(sa.select(sa.func.max(documents.c.id))).scalar()
        waiting = conn.execute(sa.select(sa.func.count()).select_from(dirty_groups)).scalar()
        # Reconciling without new documents (--everything, new rules) changes answers too.
        runs = conn.execute(sa.select(store_info.c.value).where(store_info.c.key == "reconciled")).scalar()
    return newest, waiting, runs


class StoreCache:
    """``get(key, compute)``: ``compute()``'s answer, again while the store's fingerprint holds."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._fingerprint: tuple[Any, ...] | None = None
        self._answers: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        now = fingerprint(self.store)
        with self._lock:
            if now != self._fingerprint:
                self._answers.clear()
                self._fingerprint = now
            elif key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = compute()  # outside the lock: a slow count must not hold up other keys
        with self._lock:
            if self._fingerprint == now:
                self._answers[key] = answer
                while len(self._answers) > MAX_ENTRIES:
                    self._answers.popitem(last=False)
        return answer
