"""Sanic's raw-driver limit: the service's /health and reads through sqlite3 (on the event
loop's thread) or an asyncpg pool alone, served like the template (its Procfile web command,
with the template's forked workers)."""

from sanic import Request, Sanic
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse, json

from . import raw_database

Sanic.start_method = "fork"
app = Sanic("limit_service")
# Its asyncpg pool is made on first use, in each worker: it belongs to that event loop.
database = raw_database.AsyncDatabase()


@app.get("/health")
async def health(request: Request) -> HTTPResponse:
    await database.healthy()
    return json({"status": "ok"})


@app.get("/api/items")
async def items(request: Request) -> HTTPResponse:
    return json(await database.items())


@app.get("/api/items/<item_id:int>")
async def item(request: Request, item_id: int) -> HTTPResponse:
    found = await database.item(item_id)
    if found is None:
        raise NotFound()
    return json(found)
