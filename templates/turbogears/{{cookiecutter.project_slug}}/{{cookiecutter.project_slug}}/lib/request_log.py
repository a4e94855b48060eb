"""Each request's id and its one access line (logs.py), as the outermost application wrapper
{%- if cookiecutter.observability == "opentelemetry" %}; and
the route that names its span, as the innermost{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" -%}
import inspect
{% endif -%}
import time
from typing import Any

{% if cookiecutter.observability == "opentelemetry" -%}
from opentelemetry import trace
{% endif -%}
from tg import Response
from tg.appwrappers.base import ApplicationWrapper

from ..contract import REQUEST_ID_HEADER, request_id
from ..logs import REQUEST_ID, log_access


class RequestLogWrapper(ApplicationWrapper):  # type: ignore[misc]  # no type hints
    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Response:
        started = time.perf_counter()
        token = REQUEST_ID.set(request_id(environ.get("HTTP_X_REQUEST_ID")))
        try:
            # The problem details wrapper below turns every error into an answer.
            response: Response = self.next_handler(controller, environ, context)
            response.headers[REQUEST_ID_HEADER] = REQUEST_ID.get()
            duration_ms = (time.perf_counter() - started) * 1000
            request = context.request
            status = response.status_int
            log_access(request.method, request.path, status, duration_ms, request.remote_addr)
            return response
        finally:
            # A server thread serves one request after another: no later line carries this id.
            REQUEST_ID.reset(token)
{%- if cookiecutter.observability == "opentelemetry" %}


def route(state: Any) -> str | None:
    """The route the dispatch found, its arguments named as the method names them:
    /api/items/{item_id} for /api/items/7. None when nothing was found."""
    if state is None or state.action is None:
        return None
    arguments = len(state.remainder)
    parameters = inspect.signature(state.action).parameters.values()
    names = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD][:arguments]
    placeholders = ["{" + name + "}" for name in names]
    steps = [*state.path[: len(state.path) - arguments], *placeholders]
    return "/" + "/".join(steps)


class RouteNameWrapper(ApplicationWrapper):  # type: ignore[misc]  # no type hints
    """Names the WSGI instrumentation's span by the route (http.route), not by the path."""

    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Response:
        response: Response = self.next_handler(controller, environ, context)
        span = trace.get_current_span()
        name = route(getattr(context.request, "_dispatch_state", None))
        if name is not None and span.is_recording():
            span.set_attribute("http.route", name)
            span.update_name(f"{context.request.method} {name}")
        return response
{%- endif %}
