"""The welcome and the health check."""

from fastapi import APIRouter

from ..database import DatabaseDep
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
)
async def health(database: DatabaseDep) -> Health:
    await database.ping()
    return Health(status="ok")
