"""The items API over HTTP; the payload validation is tested on its own in
test_schemas.py."""

import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.contract import MAX_UNREAD_BODY_BYTES

from .conftest import BackgroundServer


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


def test_each_request_crosses_to_a_database_thread_once(
    client: httpx.Client, live_server: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole unit of work in one executor call; no query on the IOLoop's thread."""
    application = live_server.service.application
    calls: list[Callable[..., Any]] = []
    submit = application.executor.submit

    def counted_submit(function: Callable[..., Any], /, *args: Any) -> Future[Any]:
        calls.append(function)
        return submit(function, *args)

    threads: set[str] = set()

    def record_thread(*_args: object) -> None:
        threads.add(threading.current_thread().name)

    monkeypatch.setattr(application.executor, "submit", counted_submit)
    event.listen(application.engine, "before_cursor_execute", record_thread)
    try:
        item_id = client.post("/api/items", json={"name": "old"}).json()["id"]
        assert client.put(f"/api/items/{item_id}", json={"name": "new"}).status_code == 200
        assert client.get(f"/api/items/{item_id}").json()["name"] == "new"
        assert len(client.get("/api/items").json()) == 1
        assert client.delete(f"/api/items/{item_id}").status_code == 204
        assert client.get("/health").status_code == 200
    finally:
        event.remove(application.engine, "before_cursor_execute", record_thread)
    assert len(calls) == 6
    assert threads
    assert all(name.startswith("database") for name in threads), threads


def test_an_id_beyond_the_column_range_is_not_found(client: httpx.Client) -> None:
    response = client.get(f"/api/items/{2**64}")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_wrong_method_names_the_allowed_ones(client: httpx.Client) -> None:
    response = client.patch("/api/items")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, POST, OPTIONS"


def test_a_write_without_a_token_is_refused_once_its_body_is_read(client: httpx.Client) -> None:
    anonymous = {"Authorization": ""}
    response = client.post("/api/items", json={"name": "n" * 512 * 1024}, headers=anonymous)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    # The body was read to its end: the next request goes over the same connection.
    following = client.get("/api/items")
    assert following.json() == []
    assert following.extensions["network_stream"] is response.extensions["network_stream"]


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


def test_without_allowed_origins_no_answer_depends_on_the_origin(
    settings: Settings, allowed_origin: str
) -> None:
    server = BackgroundServer(replace(settings, cors_allowed_origins=()))
    try:
        response = httpx.get(server.url + "/api/items", headers={"Origin": allowed_origin})
    finally:
        server.stop()
    assert response.status_code == 200
    assert "Vary" not in response.headers
    assert "Access-Control-Allow-Origin" not in response.headers


def test_options_without_a_preflight_names_the_methods(client: httpx.Client) -> None:
    response = client.options("/api/items/1", headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 204
    assert response.headers["Allow"] == "GET, HEAD, DELETE, PUT, OPTIONS"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_body_over_1_mib_is_read_and_answered_413(client: httpx.Client) -> None:
    response = client.post("/api/items", json={"name": "n" * 2 * 1024 * 1024})
    assert response.status_code == 413
    # The body was read to its end: the connection stays open for the next request.
    assert client.get("/api/items").status_code == 200


def test_a_body_declared_too_large_to_read_is_answered_413_at_once(live_url: str) -> None:
    # A raw request: HTTP clients refuse to declare a body they do not send.
    url = httpx.URL(live_url)
    with socket.create_connection((url.host, url.port), timeout=5) as connection:
        connection.sendall(
            b"POST /api/items HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % (MAX_UNREAD_BODY_BYTES + 1)
        )
        answer = connection.recv(65536)
    assert answer.startswith(b"HTTP/1.1 413 ")
