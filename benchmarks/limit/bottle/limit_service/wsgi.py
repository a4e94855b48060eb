"""Bottle's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone,
served like the template (its Procfile web command)."""

import json

from bottle import Bottle, HTTPError, response

from . import raw_database

app = Bottle()


@app.get("/health")
def health() -> dict[str, str]:
    raw_database.healthy()
    return {"status": "ok"}


@app.get("/api/items")
def items() -> str:
    # Bottle serialises dicts only: a list is written as its JSON text.
    response.content_type = "application/json"
    return json.dumps(raw_database.items())


@app.get("/api/items/<item_id:int>")
def item(item_id: int) -> raw_database.Item:
    found = raw_database.item(item_id)
    if found is None:
        raise HTTPError(404)
    return found
