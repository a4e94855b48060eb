"""The hello page and the health check."""

from pyramid.request import Request
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import text


@view_config(route_name="hello", request_method="GET")
def hello_world(_request: Request) -> Response:
    return Response("Hello World!", content_type="text/plain")


@view_config(route_name="health", request_method="GET", renderer="json")
def health(request: Request) -> dict[str, str]:
    # A pooled connection's SELECT 1, outside any transaction (models.needs_transaction).
    # request.dbengine is a 503 while the database lacks a migration; a database error
    # propagates to the 503 exception view.
    with request.dbengine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok"}
