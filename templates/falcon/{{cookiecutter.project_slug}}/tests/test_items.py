"""The items API through Falcon's test client; the payload validation is tested on its own in
test_schemas.py."""

from types import SimpleNamespace

import falcon
import pytest
from falcon.testing import TestClient, create_req

from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES, PROBLEM_CONTENT_TYPE
from {{ cookiecutter.project_slug }}.database import Database, SessionManager


def test_created_items_are_listed_in_id_order(client: TestClient) -> None:
    for name in ("first", "second", "third"):
        assert client.simulate_post("/api/items", json={"name": name}).status_code == 201
    listed = client.simulate_get("/api/items").json
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    assert client.simulate_get("/api/items?limit=1&offset=1").json == [listed[1]]


def test_create_returns_location_of_the_new_item(client: TestClient) -> None:
    response = client.simulate_post("/api/items", json={"name": "lamp", "description": None})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/items/{response.json['id']}"


def test_replace_then_delete(client: TestClient) -> None:
    item_id = client.simulate_post("/api/items", json={"name": "old"}).json["id"]
    body = {"name": "new", "description": "d"}
    replaced = client.simulate_put(f"/api/items/{item_id}", json=body)
    assert replaced.json == {"id": item_id, "name": "new", "description": "d"}
    assert client.simulate_delete(f"/api/items/{item_id}").status_code == 204
    assert client.simulate_get(f"/api/items/{item_id}").status_code == 404


@pytest.mark.parametrize("item_id", ["0", "-1", str(2**64), "abc", "1.5"])
def test_an_id_that_cannot_exist_is_not_found(client: TestClient, item_id: str) -> None:
    response = client.simulate_get(f"/api/items/{item_id}")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE


LIMIT_RULE = 'The "limit" parameter is invalid. The value must be an integer from 1 to 100.'


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("limit=0", LIMIT_RULE),
        ("limit=", LIMIT_RULE),
        ("limit=%2B5", LIMIT_RULE),
        ("limit=1&limit=2", 'The "limit" parameter is invalid. The value must be given once.'),
        (
            "offset=-1",
            'The "offset" parameter is invalid. The value must be an integer of at least 0.',
        ),
    ],
)
def test_bad_paging_is_a_400_naming_the_parameter(
    client: TestClient, query: str, detail: str
) -> None:
    response = client.simulate_get("/api/items", query_string=query)
    assert response.status_code == 400
    assert response.json["detail"] == detail


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Content-Type": "application/json"}, b"[" * 100_000 + b"]" * 100_000, 400),
        ({"Content-Type": "application/json"}, b'{"name": "\xff"}', 400),
        ({"Content-Type": "application/json"}, b"", 400),
        ({}, b'{"name": "x"}', 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, b"name=x", 415),
        ({"Content-Type": "application/json"}, b" " * (MAX_BODY_BYTES + 1), 413),
    ],
    ids=["deeply-nested", "not-utf8", "empty", "no-content-type", "form", "too-large"],
)
def test_a_body_that_is_no_json_item_is_a_problem(
    client: TestClient, headers: dict[str, str], body: bytes, status: int
) -> None:
    response = client.simulate_post("/api/items", headers=headers, body=body)
    assert response.status_code == status
    assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json["status"] == status


def test_an_invalid_item_is_a_422_naming_each_field(client: TestClient) -> None:
    response = client.simulate_post("/api/items", json={"name": "", "colour": "red"})
    assert response.status_code == 422
    assert response.json["errors"] == [
        {"field": "colour", "message": "unknown field"},
        {"field": "name", "message": "must be 1 to 100 characters long"},
    ]


@pytest.mark.parametrize(
    ("method", "reads"),
    [("GET", True), ("HEAD", True), ("POST", False), ("PUT", False), ("DELETE", False)],
)
def test_reads_get_a_session_outside_a_transaction(
    database: Database, method: str, reads: bool
) -> None:
    """On PostgreSQL, without the BEGIN and ROLLBACK round trips (on SQLite, the same engine)."""
    manager, resource = SessionManager(database), SimpleNamespace(uses_session=True)
    request, response = create_req(method=method), falcon.Response()
    manager.process_resource(request, response, resource, {})
    try:
        engine = database.outside_transactions if reads else database.engine
        assert request.context.session.get_bind() is engine
    finally:
        manager.process_response(request, response, resource, True)
