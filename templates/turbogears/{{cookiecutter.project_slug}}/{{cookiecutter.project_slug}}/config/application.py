"""The PasteDeploy app factory (pyproject.toml's `paste.app_factory` entry point): what
`use = egg:...` in the .ini files, gearbox, Alembic and wsgi.py load."""

from pathlib import Path
from typing import Any

{% if cookiecutter.observability == "opentelemetry" -%}
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.instrumentation.wsgi import OpenTelemetryMiddleware

from ..telemetry import start_telemetry
{% endif -%}
from .app_cfg import base_config
from .settings import with_environment


def make_app(global_conf: dict[str, Any], **app_conf: Any) -> Any:
    """The WSGI app of the .ini file's [app:main] section, the environment over it."""
    # The .ini file's [alembic] section migrates the database this app uses.
    ini_file = Path(global_conf.get("__file__", "production.ini")).name
    app_conf["migrate_command"] = f"uv run alembic -c {ini_file} upgrade head"
{%- if cookiecutter.observability == "opentelemetry" %}
    traced = start_telemetry()
    if traced:
        # A span for each statement, beneath the request's: every engine made from now on
        # (make_wsgi_app makes the app's) is instrumented. skip_dep_check: the instrumentation
        # declares SQLAlchemy < 2.1, and works with 2.1 (tests/test_observability.py).
        SQLAlchemyInstrumentor().instrument(skip_dep_check=True)
{%- endif %}
    app = base_config.make_wsgi_app(global_conf, with_environment(app_conf), wrap_app=None)
{%- if cookiecutter.observability == "opentelemetry" %}
    if traced:
        # TurboGears has no instrumentation of its own: the WSGI one makes a server span for
        # each request and the request metrics; lib/request_log.py names the span by its route.
        app = OpenTelemetryMiddleware(app)
{%- endif %}
    return app
