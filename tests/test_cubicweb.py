"""CubicWeb only: the generated README's development server (`cubicweb-ctl start --debug`)
serves the app on loopback, and the README names CubicWeb's tools as the project uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.live import check_dev_command_serves_on_loopback
from support.projects import DefaultProject

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("cubicweb")


def test_dev_command_serves_the_app_on_loopback(project: Path, tmp_path: Path) -> None:
    check_dev_command_serves_on_loopback("cubicweb", project, tmp_path)


def test_the_readme_names_cubicwebs_tools_and_the_cube(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    assert "cubicweb-ctl start --debug" in readme
    assert "cubicweb-ctl newcube" in readme
    assert 'add_attribute("Item", "price")' in readme
    cube = project / f"cubicweb_{project.name}"
    assert {"__pkginfo__.py", "schema.py", "entities.py", "migration"} <= {
        path.name for path in cube.iterdir()
    }
