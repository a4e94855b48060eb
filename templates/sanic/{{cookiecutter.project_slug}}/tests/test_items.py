"""The items API, in process through sanic-testing's ASGI client; the payload validation is tested
on its own in test_schemas.py."""

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from {{ cookiecutter.project_slug }}.context import ServiceApp
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS, WWW_AUTHENTICATE

from .conftest import BackgroundServer


async def test_created_items_are_listed_in_id_order(app: ServiceApp) -> None:
    for name in ("first", "second", "third"):
        _, response = await app.asgi_client.post("/api/items", json={"name": name})
        assert response.status == 201
    _, response = await app.asgi_client.get("/api/items")
    listed = response.json
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    _, response = await app.asgi_client.get("/api/items", params={"limit": 1, "offset": 1})
    assert response.json == [listed[1]]


async def test_create_returns_location_of_the_new_item(app: ServiceApp) -> None:
    _, response = await app.asgi_client.post(
        "/api/items", json={"name": "lamp", "description": None}
    )
    assert response.status == 201
    assert response.headers["Location"] == f"/api/items/{response.json['id']}"


async def test_replace_then_delete(app: ServiceApp) -> None:
    _, created = await app.asgi_client.post("/api/items", json={"name": "old"})
    path = f"/api/items/{created.json['id']}"
    _, replaced = await app.asgi_client.put(path, json={"name": "new", "description": "d"})
    assert replaced.json == {"id": created.json["id"], "name": "new", "description": "d"}
    _, deleted = await app.asgi_client.delete(path)
    assert deleted.status == 204
    _, response = await app.asgi_client.get(path)
    assert response.status == 404


@pytest.mark.parametrize("query", ["limit=", "limit=0", "limit=101", "offset=-1", "offset=x"])
async def test_bad_paging_is_a_400(app: ServiceApp, query: str) -> None:
    _, response = await app.asgi_client.get(f"/api/items?{query}")
    assert response.status == 400
    assert response.headers["Content-Type"] == "application/problem+json"


async def test_a_wrong_method_names_the_allowed_ones(app: ServiceApp) -> None:
    _, response = await app.asgi_client.patch("/api/items/1")
    assert response.status == 405
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["Allow"] == "GET, HEAD, PUT, DELETE"


async def test_an_invalid_item_is_a_422_naming_each_field(app: ServiceApp) -> None:
    _, response = await app.asgi_client.post("/api/items", json={"id": 1})
    assert response.status == 422
    assert response.json["errors"] == [
        {"field": "id", "message": "unknown field"},
        {"field": "name", "message": "is required"},
    ]


async def test_a_body_over_1_mib_is_a_413(app: ServiceApp) -> None:
    _, response = await app.asgi_client.post("/api/items", json={"name": "n" * 2 * 1024 * 1024})
    assert response.status == 413
    assert response.headers["Content-Type"] == "application/problem+json"


async def test_writes_without_the_token_are_refused_before_anything_else(
    app: ServiceApp,
) -> None:
    """The blueprint's middleware runs before the handler: to a client without the token, a
    body that is not JSON or an item that does not exist is a 401 too."""
    _, created = await app.asgi_client.post("/api/items", json={"name": "kept"})
    path = f"/api/items/{created.json['id']}"
    del app.asgi_client.headers["Authorization"]
    text = {"Content-Type": "text/plain"}
    refused = [
        await app.asgi_client.post("/api/items", content=b"x", headers=text),
        await app.asgi_client.put(f"/api/items/{created.json['id'] + 1}", json={"name": "x"}),
        await app.asgi_client.delete(path),
    ]
    for _, response in refused:
        assert response.status == 401
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.headers["WWW-Authenticate"] == WWW_AUTHENTICATE
    _, kept = await app.asgi_client.get(path)
    assert kept.status == 200


async def test_preflight_from_an_allowed_origin(app: ServiceApp, allowed_origin: str) -> None:
    headers = {"Origin": allowed_origin, "Access-Control-Request-Method": "PUT"}
    _, response = await app.asgi_client.options("/api/items/1", headers=headers)
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert response.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type"
    assert response.headers["Vary"] == "Origin"
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


async def test_other_origins_get_no_cors_headers(app: ServiceApp) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    preflight = {**origin, "Access-Control-Request-Method": "POST"}
    _, refused = await app.asgi_client.options("/api/items", headers=preflight)
    _, read = await app.asgi_client.get("/api/items", headers=origin)
    for response in (refused, read):
        assert not [name for name in response.headers if name.lower().startswith("access-")]
        assert response.headers["Vary"] == "Origin"
    assert refused.status == 204


def test_each_request_crosses_to_a_database_thread_once(
    live_server: BackgroundServer, monkeypatch: pytest.MonkeyPatch, api_token: str
) -> None:
    """The whole unit of work in one executor call; no query on the event loop's thread."""
    authorization = {"Authorization": f"Bearer {api_token}"}
    database = live_server.app.ctx.database
    calls: list[Callable[..., Any]] = []
    submit = database.executor.submit

    def counted_submit(function: Callable[..., Any], /, *args: Any) -> Future[Any]:
        calls.append(function)
        return submit(function, *args)

    threads: set[str] = set()

    def record_thread(*_args: object) -> None:
        threads.add(threading.current_thread().name)

    monkeypatch.setattr(database.executor, "submit", counted_submit)
    event.listen(database.engine, "before_cursor_execute", record_thread)
    try:
        with httpx.Client(base_url=live_server.url, headers=authorization) as client:
            item_id = client.post("/api/items", json={"name": "old"}).json()["id"]
            assert client.put(f"/api/items/{item_id}", json={"name": "new"}).status_code == 200
            assert client.get(f"/api/items/{item_id}").json()["name"] == "new"
            assert client.get("/api/items", params={"limit": 1}).status_code == 200
            assert client.delete(f"/api/items/{item_id}").status_code == 204
            assert client.get("/health").status_code == 200
    finally:
        event.remove(database.engine, "before_cursor_execute", record_thread)
    assert len(calls) == 6
    assert threads
    assert all(name.startswith("database") for name in threads), threads
