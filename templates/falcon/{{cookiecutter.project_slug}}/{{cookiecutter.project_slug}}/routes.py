"""The URL table: each route to its resource."""

from collections.abc import Collection

import falcon

from .database import Database
from .resources.items import ItemsResource
from .resources.pages import HealthResource, WelcomeResource


def add_routes(
    app: falcon.App[falcon.Request, falcon.Response],
    database: Database,
    api_tokens: Collection[str],
) -> None:
    app.add_route("/", WelcomeResource())
    app.add_route("/health", HealthResource(database))
    items = ItemsResource(database, api_tokens)
    app.add_route("/api/items", items)
    # Digits only (Falcon's int converter): any other id is not a route, so a 404.
    app.add_route("/api/items/{item_id:int}", items, suffix="item")
