"""Which engine, or connection, the statements that need no transaction get (see
outside_transactions.py)."""

{% if cookiecutter.database == "postgresql" -%}
import os
{% endif -%}
from pathlib import Path

{% if cookiecutter.database == "postgresql" -%}
import pytest
from sqlalchemy import create_engine, make_url, text
{% else -%}
from sqlalchemy import create_engine
{% endif -%}
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }}.outside_transactions import (
    outside_transactions,
    read_outside_a_transaction,
)


def test_sqlite_keeps_its_engine(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    assert outside_transactions(engine) is engine


def test_a_sqlite_session_is_left_as_it_is(tmp_path: Path) -> None:
    with Session(create_engine(f"sqlite:///{tmp_path / 'app.db'}")) as session:
        read_outside_a_transaction(session)
        assert not session.in_transaction()
{%- if cookiecutter.database == "postgresql" %}


def test_postgresql_connections_are_in_autocommit() -> None:
    engine = create_engine("postgresql+psycopg://app@db/app")  # Connects at first use only.
    autocommit = outside_transactions(engine)
    assert autocommit.get_execution_options()["isolation_level"] == "AUTOCOMMIT"
    assert autocommit.pool is engine.pool


def transaction_ids(session: Session) -> tuple[object, object]:
    """The ids of the transactions two statements of the session ran in."""
    statement = text("SELECT txid_current()")
    return session.scalar(statement), session.scalar(statement)


@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="needs the PostgreSQL server of TEST_DATABASE_URL",
)
def test_a_postgresql_session_reads_outside_a_transaction_then_gives_its_connection_back() -> None:
    url = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql+psycopg")
    engine = create_engine(url, pool_size=1, max_overflow=0)  # One connection, used twice.
    with Session(engine) as session:
        read_outside_a_transaction(session)
        first, second = transaction_ids(session)
        assert first != second  # Each statement in a transaction of its own.
    with Session(engine) as session:
        first, second = transaction_ids(session)
        assert first == second
        read_outside_a_transaction(session)  # Too late: the session keeps its transaction.
        assert transaction_ids(session) == (first, first)
    engine.dispose()
{%- endif %}
