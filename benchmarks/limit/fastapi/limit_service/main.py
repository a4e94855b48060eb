"""FastAPI's raw-driver limit: the service's /health and reads through sqlite3 (on the event
loop's thread) or an asyncpg pool alone, served like the template (its Procfile web command).
The rows go out as a JSONResponse: no response model to validate them against."""

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

from . import raw_database

app = FastAPI()
database = raw_database.AsyncDatabase()


@app.get("/health")
async def health() -> JSONResponse:
    await database.healthy()
    return JSONResponse({"status": "ok"})


@app.get("/api/items")
async def items() -> JSONResponse:
    return JSONResponse(await database.items())


@app.get("/api/items/{item_id}")
async def item(item_id: int) -> JSONResponse:
    found = await database.item(item_id)
    if found is None:
        raise HTTPException(status_code=404)
    return JSONResponse(found)
