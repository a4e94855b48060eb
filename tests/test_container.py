"""The generated Dockerfile builds and runs, and compose.yaml is a valid Compose file.

The container tier builds each template's image with Buildah and runs it with Podman (no Docker
engine needed), on local stand-ins for the base images (support/stand_ins.py); the generated
project's own CI builds on the real ones.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from support.access import ALLOWED_ORIGIN
from support.containers import (
    base_images,
    build_image,
    engine_unchecked,
    healthcheck_command,
    image_size,
    missing_tools,
    qualified,
    running_container,
)
from support.figures import Figures
from support.locks import machine_lock
from support.postgres import create_database, free_port
from support.projects import InstallProject, Renders, render, run_contract_tests
from support.requirements import unavailable
from support.stand_ins import STAND_IN_PYTHON, provide_base
from support.templates import (
    Answers,
    answers_id,
    choice_questions,
    default_answers,
    rendered_answer_sets,
    served_answers,
)

SIGTERM_EXIT_LIMIT = 2.0
MEGABYTE = 1_000_000


@pytest.fixture(scope="session")
def container_engine() -> None:
    """Podman, Buildah, runc and debootstrap (root only: chroot builds, debootstrap)."""
    missing = missing_tools()
    if missing or os.geteuid() != 0:
        unavailable(f"the container tier needs root and {', '.join(missing) or 'the tools'}")


def container_answers(template: str, database: str) -> Answers:
    """The default answers, with the Python the stand-in base really has."""
    answers = default_answers(template)
    assert STAND_IN_PYTHON in choice_questions(template)["python_version"]
    answers["python_version"] = STAND_IN_PYTHON
    answers["database"] = database
    return answers


@pytest.mark.slow
@pytest.mark.container
@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_image_builds_runs_and_serves_the_contract(
    template: str,
    database: str,
    container_engine: None,
    installed_project: InstallProject,
    figures: Figures,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    # The image is built from the project as generated, with the uv.lock it ships: nobody has
    # run uv in it. The contract tests are the same files in every project: they run from the
    # project the live tiers installed, against the container.
    project = render(template, container_answers(template, database), tmp_path)
    tests_from = installed_project(template, served_answers(template, database))
    dockerfile = project / "Dockerfile"
    bases = base_images(dockerfile)
    runtime_base = qualified(bases[-1])
    tag = f"localhost/template-suite-{template}-{database}:latest"
    # The API token is the one generation wrote to .env, as a user's container gets it.
    environment = {"CORS_ALLOWED_ORIGINS": ALLOWED_ORIGIN}
    if database == "postgresql":
        server_url = request.getfixturevalue("postgres_server")
        environment["DATABASE_URL"] = create_database(server_url, f"container_{template}")

    try:
        # tox runs templates in parallel: one build at a time, as the stand-ins are shared (the
        # Python base is made once a machine, and each build consumes the uv stand-in).
        with machine_lock("image-build"):
            for base in bases:
                provide_base(base)
            build_seconds = build_image(project, tag)
            over_base = image_size(tag) - image_size(runtime_base)
        assert healthcheck_command(tag)[0] in ("CMD", "CMD-SHELL")
        name = f"template-suite-{template}-{database}-{os.getpid()}"
        env_file = project / ".env"
        with running_container(tag, name, free_port(), env_file, **environment) as container:
            healthy_seconds = container.wait_until_healthy()
            users = container.process_users()
            assert users, "no process in the container"
            assert "root" not in users, f"processes run as {users}"
            run_contract_tests(
                tests_from,
                container.url,
                api_token=env_assignments(env_file.read_text())["API_TOKENS"],
            )
            exit_seconds, exit_code = container.stop_with_sigterm()
            assert exit_seconds <= SIGTERM_EXIT_LIMIT, f"exited {exit_seconds:.2f} s after SIGTERM"
            assert exit_code == 0, f"exit code {exit_code} after SIGTERM:\n{container.logs()}"
    finally:
        engine_unchecked("podman", "rmi", "--force", tag)

    figures.add(
        "container images",
        image=f"{template}/{database}",
        build_s=round(build_seconds, 1),
        over_base_MB=round(over_base / MEGABYTE, 1),
        healthy_s=round(healthy_seconds, 1),
        sigterm_exit_s=exit_seconds,
    )


def compose_files(renders: Renders, template: str) -> dict[str, Path]:
    return {key: project / "compose.yaml" for key, project in renders(template).items()}


def test_compose_files_validate_against_the_compose_spec(template: str, renders: Renders) -> None:
    # check-jsonschema vendors the Compose specification's schema: no network needed. Its
    # verdict depends on a file's content only, and most answer sets render the same
    # compose.yaml: one path per distinct content, all in one call.
    distinct: dict[bytes, Path] = {}
    for path in compose_files(renders, template).values():
        distinct.setdefault(path.read_bytes(), path)
    files = [str(path) for path in distinct.values()]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            *files,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_compose_services_wire_the_image_and_its_data(
    template: str, database: str, renders: Renders
) -> None:
    answers = next(
        answers for answers in rendered_answer_sets(template) if answers["database"] == database
    )
    project = renders(template)[answers_id(answers)]
    compose = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))
    services = compose["services"]
    web = services["web"]
    port = web["environment"]["PORT"]
    assert web["build"] == "."
    assert f"{port}:{port}" in web["ports"]
    assert f"EXPOSE {port}" in (project / "Dockerfile").read_text("utf-8")
    volumes = compose["volumes"]
    if database == "sqlite":
        assert set(services) == {"web"}
        data_volume, mount = web["volumes"][0].split(":", 1)
        assert (data_volume, mount) == (next(iter(volumes)), "/app/data")
        return
    assert set(services) == {"web", "db"}
    assert web["depends_on"] == {"db": {"condition": "service_healthy"}}
    database_url = web["environment"]["DATABASE_URL"]
    assert database_url.startswith("postgresql://")
    assert database_url.endswith(f"@db:5432/{services['db']['environment']['POSTGRES_DB']}")
    db = services["db"]
    assert db["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    db_volume, mount = db["volumes"][0].split(":", 1)
    assert db_volume in volumes
    assert mount == "/var/lib/postgresql/data"


def env_assignments(text: str) -> dict[str, str]:
    """The NAME=value lines of a .env-style text; comments and blank lines left out."""
    values = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def container_environment(service: dict[str, Any], folder: Path) -> dict[str, str]:
    """The variables Compose gives a service's container: its env_file values, then its
    environment over them (the Compose specification's precedence)."""
    values: dict[str, str] = {}
    for entry in service.get("env_file", []):
        path = folder / (entry["path"] if isinstance(entry, dict) else entry)
        if path.exists():
            values |= env_assignments(path.read_text("utf-8"))
    values |= {name: str(value) for name, value in service.get("environment", {}).items()}
    return values


def test_sqlite_stays_in_the_data_volume_whatever_env_says(
    template: str, renders: Renders, tmp_path: Path
) -> None:
    """A `.env` made from `.env.example` (a relative SQLite path) or naming a file of its own
    does not move the container's database out of the volume."""
    answers = next(
        answers for answers in rendered_answer_sets(template) if answers["database"] == "sqlite"
    )
    project = renders(template)[answers_id(answers)]
    web = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))["services"]["web"]
    mount = web["volumes"][0].split(":", 1)[1]
    assert mount == "/app/data"
    # A folder with the .env Compose would read, written as a user might.
    for dotenv in (
        (project / ".env.example").read_text("utf-8"),
        "DATABASE_URL=sqlite:////tmp/elsewhere.db\n",
    ):
        (tmp_path / ".env").write_text(dotenv, "utf-8")
        assert "DATABASE_URL" in env_assignments(dotenv)
        database_url = container_environment(web, tmp_path)["DATABASE_URL"]
        assert database_url == f"sqlite:///{mount}/{project.name}.db", dotenv
    # The image on its own (docker run, a platform) puts it in the same place.
    dockerfile = (project / "Dockerfile").read_text("utf-8")
    assert f"DATABASE_URL={database_url}" in dockerfile
    assert f'VOLUME ["{mount}"]' in dockerfile


