"""Django specifics of a generated project, from outside: deployment check, secrets, admin.

The production settings must pass `manage.py check --deploy` with the environment the
generated README gives, must refuse to start without a SECRET_KEY, and must serve the admin
and its static files from the Procfile's web process once `collectstatic` ran.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import loopback
from support.live import procfile_server
from support.projects import DefaultProject, clean_environment, render, uv
from support.templates import default_answers

pytestmark = pytest.mark.slow
TEMPLATE = "django"
SETTINGS = "my_service.settings.production"
# What the generated README's Deploy section tells production to set, besides SECRET_KEY
# (which the generated .env holds).
README_ENVIRONMENT = {"ALLOWED_HOSTS": "example.com", "SECURE_SSL_REDIRECT": "true"}


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    """The installed project for the default answers, when this run tests the django template."""
    return default_project(TEMPLATE)


def manage(project: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    """`python manage.py ...` in the project's environment; the caller checks the outcome."""
    return subprocess.run(
        [sys.executable, "-m", "uv", "run", "--no-sync", "python", "manage.py", *args],
        cwd=project,
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_is_clean_with_the_readme_environment(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    for name, value in README_ENVIRONMENT.items():
        assert f"{name}={value}" in readme
    assert f"check --deploy --settings {SETTINGS}" in readme
    result = uv(
        "run",
        "--no-sync",
        "python",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        "--settings",
        SETTINGS,
        cwd=project,
        env=clean_environment(**README_ENVIRONMENT),
    )
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(project: Path) -> None:
    # An empty SECRET_KEY in the environment hides the one in .env.
    result = manage(project, "check", "--settings", SETTINGS, SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_every_project_gets_its_own_secret_key(tmp_path: Path, project: Path) -> None:
    answers = default_answers(TEMPLATE)
    keys = set()
    for name in ("first", "second"):
        env_file = render(TEMPLATE, answers, tmp_path / name) / ".env"
        (key,) = re.findall(r"^SECRET_KEY=(\S{50,})$", env_file.read_text("utf-8"), re.M)
        keys.add(key)
    assert len(keys) == 2
    assert ".env" in (project / ".gitignore").read_text("utf-8").splitlines()


def test_production_server_serves_the_admin_and_its_static_files(
    project: Path, tmp_path: Path
) -> None:
    database_url = f"sqlite:///{tmp_path / 'admin.db'}"
    uv("run", "--no-sync", "python", "manage.py", "collectstatic", "--noinput", cwd=project)
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=database_url) as server:
        result = manage(
            project,
            "createsuperuser",
            "--noinput",
            DATABASE_URL=database_url,
            DJANGO_SUPERUSER_USERNAME="admin",
            DJANGO_SUPERUSER_EMAIL="admin@example.com",
            DJANGO_SUPERUSER_PASSWORD="a long passphrase for the suite",
        )
        assert result.returncode == 0, result.stderr
        login = loopback.get(f"{server.url}/admin/login/", timeout=10)
        assert login.status_code == 200
        stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]+\.css)"', login.text)
        assert stylesheet, "the admin should link its stylesheet under a hashed name"
        css = loopback.get(f"{server.url}{stylesheet.group(1)}", timeout=10)
        assert css.status_code == 200
        assert "immutable" in css.headers["Cache-Control"]
        assert css.headers["X-Content-Type-Options"] == "nosniff"
        server.stop()
