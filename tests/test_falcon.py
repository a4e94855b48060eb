"""Falcon only: the generated README's development server and route listing work as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.live import check_dev_command_serves_on_loopback, project_environment
from support.projects import DefaultProject, run

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("falcon")


def test_dev_command_serves_the_app_on_loopback(project: Path, tmp_path: Path) -> None:
    check_dev_command_serves_on_loopback("falcon", project, tmp_path)


def test_falcon_inspect_app_lists_the_routes(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    command = f"falcon-inspect-app --route_only {project.name}.wsgi:app"
    assert f"uv run {command}" in readme
    listing = run(["sh", "-c", command], cwd=project, env=project_environment(project)).stdout
    for route in ("/health", "/api/items", "/api/items/{item_id:int}"):
        assert f"⇒ {route} - " in listing, listing
    assert "on_put_item" in listing
