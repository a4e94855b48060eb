"""Which engine the statements that need no transaction get (see outside_transactions.py)."""

from pathlib import Path

from sqlalchemy import create_engine

from {{ cookiecutter.project_slug }}.outside_transactions import outside_transactions


def test_sqlite_keeps_its_engine(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'app.db'}")
    assert outside_transactions(engine) is engine
{%- if cookiecutter.database == "postgresql" %}


def test_postgresql_connections_are_in_autocommit() -> None:
    engine = create_engine("postgresql+psycopg://app@db/app")  # Connects at first use only.
    autocommit = outside_transactions(engine)
    assert autocommit.get_execution_options()["isolation_level"] == "AUTOCOMMIT"
    assert autocommit.pool is engine.pool
{%- endif %}
