"""How the service reaches its database:
{%- if cookiecutter.database == "postgresql" %} through Masonite ORM's connection pool, which
drops its connections after a database error{% else %} one SQLite file that several server
workers share{% endif %}."""

{% if cookiecutter.database == "postgresql" -%}
import os

import pytest
{% endif -%}
from masonite.configuration import config
{%- if cookiecutter.database == "postgresql" %}
from masoniteorm.connections.PostgresConnection import CONNECTION_POOL
{%- endif %}

from tests.TestCase import TestCase
{%- if cookiecutter.database == "postgresql" %}


def backend_pid() -> int:
    """The PostgreSQL server process of the connection a query is given."""
    [row] = config("database.db").statement("SELECT pg_backend_pid() AS pid")
    return int(row["pid"])


# Without TEST_DATABASE_URL the tests run on a SQLite file, which has no server processes.
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="needs the PostgreSQL server of TEST_DATABASE_URL",
)
class TestConnectionPool(TestCase):
    def test_queries_reuse_a_pooled_connection(self) -> None:
        assert backend_pid() == backend_pid()

    def test_a_connection_that_cannot_serve_is_a_503_and_then_replaced(self) -> None:
        before = backend_pid()
        for connection in CONNECTION_POOL:
            connection.close()
        self.get("/health").assertIsStatus(503)
        self.get("/health").assertOk()
        assert backend_pid() != before
{%- else %}


class TestSqliteSettings(TestCase):
    def test_the_file_is_in_wal_mode(self) -> None:
        # Readers and a writer at once: the other server workers are not kept waiting.
        [row] = config("database.db").statement("PRAGMA journal_mode")
        assert row["journal_mode"] == "wal"
{%- endif %}
