"""The items API through Flask's test client, and the payload validation on its own."""

import pytest
from flask.testing import FlaskClient

from {{ cookiecutter.project_slug }}.schemas import FieldError, ItemIn, ItemValidationError, parse_item


def test_created_items_are_listed_in_id_order(client: FlaskClient) -> None:
    for name in ("first", "second", "third"):
        assert client.post("/api/items", json={"name": name}).status_code == 201
    listed = client.get("/api/items").get_json()
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    assert client.get("/api/items?limit=1&offset=1").get_json() == [listed[1]]


def test_create_returns_location_of_the_new_item(client: FlaskClient) -> None:
    response = client.post("/api/items", json={"name": "lamp", "description": None})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/items/{response.get_json()['id']}"


def test_replace_then_delete(client: FlaskClient) -> None:
    item_id = client.post("/api/items", json={"name": "old"}).get_json()["id"]
    replaced = client.put(f"/api/items/{item_id}", json={"name": "new", "description": "d"})
    assert replaced.get_json() == {"id": item_id, "name": "new", "description": "d"}
    assert client.delete(f"/api/items/{item_id}").status_code == 204
    assert client.get(f"/api/items/{item_id}").status_code == 404


def test_an_id_beyond_the_column_range_is_not_found(client: FlaskClient) -> None:
    response = client.get(f"/api/items/{2**64}")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_parse_item_accepts_a_missing_description() -> None:
    assert parse_item({"name": "x"}) == ItemIn(name="x", description=None)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ([], [FieldError("body", "must be a JSON object")]),
        ({}, [FieldError("name", "is required")]),
        ({"name": ""}, [FieldError("name", "must be 1 to 100 characters long")]),
        ({"name": 3}, [FieldError("name", "must be a string")]),
        (
            {"name": "x", "id": 1, "description": "d" * 1001},
            [
                FieldError("id", "unknown field"),
                FieldError("description", "must be 0 to 1000 characters long"),
            ],
        ),
    ],
)
def test_parse_item_names_every_bad_field(payload: object, expected: list[FieldError]) -> None:
    with pytest.raises(ItemValidationError) as raised:
        parse_item(payload)
    assert raised.value.errors == expected
