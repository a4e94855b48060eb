"""Generated projects install and pass their own tests, ruff and mypy (installed covering sets),
and their pre-commit hooks."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from uv import find_uv_bin

from support.postgres import create_database, table_names
from support.projects import (
    DefaultProject,
    InstallProject,
    clean_environment,
    project_pytest,
    run,
    typing_digest,
    uv,
    warm_caches,
)
from support.templates import Answers, answers_id, declaration, served_answers

pytestmark = [pytest.mark.slow, pytest.mark.covering]

# Plugins for the generated projects' own pytest runs (reversed_order.py).
PROJECT_PLUGINS = Path(__file__).parent / "project_plugins"
# pytest-cov's last word when the total meets [tool.coverage.report] fail_under.
COVERAGE_REACHED = re.compile(r"^Required test coverage of [0-9.]+% reached", re.MULTILINE)
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
    warm_caches(project)
    # As the project's CI runs them: measuring coverage, which fails under its threshold.
    result = project_pytest(project, "--cov", env=env)
    assert COVERAGE_REACHED.search(result.stdout), result.stdout[-2000:]
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
        tables = declaration(template).suite.tables
        assert set(tables) <= table_names(env["TEST_DATABASE_URL"])


def test_project_tests_pass_in_reverse_order(
    template: str, installed_project: InstallProject
) -> None:
    """Each of the project's tests sets up what it needs: run last to first, they pass as in
    order (a test that leaves a row behind that a later one cannot list, or that relies on
    what an earlier one imported, fails here)."""
    project = installed_project(template, served_answers(template, "sqlite"))
    env = clean_environment(PYTHONPATH=str(PROJECT_PLUGINS))
    result = project_pytest(project, "-p", "reversed_order", env=env)
    assert " passed" in result.stdout, result.stdout[-2000:]


def test_a_postgresql_project_passes_on_sqlite_without_a_test_database(
    template: str, installed_project: InstallProject
) -> None:
    """Without TEST_DATABASE_URL a PostgreSQL project's tests run on a SQLite file, as its
    conftest says (the benchmark's time to green runs them so): its PostgreSQL-only tests skip
    themselves then, and the others pass."""
    project = installed_project(template, served_answers(template, "postgresql"))
    env = clean_environment()
    env.pop("TEST_DATABASE_URL", None)
    result = project_pytest(project, env=env)
    assert " passed" in result.stdout, result.stdout[-2000:]


def test_pre_commit_runs_the_locked_tools_offline(
    template: str, default_project: DefaultProject, tmp_path: Path
) -> None:
    """`pre-commit run --all-files` in the installed project made a git repository: local hooks
    only, each through uv and the project's uv.lock, with uv offline, git allowed no remote and
    an empty pre-commit home. Nothing is fetched, and every hook passes."""
    project = default_project(template)
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert all(hook["entry"].startswith("uv run --frozen ") for hook in hooks), hooks
    pre_commit_home = tmp_path / "pre-commit"
    env = clean_environment(
        PRE_COMMIT_HOME=str(pre_commit_home),
        UV_OFFLINE="1",
        GIT_ALLOW_PROTOCOL="file",
        # The hooks call `uv`: the suite's own, as every other uv command here.
        PATH=f"{Path(find_uv_bin()).parent}{os.pathsep}{os.environ['PATH']}",
    )
    # The project is the session's shared install: it is a git repository for this test only.
    run(["git", "init", "-q"], cwd=project)
    try:
        run(["git", "add", "-A"], cwd=project)
        result = uv("run", "--frozen", "pre-commit", "run", "--all-files", cwd=project, env=env)
    finally:
        shutil.rmtree(project / ".git")
    for hook in hooks:
        assert re.search(rf"^{hook['name']}\.+Passed$", result.stdout, re.M), result.stdout
    cloned = [path.name for path in pre_commit_home.iterdir() if path.is_dir()]
    assert not cloned, f"pre-commit fetched hook repositories: {cloned}"
