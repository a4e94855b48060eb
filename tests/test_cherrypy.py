"""The CherryPy template: production runs CherryPy's own server, which stops cleanly on SIGTERM."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from support import loopback
from support.live import procfile_server
from support.projects import InstallProject, read_procfile
from support.templates import default_answers

pytestmark = pytest.mark.slow
TEMPLATE = "cherrypy"


@pytest.fixture(autouse=True)
def _only_when_selected(request: pytest.FixtureRequest) -> None:
    selected = request.config.getoption("template_name")
    if selected and TEMPLATE not in selected:
        pytest.skip(f"the {TEMPLATE} template is not selected")


def test_web_process_is_cherrypys_server_and_exits_0_on_sigterm(
    installed_project: InstallProject, tmp_path: Path
) -> None:
    answers = default_answers(TEMPLATE)
    project = installed_project(TEMPLATE, answers)
    assert read_procfile(project)["web"].startswith("python -m my_service ")
    database_url = f"sqlite:///{tmp_path / 'live.db'}"
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=database_url) as server:
        response = loopback.get(f"{server.url}/greet", params={"name": "Ada"})
        assert response.text == "Hello, Ada!"
        assert response.headers["Server"].startswith("CherryPy/")
        # It serves before its engine has started, and a SIGTERM while it starts exits 70.
        deadline = time.monotonic() + 30
        while "ENGINE Bus STARTED" not in server.log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        seconds = server.stop()
    log = server.log.read_text()
    assert server.process.returncode == 0, log[-4000:]
    assert seconds < 5, f"{seconds:.2f} s to exit after SIGTERM"
    assert "ENGINE Disposing of the SQLAlchemy engine" in log
