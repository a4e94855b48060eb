"""cubicweb-{{ cookiecutter.project_slug }}: the cube of {{ cookiecutter.project_name }}.

CubicWeb's Pyramid application includes each cube of the instance that has an `includeme`: here
the routes and views of the service (views.py), its exception views (problems.py) and the
service's tweens (`{{ cookiecutter.project_slug }}/tweens.py`, the same as Pyramid's).
"""

from pyramid.config import Configurator

from {{ cookiecutter.project_slug }} import settings, tweens
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.telemetry import start_telemetry
from {{ cookiecutter.project_slug }}.tracing import instrument_pyramid
{%- endif %}


def includeme(config: Configurator) -> None:
    config.registry.settings["api_tokens"] = settings.api_tokens()
    config.registry.settings["cors_allowed_origins"] = settings.cors_allowed_origins()
    config.include(tweens)
    config.include(".problems")
    config.include(".views")
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        instrument_pyramid(config, under=f"{tweens.__name__}.request_log_tween_factory")
{%- endif %}
