"""The items API through WebTest; the payload validation is tested on its own in
test_schemas.py."""

import pytest
import webtest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }}.models import Item


@pytest.fixture
def api(testapp: webtest.TestApp, dbsession: Session) -> webtest.TestApp:
    """The app over an empty items table (inside the test's transaction)."""
    dbsession.execute(delete(Item))
    return testapp


def test_created_items_are_listed_in_id_order(api: webtest.TestApp) -> None:
    for name in ("first", "second", "third"):
        api.post_json("/api/items", {"name": name}, status=201)
    listed = api.get("/api/items").json
    assert [item["name"] for item in listed] == ["first", "second", "third"]
    assert api.get("/api/items", {"limit": 1, "offset": 1}).json == [listed[1]]


def test_create_returns_location_of_the_new_item(api: webtest.TestApp) -> None:
    response = api.post_json("/api/items", {"name": "lamp", "description": None}, status=201)
    assert response.headers["Location"] == f"/api/items/{response.json['id']}"


def test_replace_then_delete(api: webtest.TestApp) -> None:
    item_id = api.post_json("/api/items", {"name": "old"}).json["id"]
    replaced = api.put_json(f"/api/items/{item_id}", {"name": "new", "description": "d"})
    assert replaced.json == {"id": item_id, "name": "new", "description": "d"}
    api.delete(f"/api/items/{item_id}", status=204)
    api.get(f"/api/items/{item_id}", status=404)


def test_an_id_beyond_the_column_range_is_not_found(api: webtest.TestApp) -> None:
    response = api.get(f"/api/items/{2**64}", status=404)
    assert response.content_type == "application/problem+json"


def test_a_wrong_method_on_a_known_route_is_405_with_allow(api: webtest.TestApp) -> None:
    response = api.patch_json("/api/items", {"name": "x"}, status=405)
    assert response.content_type == "application/problem+json"
    assert response.headers["Allow"] == "GET, HEAD, POST"


def test_a_write_without_the_token_is_a_401_problem(api: webtest.TestApp) -> None:
    item_id = api.post_json("/api/items", {"name": "kept"}).json["id"]
    anonymous = {"Authorization": "Bearer not-the-token"}
    response = api.put_json(f"/api/items/{item_id}", {"name": "x"}, headers=anonymous, status=401)
    assert response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert api.get(f"/api/items/{item_id}").json["name"] == "kept"


def test_a_problem_to_an_allowed_origin_is_readable_by_its_browser(
    api: webtest.TestApp, allowed_origin: str
) -> None:
    # Without Access-Control-Allow-Origin, the browser would hide the 401 from the page.
    headers = {"Authorization": "", "Origin": allowed_origin}
    response = api.post_json("/api/items", {"name": "x"}, headers=headers, status=401)
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert "Origin" in response.headers["Vary"]


def test_pages_outside_the_api_get_no_cors_headers(
    api: webtest.TestApp, allowed_origin: str
) -> None:
    response = api.get("/", headers={"Origin": allowed_origin})
    assert "Access-Control-Allow-Origin" not in response.headers
