"""Fixtures shared by the store tests: a fresh store on each backend.

The PostgreSQL backend runs against a real server: ``.ci/postgres`` installs
and starts one and prints its URL, which ``.ci/run`` exports as
``BILATERAL_TEST_POSTGRES`` (with ``BILATERAL_REQUIRE_POSTGRES=1``, so that a
missing server fails CI instead of skipping). Without it, locally, the
PostgreSQL cases skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

POSTGRES_URL = os.environ.get("BILATERAL_TEST_POSTGRES")


def _reset_postgres(url: str) -> None:
    from bilateral.store import database_url

    engine = sa.create_engine(database_url(url))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL (or path) of an empty database on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    if not POSTGRES_URL:
        if os.environ.get("BILATERAL_REQUIRE_POSTGRES"):
            pytest.fail("BILATERAL_REQUIRE_POSTGRES is set but BILATERAL_TEST_POSTGRES is not")
        pytest.skip("no PostgreSQL server (set BILATERAL_TEST_POSTGRES; .ci/postgres starts one)")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def store(db_url: str):
    from bilateral.store import open_store

    s = open_store(db_url)
    yield s
    s.close()
