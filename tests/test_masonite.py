"""Masonite only: the generated README's development server and craft commands work as
written."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.live import check_dev_command_serves_on_loopback, project_environment
from support.projects import DefaultProject, run

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("masonite")


def test_dev_command_serves_the_app_on_loopback(project: Path, tmp_path: Path) -> None:
    check_dev_command_serves_on_loopback("masonite", project, tmp_path)


def test_craft_lists_the_routes(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    assert "`uv run python craft routes:list`" in readme
    listing = run(
        ["python", "craft", "routes:list"], cwd=project, env=project_environment(project)
    ).stdout
    for route in ("/health", "/api/items", "/api/items/@item_id:int"):
        assert route in listing, listing
    assert "ItemsController@update" in listing or "update" in listing, listing


def test_craft_rolls_back_and_migrates_again(project: Path, tmp_path: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    assert "`uv run python craft migrate:rollback`" in readme
    env = project_environment(project, DATABASE_URL=f"sqlite:///{tmp_path / 'rollback.db'}")
    for command in ("migrate", "migrate:rollback", "migrate"):
        output = run(["python", "craft", command], cwd=project, env=env).stdout
        assert "create_items_table" in output, output