# `cp ... .env.example ...` in backquotes: the copy commands a README or .env.example gives.
COPY_COMMAND = re.compile(r"`(cp [^`]*\.env\.example[^`]*)`")


def test_following_env_example_never_replaces_generated_secrets(
    template: str, renders: Renders, tmp_path: Path
) -> None:
    """Every copy command the README and `.env.example` give leaves a generated `.env` as it
    is and starts one where there is none; `.env.example` assigns no generated secret, so
    adding its lines to `.env` cannot blank one either."""
    with_secrets = 0
    for key, project in renders(template).items():
        texts = [(project / name).read_text("utf-8") for name in ("README.md", ".env.example")]
        commands = {command for text in texts for command in COPY_COMMAND.findall(text)}
        assert commands, f"{key}: no command to start a .env"
        example = (project / ".env.example").read_bytes()
        generated = project / ".env"
        secrets = generated.read_bytes() if generated.exists() else None
        if secrets is not None:
            with_secrets += 1
            names = env_assignments(secrets.decode("utf-8")).keys()
            assigned = names & env_assignments(example.decode("utf-8")).keys()
            assert not assigned, f"{key}: .env.example assigns {assigned}"
        for number, command in enumerate(sorted(commands)):
            assert "\n" not in command, f"{key}: {command!r} is broken over two lines"
            folder = tmp_path / f"{key}-{number}"
            folder.mkdir()
            (folder / ".env.example").write_bytes(example)
            if secrets is not None:
                (folder / ".env").write_bytes(secrets)
            # cp -n exits 1 where coreutils 9.2 to 9.4 report the file they left alone.
            subprocess.run(["sh", "-c", command], cwd=folder, capture_output=True, check=False)
            expected = example if secrets is None else secrets
            assert (folder / ".env").read_bytes() == expected, f"{key}: {command}"
    if any("postgresql" in key for key in renders(template)):
        assert with_secrets, "the postgresql renders should have a .env"


