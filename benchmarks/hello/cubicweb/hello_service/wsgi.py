"""The bare Pyramid app, served like the template (its Procfile web command)."""

from pyramid.config import Configurator
from pyramid.request import Request


def health(_request: Request) -> dict[str, str]:
    return {"status": "ok"}


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_view(health, route_name="health", request_method="GET", renderer="json")
application = config.make_wsgi_app()
