"""Every pair of answers renders a complete, clean project (pytest-cookies)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

from service_hooks import copier_yml, shared_files
from support.markdown import MARKDOWN_LINE_LIMIT, long_prose_lines
from support.projects import Renders, python_sources_digest
from support.templates import (
    ROOT,
    Answers,
    answers_id,
    covering_answer_sets,
    rendered_answer_sets,
    template_config,
    template_dir,
)

LEFTOVER_MARKERS = ("{{", "{%", "cookiecutter")
CI_FILES = {"github": ".github/workflows/ci.yml", "gitlab": ".gitlab-ci.yml"}
CI_SCHEMAS = {"github": "vendor.github-workflows", "gitlab": "vendor.gitlab-ci"}
# What every generated README says of the shared kubernetes/ folder, word for word. Each
# template writes its own README, so these lines are copies: one that drifts fails here.
SHARED_README_TEXT = (
    "- **Kubernetes**: kustomize manifests in `kubernetes/` (development and production"
    " overlays);\n  `kubernetes/README.md` names the Secret to create, shows a rollout and how"
    " far it scales.\n",
    "| Kubernetes | `kubernetes/` (kustomize base and overlays, `kubernetes/README.md`) |\n",
)


def project_files(project: Path) -> set[str]:
    return {path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file()}


def template_tree_files(template: str, context: dict[str, Any]) -> set[str]:
    """The files the template's own project folder renders to with `context` (a path part
    that renders empty is skipped, as copier's answers file is under cookiecutter)."""
    root = next(template_dir(template).glob("{{*}}"))
    paths = {
        shared_files.render(path.relative_to(root).as_posix(), context)
        for path in root.rglob("*")
        if path.is_file() and path.name != copier_yml.ANSWERS_FILE_NAME
    }
    return {path for path in paths if all(path.split("/"))}


def verbatim_files(template: str, slug: str) -> set[str]:
    """The files a template tree wraps whole in `{% raw %}` (another template language, such as
    Django's HTML templates), which keep their own {{ }} once rendered."""
    root = next(template_dir(template).glob("{{*}}"))
    return {
        path.relative_to(root).as_posix().replace("{{cookiecutter.project_slug}}", slug)
        for path in root.rglob("*")
        if path.is_file() and "\n{% raw -%}\n" in path.read_text("utf-8")
    }


def test_renders_without_leftovers(template: str, answers: Answers, renders: Renders) -> None:
    project = renders(template)[answers_id(answers)]
    verbatim = verbatim_files(template, project.name)
    for path in project.rglob("*"):
        if path.relative_to(project).as_posix() in verbatim:
            continue
        if path.is_file() and path.suffix != ".mako":
            text = path.read_text("utf-8")
            for marker in LEFTOVER_MARKERS:
                assert marker not in text, f"{marker!r} left in {path.relative_to(project)}"


def test_expected_file_set(template: str, answers: Answers, renders: Renders) -> None:
    project = renders(template)[answers_id(answers)]
    shared = {
        ".dockerignore",
        ".env.example",
        ".gitignore",
        ".pre-commit-config.yaml",
        "Dockerfile",
        "LICENSE",
        "Procfile",
        "compose.yaml",
        "contract/openapi.yaml",
        "kubernetes/README.md",
        "kubernetes/base/deployment.yaml",
        "kubernetes/base/kustomization.yaml",
        "kubernetes/base/service.yaml",
        "kubernetes/base/settings.env",
        "kubernetes/overlays/development/kustomization.yaml",
        "kubernetes/overlays/production/kustomization.yaml",
        "pyproject.toml",
        "tests/contract/__init__.py",
        "tests/contract/conftest.py",
        "tests/contract/test_contract.py",
        "tests/api_fixtures.py",
        "tests/error_report_fixtures.py",
        "tests/log_capture.py",
        "tests/sentry_endpoint.py",
        "tests/test_error_reports.py",
        "tests/test_logs.py",
        "tests/test_sqlite_settings.py",
        "uv.lock",
        f"{project.name}/contract.py",
        f"{project.name}/error_reports.py",
        f"{project.name}/logs.py",
    }
    telemetry = {
        "tests/otlp_receiver.py",
        "tests/telemetry_fixtures.py",
        "tests/test_telemetry.py",
        f"{project.name}/telemetry.py",
    }
    database = {
        "postgresql": {
            "kubernetes/base/horizontal-pod-autoscaler.yaml",
            "kubernetes/base/pod-disruption-budget.yaml",
            "kubernetes/base/release-job.yaml",
        },
        "sqlite": {"kubernetes/base/data-volume.yaml"},
    }[answers["database"]]
    ci = {CI_FILES[answers["ci"]]} if answers["ci"] in CI_FILES else set()
    context = {**template_config(template), **answers}
    secrets = {".env"} if shared_files.generated_secret_names(context) else set()
    named = {**context, "project_slug": project.name}
    # Paths kept only for another answer (`_only_for`) are removed by the post-gen hook.
    unneeded = shared_files.unneeded_paths(context)
    modules = {shared_files.render(path, named) for path in context["_shared_modules"]}
    modules -= set(unneeded)
    tree = {
        path
        for path in template_tree_files(template, named)
        if not any(path == gone or path.startswith(f"{gone}/") for gone in unneeded)
    }
    if answers["observability"] == "opentelemetry":
        shared |= telemetry
    expected = shared | database | ci | secrets | modules | tree
    assert project_files(project) == expected


