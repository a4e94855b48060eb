"""Sanic only: the generated README's development server works as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.live import check_dev_command_serves_on_loopback
from support.projects import DefaultProject

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("sanic")


def test_dev_command_serves_the_app_on_loopback(project: Path, tmp_path: Path) -> None:
    check_dev_command_serves_on_loopback("sanic", project, tmp_path)
