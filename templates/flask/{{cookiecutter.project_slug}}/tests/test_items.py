"""The items API through Flask's test client; the payload validation is tested on its own in
test_schemas.py."""

import pytest
{% if cookiecutter.database == "postgresql" -%}
from flask import Flask
{% endif -%}
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

{% if cookiecutter.database == "postgresql" -%}
from {{ cookiecutter.project_slug }}.extensions import db
{% endif -%}
from {{ cookiecutter.project_slug }}.views import items as item_views
{%- if cookiecutter.database == "postgresql" %}

from .autocommit_statements import autocommit_of_statements
{%- endif %}


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


def test_only_the_reads_ask_outside_a_transaction(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(item_views, "read_outside_a_transaction", asked.append)
    item_id = client.post("/api/items", json={"name": "x"}).get_json()["id"]
    assert client.put(f"/api/items/{item_id}", json={"name": "y"}).status_code == 200
    assert asked == []
    assert client.get("/api/items").status_code == 200
    assert client.get(f"/api/items/{item_id}").status_code == 200
    assert len(asked) == 2
    assert all(isinstance(session, Session) for session in asked)
{%- if cookiecutter.database == "postgresql" %}


def test_reads_run_outside_a_transaction_on_postgresql(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        engine = db.engine
    with autocommit_of_statements(engine) as autocommit:
        assert client.get("/api/items").status_code == 200
        client.get("/api/items/1")
    assert autocommit
    assert all(autocommit)
{%- endif %}