def test_answers_reach_the_files(template: str, answers: Answers, renders: Renders) -> None:
    project = renders(template)[answers_id(answers)]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    postgresql_dependencies = set(template_config(template)["_postgresql_dependencies"])
    has_driver = postgresql_dependencies <= set(pyproject["project"]["dependencies"])
    assert has_driver == (answers["database"] == "postgresql")
    compose = yaml.safe_load((project / "compose.yaml").read_text("utf-8"))
    assert ("db" in compose["services"]) == (answers["database"] == "postgresql")
    dockerfile = (project / "Dockerfile").read_text("utf-8")
    assert f"FROM python:{answers['python_version']}-slim" in dockerfile
    license_text = (project / "LICENSE").read_text("utf-8")
    if answers["license"] == "Proprietary":
        assert "All rights reserved" in license_text
        assert "license" not in pyproject["project"]
    else:
        assert pyproject["project"]["license"] == answers["license"]
    assert {"web", "release"} <= set(
        line.split(":")[0] for line in (project / "Procfile").read_text("utf-8").splitlines()
    )


def requirement_name(requirement: str) -> str:
    """A requirement's distribution name as PEP 503 compares names: `Flask_SQLAlchemy[x]>=3`
    is `flask-sqlalchemy`."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, f"no name in {requirement!r}"
    return re.sub(r"[-_.]+", "-", name.group()).lower()


def test_dependency_lists_are_sorted(template: str, answers: Answers, renders: Renders) -> None:
    """Sorted by name: the order `uv add` keeps, and the one a reader scans."""
    project = renders(template)[answers_id(answers)]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    lists = {"dependencies": pyproject["project"]["dependencies"]}
    lists |= {
        f"dependency-groups.{group}": items
        for group, items in pyproject.get("dependency-groups", {}).items()
    }
    for key, requirements in lists.items():
        names = [requirement_name(requirement) for requirement in requirements]
        assert names == sorted(names), f"{key} is not sorted by name: {requirements}"


def test_template_lists_are_sorted(template: str) -> None:
    config = template_config(template)
    for key in (
        "_dependencies",
        "_postgresql_dependencies",
        "_dev_dependencies",
        "_reserved_names",
    ):
        names = [requirement_name(item) for item in config.get(key, [])]
        assert names == sorted(names), f"templates/{template}/template.toml: {key} is not sorted"


def test_markdown_wraps_like_prose(template: str, answers: Answers, renders: Renders) -> None:
    project = renders(template)[answers_id(answers)]
    for path in project.rglob("*.md"):
        long_lines = long_prose_lines(path.read_text("utf-8"))
        heading = f"{path.relative_to(project)}: lines over {MARKDOWN_LINE_LIMIT} columns"
        assert not long_lines, "\n".join([heading, *long_lines])


def test_readme_documents_every_setting_of_env_example(template: str, renders: Renders) -> None:
    """Each setting .env.example names (set or commented out) has a row in the README's
    configuration table; compose's POSTGRES_ ones belong to "Develop against PostgreSQL"."""
    for key, project in renders(template).items():
        example = (project / ".env.example").read_text("utf-8")
        names = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.M))
        names = {name for name in names if not name.startswith("POSTGRES_")}
        readme = (project / "README.md").read_text("utf-8")
        undocumented = sorted(name for name in names if f"| `{name}` |" not in readme)
        assert not undocumented, f"{key}: README.md has no row for {undocumented}"


