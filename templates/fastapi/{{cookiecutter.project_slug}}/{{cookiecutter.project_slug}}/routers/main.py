"""The welcome and the health check."""

from fastapi import APIRouter
from sqlalchemy import text

from ..database import SessionDep
from ..openapi import problem_responses
from ..schemas import Health

router = APIRouter()

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


@router.get("/", include_in_schema=False)
async def welcome() -> dict[str, str]:
    return {"message": WELCOME, "docs": "/docs"}


@router.get(
    "/health",
    operation_id="health",
    tags=["health"],
    summary="Report whether the service and its database answer.",
    responses=problem_responses(503),
)
async def health(session: SessionDep) -> Health:
    # The session is a 503 while the database lacks a migration; a database error propagates
    # to the 503 problem handler.
    await session.execute(text("SELECT 1"))
    return Health(status="ok")
