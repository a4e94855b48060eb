"""The items API through Django's test client, and the payload checks on their own."""

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client

from {{ cookiecutter.project_slug }}.items.models import Item
from {{ cookiecutter.project_slug }}.items.payloads import field_errors

pytestmark = pytest.mark.django_db
JSON = "application/json"


def create(client: Client, **body: Any) -> dict[str, Any]:
    response = client.post("/api/items", body, content_type=JSON)
    assert response.status_code == 201, response.content
    item: dict[str, Any] = response.json()
    return item


def test_created_items_are_listed_in_id_order(client: Client) -> None:
    Item.objects.all().delete()
    for name in ("first", "second", "third"):
        create(client, name=name)
    listed = client.get("/api/items").json()
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    assert client.get("/api/items?limit=1&offset=1").json() == [listed[1]]


def test_create_returns_location_of_the_new_item(client: Client) -> None:
    response = client.post("/api/items", {"name": "lamp", "description": None}, content_type=JSON)
    assert response.status_code == 201
    assert response["Location"] == f"/api/items/{response.json()['id']}"
    assert Item.objects.get(pk=response.json()["id"]).name == "lamp"


def test_replace_then_delete(client: Client) -> None:
    item_id = create(client, name="old")["id"]
    replaced = client.put(
        f"/api/items/{item_id}", {"name": "new", "description": "d"}, content_type=JSON
    )
    assert replaced.json() == {"id": item_id, "name": "new", "description": "d"}
    assert client.delete(f"/api/items/{item_id}").status_code == 204
    assert client.get(f"/api/items/{item_id}").status_code == 404


def test_an_id_beyond_the_column_range_is_not_found(client: Client) -> None:
    response = client.get(f"/api/items/{2**64}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_invalid_item_names_each_field(client: Client) -> None:
    response = client.post("/api/items", {"name": "", "colour": "red"}, content_type=JSON)
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"name", "colour"}


def test_lengths_come_from_the_model(client: Client) -> None:
    response = client.post(
        "/api/items", {"name": "n" * 101, "description": "d" * 1001}, content_type=JSON
    )
    assert response.status_code == 422
    messages = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert "at most 100 characters" in messages["name"]
    assert "at most 1000 characters" in messages["description"]


def test_nul_characters_are_refused_on_every_database(client: Client) -> None:
    response = client.post("/api/items", {"name": "a\u0000b"}, content_type=JSON)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["name"]


def test_body_over_1_mib_is_413(client: Client) -> None:
    body = b'{"name": "' + b"n" * 1024 * 1024 + b'"}'
    response = client.post("/api/items", body, content_type=JSON)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"


def test_wrong_method_is_405_with_allow(client: Client) -> None:
    response = client.patch("/api/items")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert {"GET", "POST"} <= {method.strip() for method in response["Allow"].split(",")}


def test_a_write_without_the_token_is_401_and_reads_need_none(client: Client) -> None:
    item_id = create(client, name="kept")["id"]
    anonymous = Client()
    response = anonymous.put(f"/api/items/{item_id}", {"name": "taken"}, content_type=JSON)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"] == "application/problem+json"
    assert anonymous.get(f"/api/items/{item_id}").json()["name"] == "kept"


def test_unknown_api_path_is_a_problem(client: Client) -> None:
    response = client.post("/api/nothing/here")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_item_is_registered_in_the_admin() -> None:
    assert admin.site.is_registered(Item)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"name": "x"}, []),
        ({"name": "x", "description": None}, []),
        ([], [{"field": "body", "message": "Must be a JSON object."}]),
        ({}, [{"field": "name", "message": "This field is required."}]),
        ({"name": 3}, [{"field": "name", "message": "Must be a string."}]),
        (
            {"name": "x", "id": 1, "description": 2},
            [
                {"field": "id", "message": "Unknown field."},
                {"field": "description", "message": "Must be a string or null."},
            ],
        ),
    ],
)
def test_field_errors(payload: object, expected: list[dict[str, str]]) -> None:
    assert field_errors(payload) == expected
