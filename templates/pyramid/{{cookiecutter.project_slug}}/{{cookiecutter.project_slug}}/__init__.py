"""{{ cookiecutter.project_name }}: the Pyramid application factory."""

from pathlib import Path
from typing import Any

from pyramid.config import Configurator
from pyramid.router import Router

from .settings import with_environment


def main(global_config: dict[str, Any], **settings: Any) -> Router:
    """Return the WSGI app; PasteDeploy calls this with the .ini file's [app:main] settings."""
    # The .ini file's [alembic] section migrates the database this app uses.
    ini_file = Path(global_config.get("__file__", "production.ini")).name
    settings["migrate_command"] = f"uv run alembic -c {ini_file} upgrade head"
    with Configurator(settings=with_environment(settings)) as config:
        config.include(".request_log")
        config.include(".models")
        config.include(".routes")
        config.include(".responses")
        config.include(".security")
        config.include(".cors")
        # Not wsgi.py: importing it builds production.ini's app and sets up production's logs.
        config.scan(ignore=[".wsgi"])
    return config.make_wsgi_app()
