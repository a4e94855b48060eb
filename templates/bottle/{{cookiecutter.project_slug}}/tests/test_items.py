"""The items API through an in-process client; the payload validation is tested on its own in
test_schemas.py."""

import io
from typing import Any
from wsgiref.util import setup_testing_defaults

import httpx
from bottle import Bottle


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
    assert client.delete(f"/api/items/{item_id}").status_code == 204
    assert client.get(f"/api/items/{item_id}").status_code == 404


def test_an_id_beyond_the_column_range_is_not_found(client: httpx.Client) -> None:
    response = client.get(f"/api/items/{2**64}")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_body_over_1_mib_is_refused_before_it_is_read(client: httpx.Client) -> None:
    response = client.post(
        "/api/items",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": str(2**30)},
    )
    assert response.status_code == 413


def test_a_refused_body_is_still_read_to_its_end(app: Bottle, api_token: str) -> None:
    # Granian keeps the connection open only when the app has read the whole body.
    body = io.BytesIO(b"x" * (2 * 1024 * 1024))
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/items",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body.getvalue())),
        "wsgi.input": body,
        "wsgi.input_terminated": True,  # As Granian sets it: the stream ends with the body.
        "HTTP_AUTHORIZATION": f"Bearer {api_token}",
    }
    setup_testing_defaults(environ)
    statuses: list[str] = []
    app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    assert [status.split()[0] for status in statuses] == ["413"]
    assert body.tell() == len(body.getvalue())


def test_a_write_without_the_token_is_a_401_problem(client: httpx.Client) -> None:
    item_id = client.post("/api/items", json={"name": "kept"}).json()["id"]
    anonymous = {"Authorization": "Bearer not-the-token"}
    response = client.put(f"/api/items/{item_id}", json={"name": "x"}, headers=anonymous)
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert client.get(f"/api/items/{item_id}").json()["name"] == "kept"


def test_a_wrong_method_is_405_before_the_token_is_asked_for(client: httpx.Client) -> None:
    # Routing comes first: the plugin guards the write routes only.
    response = client.delete("/api/items", headers={"Authorization": ""})
    assert response.status_code == 405
    assert "DELETE" not in response.headers["Allow"]


def test_a_problem_to_an_allowed_origin_is_readable_by_its_browser(
    client: httpx.Client, allowed_origin: str
) -> None:
    # Without Access-Control-Allow-Origin, the browser would hide the 401 from the page.
    headers = {"Authorization": "", "Origin": allowed_origin}
    response = client.post("/api/items", json={"name": "x"}, headers=headers)
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert "Origin" in response.headers["Vary"]


def test_pages_outside_the_api_get_no_cors_headers(
    client: httpx.Client, allowed_origin: str
) -> None:
    response = client.get("/", headers={"Origin": allowed_origin})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_invalid_fields_are_listed_in_the_problem(client: httpx.Client) -> None:
    response = client.post("/api/items", json={"name": "", "colour": "red"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "colour", "message": "unknown field"},
        {"field": "name", "message": "must be 1 to 100 characters long"},
    ]
