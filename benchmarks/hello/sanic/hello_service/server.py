"""A bare Sanic app answering /health, served like the template (its Procfile web command, with
the template's forked workers)."""

from sanic import Request, Sanic
from sanic.response import HTTPResponse, json

Sanic.start_method = "fork"
app = Sanic("hello_service")


@app.get("/health")
async def health(request: Request) -> HTTPResponse:
    return json({"status": "ok"})
