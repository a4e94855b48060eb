"""A bare Pyramid app answering /health, served like the template (its Procfile web command)."""

from pyramid.config import Configurator
from pyramid.request import Request


def health(request: Request) -> dict[str, str]:
    return {"status": "ok"}


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_view(health, route_name="health", renderer="json")
    app = config.make_wsgi_app()
