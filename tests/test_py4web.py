"""py4web only: the generated README's development server (`py4web run`) serves the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.live import check_dev_command_serves_on_loopback
from support.projects import DefaultProject

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("py4web")


def test_dev_command_serves_the_app_on_loopback(project: Path, tmp_path: Path) -> None:
    check_dev_command_serves_on_loopback("py4web", project, tmp_path)


def test_the_readme_names_py4webs_runner_and_the_app_it_serves(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    assert "uv run py4web run --app_names _default --dashboard_mode none" in readme
    assert "web2py" in readme
