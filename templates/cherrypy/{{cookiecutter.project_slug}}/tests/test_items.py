"""The items API over HTTP; the payload validation is tested on its own in
test_schemas.py."""

import httpx
import pytest
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import database
from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES
{%- if cookiecutter.database == "postgresql" %}
from {{ cookiecutter.project_slug }}.database import SAEnginePlugin

from .autocommit_statements import autocommit_of_statements
{%- endif %}


def test_created_items_are_listed_in_id_order(client: httpx.Client) -> None:
    for name in ("first", "second", "third"):
        assert client.post("/api/items", json={"name": name}).status_code == 201
    listed = client.get("/api/items").json()
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    assert client.get("/api/items?limit=1&offset=1").json() == [listed[1]]


def test_create_returns_location_of_the_new_item(client: httpx.Client) -> None:
    response = client.post("/api/items", json={"name": "lamp", "description": None})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/items/{response.json()['id']}"


def test_replace_then_delete(client: httpx.Client) -> None:
    item_id = client.post("/api/items", json={"name": "old"}).json()["id"]
    replaced = client.put(f"/api/items/{item_id}", json={"name": "new", "description": "d"})
    assert replaced.json() == {"id": item_id, "name": "new", "description": "d"}
    deleted = client.delete(f"/api/items/{item_id}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert client.get(f"/api/items/{item_id}").status_code == 404


def test_an_id_beyond_the_column_range_is_not_found(client: httpx.Client) -> None:
    response = client.get(f"/api/items/{2**64}")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


def test_unknown_query_parameters_are_ignored(client: httpx.Client) -> None:
    assert client.get("/api/items?colour=red").status_code == 200
    created = client.post("/api/items?colour=red", json={"name": "x"})
    assert created.status_code == 201
    assert client.get(f"{created.headers['Location']}?colour=red").status_code == 200


def test_a_repeated_query_parameter_is_a_400(client: httpx.Client) -> None:
    response = client.get("/api/items?limit=1&limit=2")
    assert response.status_code == 400
    assert response.json()["detail"] == "limit must be given once."


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/api/items", "GET, HEAD, OPTIONS, POST"),
        ("/api/items/1", "DELETE, GET, HEAD, OPTIONS, PUT"),
    ],
)
def test_the_method_dispatcher_allows_the_methods_of_each_resource(
    client: httpx.Client, path: str, allow: str
) -> None:
    response = client.patch(path, json={"name": "x"})
    assert response.status_code == 405
    assert response.headers["Allow"] == allow
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_preflight_from_an_allowed_origin_names_what_its_browser_may_send(
    client: httpx.Client, allowed_origin: str
) -> None:
    preflight = {"Origin": allowed_origin, "Access-Control-Request-Method": "PUT"}
    response = client.options("/api/items/1", headers=preflight)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, POST, PUT, DELETE"
    assert response.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type"
    assert response.headers["Access-Control-Max-Age"] == "600"
    assert response.headers["Vary"] == "Origin"


def test_an_error_for_an_allowed_origin_is_readable_by_its_browser(
    client: httpx.Client, allowed_origin: str
) -> None:
    response = client.get("/api/items/1", headers={"Origin": allowed_origin})
    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert response.headers["Vary"] == "Origin"


def test_a_write_without_a_token_is_a_401_whatever_its_body(client: httpx.Client) -> None:
    anonymous = {"Authorization": ""}
    response = client.post("/api/items", content=b"not json", headers=anonymous)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.headers["Content-Type"] == "application/problem+json"
    # cheroot reads the body the app left unread: the connection serves the next request.
    following = client.get("/api/items")
    assert following.json() == []
    assert following.extensions["network_stream"] is response.extensions["network_stream"]


def test_a_body_over_1_mib_is_a_413_problem(client: httpx.Client) -> None:
    response = client.post("/api/items", json={"name": "n" * MAX_BODY_BYTES})
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_a_body_of_a_few_mib_is_still_a_413_problem(client: httpx.Client) -> None:
    response = client.post("/api/items", json={"name": "n" * 3 * MAX_BODY_BYTES})
    assert response.status_code == 413
    assert response.headers["Content-Type"] == "application/problem+json"


def test_the_server_refuses_far_larger_bodies_before_reading_them(client: httpx.Client) -> None:
    response = client.post("/api/items", json={"name": "n" * 17 * MAX_BODY_BYTES})
    assert response.status_code == 413


def test_only_the_reads_ask_outside_a_transaction(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(database, "read_outside_a_transaction", asked.append)
    item_id = client.post("/api/items", json={"name": "x"}).json()["id"]
    assert client.put(f"/api/items/{item_id}", json={"name": "y"}).status_code == 200
    assert asked == []
    assert client.get("/api/items").status_code == 200
    assert client.head(f"/api/items/{item_id}").status_code == 200
    assert len(asked) == 2
    assert all(isinstance(session, Session) for session in asked)
{%- if cookiecutter.database == "postgresql" %}


def test_reads_run_outside_a_transaction_on_postgresql(
    client: httpx.Client, database: SAEnginePlugin
) -> None:
    engine = database.engine
    assert engine is not None
    with autocommit_of_statements(engine) as autocommit:
        assert client.get("/api/items").status_code == 200
        client.get("/api/items/1")
    assert autocommit
    assert all(autocommit)
{%- endif %}
