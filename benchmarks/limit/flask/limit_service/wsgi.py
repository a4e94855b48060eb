"""Flask's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone,
served like the template (its Procfile web command)."""

from flask import Flask, abort

from . import raw_database

app = Flask(__name__)


@app.get("/health")
def health() -> dict[str, str]:
    raw_database.healthy()
    return {"status": "ok"}


@app.get("/api/items")
def items() -> list[raw_database.Item]:
    return raw_database.items()


@app.get("/api/items/<int:item_id>")
def item(item_id: int) -> raw_database.Item:
    return raw_database.item(item_id) or abort(404)
