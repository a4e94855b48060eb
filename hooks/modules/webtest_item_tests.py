"""The items API through WebTest, on the `web` fixture (the app over an empty items store, with
the API token) and the `app` fixture (the app): the same tests for every framework tested
through WebTest, whose own tests of how it stores items sit beside them."""

from typing import Any

from webtest import TestApp

PROBLEM = "application/problem+json"


def create(web: TestApp, name: str = "lamp", description: str | None = None) -> Any:
    return web.post_json("/api/items", {"name": name, "description": description}, status=201)


def test_create_read_replace_delete(web: TestApp) -> None:
    created = create(web, description="a desk lamp")
    item = created.json
    assert created.headers["Location"] == f"/api/items/{item['id']}"
    assert item == {"id": item["id"], "name": "lamp", "description": "a desk lamp"}
    assert web.get(f"/api/items/{item['id']}").json == item
    replaced = web.put_json(f"/api/items/{item['id']}", {"name": "chair", "description": None})
    assert replaced.json == {"id": item["id"], "name": "chair", "description": None}
    web.delete(f"/api/items/{item['id']}", status=204)
    assert web.get(f"/api/items/{item['id']}", status=404).content_type == PROBLEM


def test_the_list_is_in_id_order_and_paged(web: TestApp) -> None:
    ids = [create(web, name).json["id"] for name in ("a", "b", "c")]
    assert [item["id"] for item in web.get("/api/items").json] == ids
    assert [item["id"] for item in web.get("/api/items?limit=1&offset=1").json] == ids[1:2]
    assert web.get(f"/api/items?offset={2**40}").json == []


def test_bad_paging_is_a_400(web: TestApp) -> None:
    for query in ("limit=0", "limit=101", "limit=x", "offset=-1"):
        answer = web.get(f"/api/items?{query}", status=400)
        assert answer.content_type == PROBLEM
        assert answer.json["status"] == 400


def test_a_paging_parameter_given_twice_is_a_400(web: TestApp) -> None:
    answer = web.get("/api/items?offset=1&offset=2", status=400)
    assert answer.json["detail"] == "offset must be given once."


def test_a_write_without_a_token_is_a_401(app: Any, web: TestApp) -> None:
    answer = TestApp(app).post_json("/api/items", {"name": "lamp"}, status=401)
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert answer.json["title"] == "Unauthorized"


def test_bodies_the_api_refuses(web: TestApp) -> None:
    web.post("/api/items", "name=lamp", content_type="text/plain", status=415)
    web.post("/api/items", "{", content_type="application/json", status=400)
    too_large = '"' + "x" * (1024 * 1024) + '"'
    web.post("/api/items", too_large, content_type="application/json", status=413)
    invalid = web.post_json("/api/items", {"name": "", "id": 3}, status=422)
    assert {error["field"] for error in invalid.json["errors"]} == {"name", "id"}


def test_unknown_items_paths_and_methods(web: TestApp) -> None:
    assert web.get("/api/items/2147483648", status=404).content_type == PROBLEM
    assert web.put_json("/api/items/1", {"name": "x"}, status=404).json["status"] == 404
    web.delete("/api/items/1", status=404)
    assert web.get("/api/nothing", status=404).content_type == PROBLEM
    wrong = web.patch("/api/items", status=405)
    assert wrong.content_type == PROBLEM
    assert "GET" in wrong.headers["Allow"]


def test_every_answer_has_the_security_headers(web: TestApp) -> None:
    for answer in (web.get("/health"), web.get("/nothing", status=404)):
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"


def test_cors_for_the_allowed_origin_only(web: TestApp, allowed_origin: str) -> None:
    preflight = web.options(
        "/api/items",
        headers={"Origin": allowed_origin, "Access-Control-Request-Method": "POST"},
        status=204,
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    other = web.get("/api/items", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    assert other.headers["Vary"] == "Origin"