# Compose's interpolation of `${NAME:-default}`.
COMPOSE_VARIABLE = re.compile(r"\$\{(\w+):-([^}]*)\}")


def compose_value(value: str, environment: dict[str, str]) -> str:
    return COMPOSE_VARIABLE.sub(lambda match: environment.get(match[1]) or match[2], value)


def readme_section_code(readme: str, heading: str) -> list[str]:
    """The indented code lines of a README section."""
    section = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [line.removeprefix("    ") for line in section.splitlines() if line.startswith("    ")]


@pytest.mark.parametrize("environment", [{}, {"POSTGRES_PORT": "6543"}], ids=["default", "port"])
def test_readme_develops_against_the_compose_database(
    template: str, renders: Renders, environment: dict[str, str]
) -> None:
    """compose's database is published on loopback only, and the README's commands reach it
    with compose's credentials: the user and database, the password from .env, the port."""
    answers = next(
        answers
        for answers in rendered_answer_sets(template)
        if answers["database"] == "postgresql"
    )
    project = renders(template)[answers_id(answers)]
    db = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))["services"]["db"]
    (published,) = db["ports"]
    host, host_port, container_port = compose_value(published, environment).split(":")
    assert (host, container_port) == ("127.0.0.1", "5432")

    commands = readme_section_code(
        (project / "README.md").read_text("utf-8"), "Develop against PostgreSQL"
    )
    assert commands[0] == "docker compose up -d db"
    shell_lines = [line for line in commands if line.startswith(("set -a", "export "))]
    (test_url,) = re.findall(r'TEST_DATABASE_URL="([^"]*)" uv run pytest', "\n".join(commands))
    (createdb,) = [line for line in commands if "createdb" in line]
    script = "\n".join([*shell_lines, f'printf "%s\\n" "$DATABASE_URL" "{test_url}"'])
    shell_environment = {
        key: value for key, value in os.environ.items() if not key.startswith("POSTGRES_")
    }
    printed = subprocess.run(
        ["sh", "-c", script],
        cwd=project,
        env={**shell_environment, **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    env_file = dict(
        line.split("=", 1)
        for line in (project / ".env").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    )
    credentials = db["environment"]
    for url, database in zip(
        printed, [credentials["POSTGRES_DB"], credentials["POSTGRES_DB"] + "_test"], strict=True
    ):
        parts = urlsplit(url)
        assert parts.scheme == "postgresql"
        assert parts.username == credentials["POSTGRES_USER"]
        assert parts.password == env_file["POSTGRES_PASSWORD"]
        assert (parts.hostname, str(parts.port)) == (host, host_port)
        assert parts.path == f"/{database}"
    user, test_database = createdb.split()[-2:]
    assert createdb.startswith("docker compose exec db createdb -U ")
    assert (user, test_database) == (
        credentials["POSTGRES_USER"],
        credentials["POSTGRES_DB"] + "_test",
    )
