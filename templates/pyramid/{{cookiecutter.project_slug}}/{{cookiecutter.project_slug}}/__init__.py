"""{{ cookiecutter.project_name }}: the Pyramid application factory."""

from pathlib import Path
from typing import Any

{% if cookiecutter.observability == "opentelemetry" -%}
from opentelemetry.instrumentation.pyramid import PyramidInstrumentor
{% endif -%}
from pyramid.config import Configurator
from pyramid.router import Router

{% if cookiecutter.observability == "opentelemetry" -%}
from . import tweens
{% endif -%}
from .settings import with_environment
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}


def main(global_config: dict[str, Any], **settings: Any) -> Router:
    """Return the WSGI app; PasteDeploy calls this with the .ini file's [app:main] settings."""
    # The .ini file's [alembic] section migrates the database this app uses.
    ini_file = Path(global_config.get("__file__", "production.ini")).name
    settings["migrate_command"] = f"uv run alembic -c {ini_file} upgrade head"
    with Configurator(settings=with_environment(settings)) as config:
        config.include(".tweens")
        config.include(".models")
        config.include(".routes")
        config.include(".security")
{%- if cookiecutter.observability == "opentelemetry" %}
        if start_telemetry():
            # A server span for each request, named by its route's pattern (http.route), and
            # the request metrics; the database's spans come from models/.
            PyramidInstrumentor.instrument_config(config)  # type: ignore[no-untyped-call]
            # Its tween goes over pyramid_tm's, not just over the exception view's (this
            # add_tween overrides the one instrument_config includes): the span then holds the
            # statements the commit flushes and the answer to a failed commit. The request log's
            # tween stays outermost, timing and naming the whole answer.
            config.add_tween(
                "opentelemetry.instrumentation.pyramid.trace_tween_factory",
                under=f"{tweens.__name__}.request_log_tween_factory",
                over="pyramid_tm.tm_tween_factory",
            )
{%- endif %}
        # Not wsgi.py: importing it builds production.ini's app and sets up production's logs.
        config.scan(ignore=[".wsgi"])
    return config.make_wsgi_app()
