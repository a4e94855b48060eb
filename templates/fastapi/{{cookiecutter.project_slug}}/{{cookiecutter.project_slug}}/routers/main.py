"""The welcome and the health check."""

from fastapi import APIRouter, Request
from sqlalchemy import Engine, text

from ..database import ConnectionTurn, require_migrated
from ..openapi import problem_responses
from ..schemas import Health

router = APIRouter()

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


@router.get("/", include_in_schema=False)
async def welcome() -> dict[str, str]:
    # No database: `async def` answers on the event loop, without a thread.
    return {"message": WELCOME, "docs": "/docs"}


@router.get(
    "/health",
    operation_id="health",
    tags=["health"],
    summary="Report whether the service and its database answer.",
    responses=problem_responses(503),
    dependencies=[ConnectionTurn],
)
def health(request: Request) -> Health:
    # A pooled connection's SELECT 1, without a session (nor, on PostgreSQL, a transaction). A
    # 503 while the database lacks a migration; a database error propagates to the 503 problem
    # handler.
    engine: Engine = request.state.health_engine
    with engine.connect() as connection:
        require_migrated(request.state.migrations, connection)
        connection.execute(text("SELECT 1"))
    return Health(status="ok")
