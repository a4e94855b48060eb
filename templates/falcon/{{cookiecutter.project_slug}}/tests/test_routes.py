"""The route table, as `falcon-inspect-app` lists it."""

import falcon
from falcon.inspect import inspect_routes


def test_every_route_and_its_responders(app: falcon.App[falcon.Request, falcon.Response]) -> None:
    routes = {
        route.path: {method.method for method in route.methods if not method.internal}
        for route in inspect_routes(app)
    }
    assert routes == {
        "/": {"GET", "HEAD"},
        "/health": {"GET", "HEAD"},
        "/api/items": {"GET", "HEAD", "POST"},
        "/api/items/{item_id:int}": {"GET", "HEAD", "PUT", "DELETE"},
    }
