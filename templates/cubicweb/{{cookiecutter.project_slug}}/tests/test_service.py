"""How the service runs CubicWeb: its SQL cache behind a lock, its SQLite connections open
from one request to the next."""

from typing import Any

import pytest
from webtest import TestApp

from {{ cookiecutter.project_slug }}.service import LockedCache


def test_the_cache_of_sql_is_behind_a_lock(repo: Any) -> None:
    assert isinstance(repo.system_source._cache, LockedCache)


def test_a_connection_serves_request_after_request(web: TestApp, repo: Any) -> None:
    if repo.system_source.dbdriver != "sqlite":
        pytest.skip("CubicWeb keeps its PostgreSQL connections open itself")
    web.get("/api/items")
    [connection] = [cnxset.cnx for cnxset in repo.cnxsets]
    web.get("/api/items")
    web.get("/health")
    assert [cnxset.cnx for cnxset in repo.cnxsets] == [connection]
