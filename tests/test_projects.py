"""Generated projects install and pass their own tests, ruff and mypy (installed covering sets)."""

from __future__ import annotations

import pytest

from support.postgres import create_database, table_names
from support.projects import InstallProject, clean_environment, typing_digest, uv
from support.templates import Answers, answers_id, declaration

pytestmark = [pytest.mark.slow, pytest.mark.covering]

# (template, typing digest of its Python code) that mypy has passed in this session.
TYPE_CHECKED: set[tuple[str, str]] = set()


def test_project_passes_its_own_checks(
    template: str,
    answers: Answers,
    installed_project: InstallProject,
    request: pytest.FixtureRequest,
) -> None:
    project = installed_project(template, answers)
    env = clean_environment()
    if answers["database"] == "postgresql":
        server = request.getfixturevalue("postgres_server")
        database = "test_" + answers_id(answers).replace("-", "_").replace(".", "_").lower()
        env["TEST_DATABASE_URL"] = create_database(server, database)
    uv("run", "--no-sync", "pytest", "-q", "-p", "no:cacheprovider", cwd=project, env=env)
    uv("run", "--no-sync", "ruff", "check", "--no-cache", cwd=project)
    uv("run", "--no-sync", "ruff", "format", "--check", "--no-cache", cwd=project)
    # mypy reads the Python code and the tool settings, which only the database answer changes:
    # once per distinct code, free text and package name aside, is enough.
    sources = (template, typing_digest(project))
    if sources not in TYPE_CHECKED:
        uv("run", "--no-sync", "mypy", cwd=project)
        TYPE_CHECKED.add(sources)
    if answers["database"] == "postgresql":
        # The project's tests really ran on PostgreSQL: its migrations built the schema there.
        migrations_table = declaration(template).suite.migrations_table
        assert {migrations_table, "items"} <= table_names(env["TEST_DATABASE_URL"])
