"""The items API, through Masonite's TestCase."""

import json
from typing import Any

from masonite.tests import HttpTestResponse

from app.models.Item import Item
from tests.TestCase import TestCase


class TestItems(TestCase):
    def test_an_empty_list(self) -> None:
        self.get("/api/items").assertOk().assertJsonExact([])

    def test_create_then_read(self) -> None:
        created = self.post("/api/items", {"name": "lamp", "description": None})
        created.assertCreated().assertJson({"name": "lamp", "description": None})
        [item] = Item.all()
        created.assertJsonPath("id", item.id).assertLocation(f"/api/items/{item.id}")
        self.get(f"/api/items/{item.id}").assertOk().assertJsonExact(
            {"id": item.id, "name": "lamp", "description": None}
        )

    def test_list_in_id_order_with_limit_and_offset(self) -> None:
        for name in ("a", "b", "c"):
            Item.create({"name": name})
        listed = self.get("/api/items?limit=2&offset=1").assertOk()
        assert [item["name"] for item in json_of(listed)] == ["b", "c"]

    def test_replace_and_delete(self) -> None:
        item = Item.create({"name": "old", "description": "was"})
        self.put(f"/api/items/{item.id}", {"name": "new"}).assertOk().assertJsonExact(
            {"id": item.id, "name": "new", "description": None}
        )
        self.fetch(f"/api/items/{item.id}", method="DELETE").assertNoContent()
        self.get(f"/api/items/{item.id}").assertNotFound()
        self.fetch(f"/api/items/{item.id}", method="DELETE").assertNotFound()

    def test_writes_need_a_token(self) -> None:
        self.withHeaders({"Authorization": "Bearer wrong"})
        self.post("/api/items", {"name": "lamp"}).assertUnauthorized().assertHasHeader(
            "WWW-Authenticate"
        )
        assert Item.all().count() == 0

    def test_an_invalid_item_names_each_field(self) -> None:
        refused = self.post("/api/items", {"name": "", "id": 3}).assertIsStatus(422)
        refused.assertJsonPath("status", 422)
        fields = {error["field"] for error in json_of(refused)["errors"]}
        assert fields == {"name", "id"}

    def test_a_bad_page_is_a_400(self) -> None:
        for query in ("limit=0", "limit=101", "limit=x", "offset=-1", "limit=1&limit=2"):
            self.get(f"/api/items?{query}").assertIsStatus(400)


def json_of(answer: HttpTestResponse) -> Any:
    """The answer's JSON body (Masonite's assertJsonCount cannot count a top-level array)."""
    return json.loads(answer.response.get_response_content())