def test_readme_describes_the_shared_files_in_the_shared_words(
    template: str, renders: Renders
) -> None:
    for key, project in renders(template).items():
        readme = (project / "README.md").read_text("utf-8")
        missing = [text for text in SHARED_README_TEXT if text not in readme]
        assert not missing, f"{key}: README.md lacks {missing}"


def test_readme_shows_a_write_with_the_generated_token(template: str, renders: Renders) -> None:
    for key, project in renders(template).items():
        readme = (project / "README.md").read_text("utf-8")
        assert "Authorization: Bearer" in readme, key
        assert "API_TOKENS" in readme and ".env" in readme, key


def test_shared_copies_are_fresh(template: str, renders: Renders) -> None:
    """Each shared file in a project is its source as the hook renders it (a shared test
    module imports the project's package by name, and may follow the answers)."""
    context = template_config(template)
    answer_sets = {answers_id(answers): answers for answers in rendered_answer_sets(template)}
    for key, project in renders(template).items():
        answers = {**context, **answer_sets[key], "project_slug": project.name}
        # A shared module that only some answers keep (only_for) is in their projects alone.
        unneeded = set(shared_files.unneeded_paths(answers))
        modules = [
            (shared_files.render(path, answers), shared_files.MODULES / source)
            for path, source in context["_shared_modules"].items()
            if shared_files.render(path, answers) not in unneeded
        ]
        assert not any((project / path).exists() for path in unneeded)
        for copy, source in [
            ("contract/openapi.yaml", ROOT / "contract" / "openapi.yaml"),
            (
                "tests/contract/test_contract.py",
                shared_files.PROJECT_FILES / "tests/contract/test_contract.py",
            ),
            (
                f"{project.name}/contract.py",
                shared_files.PROJECT_FILES / "{{cookiecutter.project_slug}}/contract.py",
            ),
            *modules,
        ]:
            expected = shared_files.render(source.read_text("utf-8"), answers)
            assert (project / copy).read_text("utf-8") == expected, copy


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, check=False
    )


def test_every_render_is_ruff_clean(template: str, renders: Renders) -> None:
    # One run over all renders: ruff reads each project's own pyproject.toml.
    projects = [str(path) for path in renders(template).values()]
    for command in (["ruff", "check", "--no-cache"], ["ruff", "format", "--check", "--no-cache"]):
        result = run_tool(*command, *projects)
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_every_ci_file_validates_against_its_schema(template: str, renders: Renders) -> None:
    for ci, path in CI_FILES.items():
        files = [
            str(project / path)
            for project in renders(template).values()
            if (project / path).exists()
        ]
        assert files, f"no render has {path}"
        result = run_tool("check_jsonschema", "--builtin-schema", CI_SCHEMAS[ci], *files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_ci_file_enforces_the_coverage_threshold(template: str, renders: Renders) -> None:
    """CI runs the tests as test_projects.py does: with --cov, which fails under the
    threshold of the project's [tool.coverage.report]."""
    for project in renders(template).values():
        for path in CI_FILES.values():
            if (project / path).exists():
                assert "uv run pytest --cov" in (project / path).read_text("utf-8"), project / path
        report = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["coverage"]
        assert report["report"]["fail_under"] >= 90


def test_covering_sets_cover_every_distinct_python_source(template: str, renders: Renders) -> None:
    """mypy runs on the covering answer sets (test_projects.py); that checks every render
    as long as no other answer set renders different Python code."""
    digests = {key: python_sources_digest(path) for key, path in renders(template).items()}
    covered = {digests[answers_id(answers)] for answers in covering_answer_sets(template)}
    assert set(digests.values()) == covered
