"""URL dispatch: every route of the service. The views attach to them by name (views/)."""

from pyramid.config import Configurator

# pyramid_tm opens no transaction for it (models.needs_transaction).
HEALTH_PATH = "/health"


def includeme(config: Configurator) -> None:
    config.add_route("hello", "/")
    config.add_route("health", HEALTH_PATH)
    config.add_route("items", "/api/items")
    # Only digits match: any other id is a 404 from the not-found view.
    config.add_route("item", r"/api/items/{id:\d+}")
