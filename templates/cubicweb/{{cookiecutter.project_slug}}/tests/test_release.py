"""The release step: it creates the instance's tables on a new database, upgrades them when the
code's versions move on, and otherwise changes nothing; until it has run, the service answers
503 naming it."""

from pathlib import Path
from typing import Any

import pytest
from webtest import TestApp

from {{ cookiecutter.project_slug }} import release as release_module
from {{ cookiecutter.project_slug }}.contract import not_migrated, problem
from {{ cookiecutter.project_slug }}.instance import code_versions, recorded_versions
from {{ cookiecutter.project_slug }}.release import release
from {{ cookiecutter.project_slug }}.service import Service


def test_a_release_after_another_changes_nothing(app: Any, database_url: str) -> None:
    assert release(database_url) == "up to date"
    assert recorded_versions(database_url) == code_versions()


def test_a_newer_version_runs_cubicwebs_upgrade(
    app: Any, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(release_module, "missing_migrations", lambda _url: ["a cube 9.9.9"])
    assert release(database_url) == "upgraded: a cube 9.9.9"


def test_until_the_release_the_service_answers_503_naming_it(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("CW_INSTANCES_DIR", str(tmp_path / "instances"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    # The session's application stands in for the one the service would build.
    service = TestApp(Service(build=lambda: app))
    detail = not_migrated("uv run python -m {{ cookiecutter.project_slug }}.release")
    for path in ("/health", "/api/items"):
        answer = service.get(path, headers={"X-Request-ID": "r-503"}, status=503)
        assert answer.content_type == "application/problem+json"
        assert answer.json == problem(503, "Service Unavailable", detail)
        assert answer.headers["X-Request-ID"] == "r-503"
        assert answer.headers["X-Frame-Options"] == "DENY"
    assert "Missing: the instance's tables" in caplog.text
    assert not (tmp_path / "new.db").exists(), "the check created the database"

    release(f"sqlite:///{tmp_path / 'new.db'}")
    # No restart: the next request finds the database migrated.
    assert service.get("/health").json == {"status": "ok"}


def test_a_database_that_does_not_answer_is_a_503(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CW_INSTANCES_DIR", str(tmp_path / "instances"))
    # A folder where the file should be: SQLite cannot open it.
    (tmp_path / "folder.db").mkdir()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'folder.db'}")
    service = Service(build=lambda: app)
    assert service.start() is None
    assert service.detail == "The database is not answering."
