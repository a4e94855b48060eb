"""{{ cookiecutter.project_name }}: the Pyramid application factory."""

from typing import Any

from pyramid.config import Configurator
from pyramid.router import Router

from .settings import with_environment


def main(global_config: dict[str, Any], **settings: Any) -> Router:
    """Return the WSGI app; PasteDeploy calls this with the .ini file's [app:main] settings."""
    with Configurator(settings=with_environment(settings)) as config:
        config.include(".models")
        config.include(".routes")
        config.include(".responses")
        config.scan()
    return config.make_wsgi_app()
