"""The FastAPI app: `create_app()` builds it, `app` is what the servers import."""

from fastapi import FastAPI

from . import database, openapi
from .config import Settings
from .contract import MAX_BODY_BYTES
from .middleware import BodyLimitMiddleware, HeadAsGetMiddleware, SecurityHeadersMiddleware
from .problems import EXCEPTION_HANDLERS
from .routers import items, main


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app from the environment and `.env`; tests pass their own settings."""
    settings = settings or Settings()
    app = FastAPI(
        title={{ cookiecutter.project_name | python_string }},
        {{ cookiecutter.description | python_argument("description", 8) }},
        version={{ cookiecutter.version | tojson }},
        lifespan=database.lifespan(settings.database_url),
        exception_handlers=EXCEPTION_HANDLERS,
    )
    # The last one added is the outermost: the security headers reach every response.
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(main.router)
    app.include_router(items.router)
    app.openapi = lambda: openapi.contract_openapi(app)  # type: ignore[method-assign]
    return app


app = create_app()
