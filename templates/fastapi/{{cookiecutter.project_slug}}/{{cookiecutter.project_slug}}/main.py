"""The FastAPI app: `create_app()` builds it, `app` is what the servers import."""

from fastapi import FastAPI
from starlette.types import ASGIApp

from . import database, logs, openapi
from .config import Settings
from .contract import (
    CORS_ALLOWED_HEADERS,
    CORS_ALLOWED_METHODS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    MAX_BODY_BYTES,
)
from .middleware import (
    BodyLimitMiddleware,
    HeadAsGetMiddleware,
    ProblemCORSMiddleware,
    RequestLogMiddleware,
    SecurityHeadersMiddleware,
)
from .problems import EXCEPTION_HANDLERS
from .routers import items, main


class Service(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        # Outermost, outside the stack's ServerErrorMiddleware too, which `add_middleware`
        # cannot reach: the request log sees every answer, the 500s included.
        return RequestLogMiddleware(super().build_middleware_stack())


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app from the environment and `.env`; tests pass their own settings."""
    settings = settings or Settings()
    app = Service(
        title={{ cookiecutter.project_name | python_string }},
        {{ cookiecutter.description | python_argument("description", 8) }},
        version={{ cookiecutter.version | tojson }},
        lifespan=database.lifespan(settings.database_url),
        exception_handlers=EXCEPTION_HANDLERS,
    )
    # Read by the token check of the write path operations (routers/items.py).
    app.state.api_tokens = settings.api_tokens
    # The last one added is the outermost: the security headers reach every response, the
    # CORS preflights included, and the CORS headers reach the 413s.
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=MAX_BODY_BYTES)
    app.add_middleware(
        ProblemCORSMiddleware,
        allow_origins=settings.cors_allowed_origins,
        allow_methods=CORS_ALLOWED_METHODS,
        allow_headers=CORS_ALLOWED_HEADERS,
        expose_headers=CORS_EXPOSED_HEADERS,
        max_age=CORS_MAX_AGE,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(main.router)
    app.include_router(items.router)
    app.openapi = lambda: openapi.contract_openapi(app)  # type: ignore[method-assign]
    return app


# Logging is the process's, set up in the module the servers import: before the app logs.
logs.configure()
app = create_app()
