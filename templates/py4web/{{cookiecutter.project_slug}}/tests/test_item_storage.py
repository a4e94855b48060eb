"""How the items are stored: pydal's rows, and one the actions cannot serve (the items API's
tests are in tests/test_items.py)."""

from typing import Any

import pytest
from webtest import TestApp

PROBLEM = "application/problem+json"


def test_a_row_that_is_not_an_item_is_a_500(web: TestApp, db: Any) -> None:
    if db._adapter.dbengine != "sqlite":
        pytest.skip("SQLite alone keeps bytes in a text column")
    db.get_connection_from_pool_or_new()
    # Behind pydal's back, which would refuse bytes that are not UTF-8.
    db.executesql("INSERT INTO items (name) VALUES (?)", placeholders=(b"\xff\x00",))
    [(item_id,)] = db.executesql("SELECT max(id) FROM items")
    db.recycle_connection_in_pool_or_close("commit")
    answer = web.get(f"/api/items/{item_id}", status=500)
    assert answer.content_type == PROBLEM
