"""Zope only: the generated README's development server (`runwsgi`, waitress) serves the
instance, and the release step is zope.generations' (the database's generation recorded)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support.live import check_dev_command_serves_on_loopback, project_environment
from support.projects import DefaultProject

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("zope")


def test_dev_command_serves_the_instance_on_loopback(project: Path, tmp_path: Path) -> None:
    check_dev_command_serves_on_loopback("zope", project, tmp_path)


def test_the_release_step_evolves_to_the_code_s_generation(project: Path, tmp_path: Path) -> None:
    env = project_environment(project, DATABASE_URL=f"sqlite:///{tmp_path / 'release.db'}")
    release = [".venv/bin/python", "-m", project.name + ".release"]
    for _ in range(2):  # A second run finds the work done.
        done = subprocess.run(
            release, cwd=project, env=env, capture_output=True, text=True, check=True
        )
        assert "The database is at generation 1." in done.stdout


def test_the_readme_names_zope_s_tools(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    assert "uv run runwsgi -v etc/zope.ini" in readme
    assert "mkwsgiinstance" in readme
    assert (project / "etc" / "site.zcml").is_file()
