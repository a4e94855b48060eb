"""The items API through Starlette's TestClient, and the ItemIn model on its own."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from anyio import to_thread
from pydantic import ValidationError
from starlette.testclient import TestClient

from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS, WWW_AUTHENTICATE
from {{ cookiecutter.project_slug }}.database import CONNECTIONS
from {{ cookiecutter.project_slug }}.schemas import ItemIn


def test_created_items_are_listed_in_id_order(client: TestClient) -> None:
    for name in ("first", "second", "third"):
        assert client.post("/api/items", json={"name": name}).status_code == 201
    listed = client.get("/api/items").json()
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    assert client.get("/api/items?limit=1&offset=1").json() == [listed[1]]


def test_create_returns_location_of_the_new_item(client: TestClient) -> None:
    response = client.post("/api/items", json={"name": "lamp", "description": None})
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/items/{response.json()['id']}"


def test_replace_then_delete(client: TestClient) -> None:
    item_id = client.post("/api/items", json={"name": "old"}).json()["id"]
    replaced = client.put(f"/api/items/{item_id}", json={"name": "new", "description": "d"})
    assert replaced.json() == {"id": item_id, "name": "new", "description": "d"}
    assert client.delete(f"/api/items/{item_id}").status_code == 204
    assert client.get(f"/api/items/{item_id}").status_code == 404


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b'{"name": "x"}', "text/plain", 415),
        (b"", "application/json", 400),
        (b'{"name": ', "application/json", 400),
        (b'{"name": "\xff"}', "application/json", 400),
        (b"null", "application/json", 422),
    ],
)
def test_bodies_that_are_not_items(
    client: TestClient, content: bytes, content_type: str, status: int
) -> None:
    response = client.post("/api/items", content=content, headers={"Content-Type": content_type})
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"


def test_422_names_every_bad_field(client: TestClient) -> None:
    body = {"name": "", "id": 1, "description": "d" * 1001}
    response = client.post("/api/items", json=body)
    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"name", "id", "description"}


def test_405_allows_every_method_of_the_path(client: TestClient) -> None:
    response = client.patch("/api/items")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, POST"


def test_writes_without_the_token_are_refused_before_anything_else(client: TestClient) -> None:
    """The token check is each write's first dependency: to a client without the token, a
    body that is not JSON or an item that does not exist is a 401 too."""
    item_id = client.post("/api/items", json={"name": "kept"}).json()["id"]
    del client.headers["Authorization"]
    refused = [
        client.post("/api/items", content=b"x", headers={"Content-Type": "text/plain"}),
        client.put(f"/api/items/{item_id + 1}", json={"name": "x"}),
        client.delete(f"/api/items/{item_id}"),
    ]
    for response in refused:
        assert response.status_code == 401
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.headers["WWW-Authenticate"] == WWW_AUTHENTICATE
    assert client.get(f"/api/items/{item_id}").status_code == 200


def test_a_refused_preflight_is_a_problem(client: TestClient) -> None:
    """Starlette answers it in plain text; middleware.ProblemCORSMiddleware makes it a problem."""
    headers = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}
    response = client.options("/api/items", headers=headers)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Disallowed CORS origin"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Origin" in response.headers["Vary"]
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def shrink_threadpool() -> None:
    to_thread.current_default_thread_limiter().total_tokens = 2


def test_requests_past_the_pool_wait_without_holding_threads(client: TestClient) -> None:
    """More requests at once than the pool has connections, on a threadpool of two threads:
    each answers. A request waits for its connection on the event loop, not in a thread: were
    the threads all waiting for connections held by sessions that wait for a thread (to
    check their answer), the requests would wait for the pool's timeout and fail."""
    assert client.portal is not None
    client.portal.call(shrink_threadpool)
    item_id = client.post("/api/items", json={"name": "shared"}).json()["id"]
    paths = ["/api/items", f"/api/items/{item_id}", "/health"] * CONNECTIONS * 2
    with ThreadPoolExecutor(max_workers=len(paths)) as requests:
        statuses = list(requests.map(lambda path: client.get(path).status_code, paths))
    assert statuses == [200] * len(paths)


def test_item_in_accepts_a_missing_description() -> None:
    assert ItemIn(name="x") == ItemIn(name="x", description=None)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, {"name"}),
        ({"name": ""}, {"name"}),
        ({"name": 3}, {"name"}),
        ({"name": "x", "description": "nul \x00"}, {"description"}),
        ({"name": "x", "id": 1, "description": "d" * 1001}, {"id", "description"}),
    ],
)
def test_item_in_names_every_bad_field(payload: object, fields: set[str]) -> None:
    with pytest.raises(ValidationError) as raised:
        ItemIn.model_validate(payload)
    assert {str(error["loc"][0]) for error in raised.value.errors()} == fields
