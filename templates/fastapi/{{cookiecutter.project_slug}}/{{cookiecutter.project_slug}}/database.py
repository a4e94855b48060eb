"""The async engine, opened and closed by the app's lifespan, and one session per request."""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, TypedDict

from fastapi import Depends, FastAPI, HTTPException, Request
from sqlalchemy import event, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


class Base(DeclarativeBase):
    pass


class State(TypedDict):
    """What the lifespan hands to every request (`request.state`)."""

    sessions: async_sessionmaker[AsyncSession]
    # Whether the database has every migration in migrations/ (see get_session).
    migrations: MigrationCheck


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    apply_sqlite_pragmas(dbapi_connection)


def create_engine(database_url: str) -> AsyncEngine:
    if make_url(database_url).get_backend_name() == "sqlite":
        # aiosqlite gives each connection a thread: past the pool's 5, more threads only
        # contend for the GIL (measured: a quarter more CPU per request). A file needs no ping.
        engine = create_async_engine(database_url, max_overflow=0)
        event.listen(engine.sync_engine, "connect", configure_sqlite)
        return engine
    # Check pooled connections first, so the app recovers when the database comes back.
    return create_async_engine(database_url, pool_pre_ping=True)


def lifespan(database_url: str) -> Callable[[FastAPI], AbstractAsyncContextManager[State]]:
    """The app's lifespan: an engine per running app (and event loop), not one per import."""

    @asynccontextmanager
    async def open_database(_app: FastAPI) -> AsyncIterator[State]:
        engine = create_engine(database_url)
        try:
            yield {
                "sessions": async_sessionmaker(engine, expire_on_commit=False),
                "migrations": MigrationCheck(MIGRATIONS, "uv run alembic upgrade head"),
            }
        finally:
            await engine.dispose()

    return open_database


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session for one request, closed (and rolled back unless committed) after it."""
    sessions: async_sessionmaker[AsyncSession] = request.state.sessions
    async with sessions() as session:
        await require_migrated(request.state.migrations, session)
        yield session


async def require_migrated(check: MigrationCheck, session: AsyncSession) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the app."""
    if check.current:
        return
    pending = await session.run_sync(lambda sync: check.pending(sync.connection()))
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPException(503, check.detail)


SessionDep = Annotated[AsyncSession, Depends(get_session)]
