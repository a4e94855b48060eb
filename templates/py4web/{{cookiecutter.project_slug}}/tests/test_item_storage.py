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
    try:
        answer = web.get(f"/api/items/{item_id}", status=500)
        assert answer.content_type == PROBLEM
    finally:
        # The contract tests share the table and empty it never: a row no list can serve
        # would fail every list after this test.
        db.get_connection_from_pool_or_new()
        db(db.item.id == item_id).delete()
        db.recycle_connection_in_pool_or_close("commit")
