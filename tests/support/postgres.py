"""A throwaway PostgreSQL server from the installed binaries, for the Postgres variants."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

SERVER_USER = "postgres"


def find_pg_ctl() -> Path | None:
    """pg_ctl on PATH, or the newest in Debian's versioned folders."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path)
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(Path(path).parts[-3]),
    )
    return Path(candidates[-1]) if candidates else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def as_server_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: use the account Debian's package creates.
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVER_USER, "--", *command]
    return command


class PostgresServer:
    """A server in its own data folder that tests can stop and start on the same port."""

    def __init__(self, pg_ctl: Path, folder: Path, port: int) -> None:
        self.pg_ctl = pg_ctl
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.url = f"postgresql://postgres@127.0.0.1:{port}"

    def initdb(self) -> None:
        command = [str(self.pg_ctl.parent / "initdb"), "-D", str(self.data), "-U", "postgres"]
        command += ["--auth=trust", "-E", "UTF8", "--no-sync"]
        subprocess.run(as_server_user(command), check=True, capture_output=True)

    def start(self) -> None:
        # Durability off: the data is thrown away, and the suite runs faster.
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.folder / "server.log")
        command = [str(self.pg_ctl), "-D", str(self.data), "-l", log, "-o", options, "-w", "start"]
        subprocess.run(as_server_user(command), check=True, capture_output=True)

    def stop(self, check: bool = True) -> None:
        """Fast shutdown: open connections are closed, as when the database host goes away."""
        command = [str(self.pg_ctl), "-D", str(self.data), "-m", "fast", "-w", "stop"]
        subprocess.run(as_server_user(command), check=check, capture_output=True)


@contextmanager
def restartable_server() -> Iterator[PostgresServer]:
    """A started throwaway server on loopback with trust auth, removed afterwards."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        raise FileNotFoundError("no PostgreSQL server binaries (pg_ctl) found")
    folder = Path(tempfile.mkdtemp(prefix="template-suite-pg-"))
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, SERVER_USER, SERVER_USER)
        server = PostgresServer(pg_ctl, folder, free_port())
        server.initdb()
        server.start()
        try:
            yield server
        finally:
            server.stop(check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """Create an empty database (dropping any of that name) and return its URL."""
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"


def hold_schema_changes_until_connected(database_url: str, sessions: int, timeout: int) -> None:
    """Hold every schema change (CREATE, ALTER, DROP) in the database until `sessions` clients
    are connected to it (or `timeout` seconds have passed): an event trigger, so that the
    migrations of clients started together overlap however far apart their starts are. Once
    they met, no change waits again: a client that creates a temporary table at each start
    (RelStorage does) would otherwise wait out the timeout once the first had left."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        # A sequence, not a table: setval is seen at once by every session, whatever
        # transaction the one that saw them all is in.
        connection.execute("CREATE SEQUENCE sessions_met MINVALUE 0 START 0")
        connection.execute(
            f"""
            CREATE FUNCTION wait_for_sessions() RETURNS event_trigger LANGUAGE plpgsql AS $$
            DECLARE
                deadline timestamptz := clock_timestamp() + interval '{int(timeout)} seconds';
            BEGIN
                WHILE clock_timestamp() < deadline
                    AND (SELECT last_value FROM sessions_met) = 0 LOOP
                    IF (
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND backend_type = 'client backend'
                    ) >= {int(sessions)} THEN
                        PERFORM setval('sessions_met', 1);
                    ELSE
                        PERFORM pg_sleep(0.05);
                        -- pg_stat_activity is read once per transaction unless cleared.
                        PERFORM pg_stat_clear_snapshot();
                    END IF;
                END LOOP;
            END $$
            """
        )
        connection.execute(
            "CREATE EVENT TRIGGER wait_for_sessions ON ddl_command_start"
            " EXECUTE FUNCTION wait_for_sessions()"
        )


def table_names(database_url: str) -> set[str]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def column_names(database_url: str, table: str) -> set[str]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
        ).fetchall()
    return {row[0] for row in rows}
