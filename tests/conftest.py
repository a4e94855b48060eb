"""Template suite fixtures: which templates to test, rendered and installed projects, PostgreSQL.

`pytest --template-name=flask` (what `tox -e flask` runs) runs the tests of one template (with
the `=`: a bare `flask` would name the root link to templates/flask as the tests to collect);
`pytest --repository` (`tox -e repository`) the tests that take no template; plain `pytest`
runs both, for every template.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from pytest_cookies.plugin import Cookies

from support.figures import Figures
from support.live import LiveServer, ServedServer, build_command, procfile_server
from support.postgres import PostgresServer, find_pg_ctl, restartable_server
from support.projects import (
    DefaultProject,
    InstallProject,
    Renders,
    render,
    run,
    uv,
)
from support.requirements import unavailable
from support.templates import (
    Answers,
    answers_id,
    default_answers,
    installed_answer_sets,
    local_extensions_importable,
    rendered_answer_sets,
    served_answers,
    template_dir,
    template_names,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--template-name",
        action="append",
        choices=template_names(),
        help="test only this template (repeatable), and none of the tests that take no template",
    )
    parser.addoption(
        "--repository",
        action="store_true",
        help="test only the repository itself: the tests that take no template",
    )


def selected_templates(config: pytest.Config) -> list[str]:
    return config.getoption("template_name") or template_names()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    templates = selected_templates(metafunc.config)
    # A test may name its own templates (@pytest.mark.parametrize("template", [...])).
    named = any(
        mark.args[0] == "template" for mark in metafunc.definition.iter_markers("parametrize")
    )
    if named:
        return
    if "template" in metafunc.fixturenames and "answers" not in metafunc.fixturenames:
        metafunc.parametrize("template", templates)
    elif "answers" in metafunc.fixturenames:
        # Tests marked `covering` get the installed covering sets, the others the all-pairs sets.
        sets = (
            installed_answer_sets
            if metafunc.definition.get_closest_marker("covering")
            else rendered_answer_sets
        )
        pairs = [(name, answers) for name in templates for answers in sets(name)]
        metafunc.parametrize(
            ("template", "answers"),
            pairs,
            ids=[f"{name}-{answers_id(answers)}" for name, answers in pairs],
        )


def item_template(item: pytest.Item) -> str | None:
    """The template a test is about: its `template` (or `served_template`) parameter, or the
    template its module is named after (tests/test_flask.py); None for the repository's own."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        for name in ("template", "served_template"):
            if name in callspec.params:
                return str(callspec.params[name])
    module = item.path.stem.removeprefix("test_")
    return module if module in template_names() else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Split the run as tox does: one env for the repository, one env per template."""
    templates = config.getoption("template_name")
    if not templates and not config.getoption("repository"):
        return
    wanted = set(templates) if templates else {None}
    kept = [item for item in items if item_template(item) in wanted]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "covering: parametrize over the covering answer sets")
    config.pluginmanager.register(Figures(), "figures")


@pytest.fixture(scope="session")
def figures(pytestconfig: pytest.Config) -> Figures:
    """Measured figures, printed as tables at the end of the run."""
    plugin = pytestconfig.pluginmanager.get_plugin("figures")
    assert isinstance(plugin, Figures)
    return plugin


@pytest.fixture(scope="session")
def local_postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server on loopback, which a test may stop and start again."""
    if find_pg_ctl() is None:
        unavailable("a local PostgreSQL server needs PostgreSQL's server binaries (pg_ctl)")
    with restartable_server() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> str:
    """A PostgreSQL server URL: TEST_DATABASE_URL's server, or the local throwaway one."""
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        return given.rsplit("/", 1)[0]
    local: PostgresServer = request.getfixturevalue("local_postgres")
    return local.url


@pytest.fixture(scope="session")
def installed_project(tmp_path_factory: pytest.TempPathFactory) -> InstallProject:
    """Render a project and install it from the lock it ships (`uv sync --locked`, which fails
    if the lock does not match the project), once per answer set for the whole session."""
    cache: dict[tuple[str, str], Path] = {}

    def install(template: str, answers: Answers) -> Path:
        key = (template, answers_id(answers))
        if key not in cache:
            output = tmp_path_factory.mktemp(f"installed-{template}")
            project = render(template, answers, output)
            uv("sync", "--locked", "--quiet", cwd=project)
            cache[key] = project
        return cache[key]

    return install


@pytest.fixture(scope="session")
def served_sqlite_server(
    installed_project: InstallProject, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServedServer]:
    """One production server per template for the tiers that look at it from outside (security,
    traffic): the Procfile's processes on the served SQLite project, its build step run first.
    Started on first use, stopped when the session ends."""
    servers: dict[str, tuple[Path, LiveServer]] = {}
    with ExitStack() as running:

        def serve(template: str) -> tuple[Path, LiveServer]:
            if template not in servers:
                project = installed_project(template, served_answers(template, "sqlite"))
                if command := build_command(template):
                    run(command, cwd=project)
                folder = tmp_path_factory.mktemp(f"served-{template}")
                database_url = f"sqlite:///{folder / 'served.db'}"
                server = procfile_server(project, folder / "server.log", DATABASE_URL=database_url)
                servers[template] = (project, running.enter_context(server))
            return servers[template]

        yield serve


@pytest.fixture
def default_project(
    installed_project: InstallProject, request: pytest.FixtureRequest
) -> DefaultProject:
    """Installed project of a template's default answers; skips when the run leaves it out."""

    def install(template: str) -> Path:
        if template not in selected_templates(request.config):
            pytest.skip(f"the {template} template is not selected")
        return installed_project(template, default_answers(template))

    return install


@pytest.fixture(scope="session")
def renders(cookies_session: Cookies) -> Renders:
    """Every answer set of a template, baked once per session: answers id -> project path."""
    cache: dict[str, dict[str, Path]] = {}

    def render_all(template: str) -> dict[str, Path]:
        if template not in cache:
            projects = {}
            for answers in rendered_answer_sets(template):
                with local_extensions_importable(template):
                    result = cookies_session.bake(
                        extra_context=answers, template=str(template_dir(template))
                    )
                assert result.exit_code == 0, result.exception
                projects[answers_id(answers)] = Path(result.project_path)
            cache[template] = projects
        return cache[template]

    return render_all
