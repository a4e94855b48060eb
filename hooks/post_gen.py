"""Write the files every generated project shares, from the sources in hooks/files/.

Bundled by hooks/build.py into templates/<fw>/hooks/post_gen_project.py together with those
sources, so the hook needs no file outside itself (zip downloads, Windows checkouts and cruft
all work). Runs with the generated project as the working directory. Sources ending in `.j2`
are Jinja templates rendered with the same `cookiecutter` context as the template's own files;
all others are copied verbatim. Standard library plus Jinja2, which cookiecutter depends on.
"""

from __future__ import annotations

import re
import secrets
import shutil
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

TEMPLATE_SUFFIX = ".j2"
# The distribution name a requirement starts with (PEP 508).
REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9._-]*")

# Project path -> source in hooks/files/, for files every project gets.
ALWAYS = {
    "Dockerfile": "Dockerfile.j2",
    ".dockerignore": "dockerignore",
    "Procfile": "Procfile.j2",
    "compose.yaml": "compose.yaml.j2",
    ".env.example": "env.example.j2",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "pyproject.toml": "pyproject.toml.j2",
    "contract/openapi.yaml": "contract/openapi.yaml",
    "tests/contract/__init__.py": "tests/contract/__init__.py",
    "tests/contract/conftest.py": "tests/contract/conftest.py.j2",
    "tests/contract/test_contract.py": "tests/contract/test_contract.py",
}
CI_FILES = {
    "github": (".github/workflows/ci.yml", "ci/github.yml.j2"),
    "gitlab": (".gitlab-ci.yml", "ci/gitlab-ci.yml.j2"),
}
LICENSE_SOURCES = {
    "MIT": "licenses/MIT.txt.j2",
    "BSD-3-Clause": "licenses/BSD-3-Clause.txt.j2",
    "Apache-2.0": "licenses/Apache-2.0.txt",
    "GPL-3.0-only": "licenses/GPL-3.0-only.txt",
    "Proprietary": "licenses/Proprietary.txt.j2",
}


def planned_files(context: Mapping[str, Any]) -> dict[str, str]:
    """Map every shared project path this answer set needs onto its source.

    Besides the files every project gets, a template names the shared modules it uses in its
    cookiecutter.json as `"_shared_files": {"project path": "source", ...}`; a project path may
    hold `{{ cookiecutter.project_slug }}`.
    """
    files = dict(ALWAYS)
    for path, source in context.get("_shared_files", {}).items():
        files[render_path(path, context)] = source
    files["LICENSE"] = LICENSE_SOURCES[context["license"]]
    if context["ci"] in CI_FILES:
        path, source = CI_FILES[context["ci"]]
        files[path] = source
    return files


def unneeded_paths(context: Mapping[str, Any]) -> list[str]:
    """Template files that an unchosen option value does not need.

    A template declares them in its cookiecutter.json as
    `"_only_for": {"database": {"postgresql": ["path", ...]}}`: each listed path is kept only
    when that question got that answer.
    """
    paths = []
    for question, by_answer in context.get("_only_for", {}).items():
        for answer, answer_paths in by_answer.items():
            if context[question] != answer:
                paths.extend(answer_paths)
    return paths


def render_path(path: str, context: Mapping[str, Any]) -> str:
    return jinja_environment().from_string(path).render(cookiecutter=context)


def render(source_name: str, text: str, context: Mapping[str, Any]) -> str:
    if not source_name.endswith(TEMPLATE_SUFFIX):
        return text
    year = datetime.now(UTC).year
    return jinja_environment().from_string(text).render(cookiecutter=context, year=year)


def jinja_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False
    )
    # As in the template files (AnswersExtension in hooks/pre_gen.py): `tojson` keeps non-ASCII
    # text as itself, since TOML and YAML reject the surrogate-pair escapes of emoji.
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    environment.filters["by_name"] = sorted_by_name
    return environment


def sorted_by_name(requirements: Iterable[str]) -> list[str]:
    """Requirements sorted by distribution name, case-insensitively, as `uv add` keeps them:
    `flask` before `flask-migrate`, whatever version specifiers or extras follow the names."""
    return sorted(requirements, key=requirement_name)


def requirement_name(requirement: str) -> str:
    match = REQUIREMENT_NAME.match(requirement)
    name = match.group() if match else requirement
    return re.sub(r"[-_.]+", "-", name).lower()


def write_shared_files(
    project: Path, context: Mapping[str, Any], sources: Mapping[str, str]
) -> None:
    for path, source_name in planned_files(context).items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(source_name, sources[source_name], context), encoding="utf-8")


def remove_unneeded(project: Path, context: Mapping[str, Any]) -> None:
    for path in unneeded_paths(context):
        target = project / path
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def generated_secret_names(context: Mapping[str, Any]) -> list[str]:
    """The template's `_generated_secrets`, and the password of compose's PostgreSQL service."""
    names = list(context.get("_generated_secrets", []))
    if context["database"] == "postgresql":
        names.append("POSTGRES_PASSWORD")
    return names


def write_generated_secrets(project: Path, context: Mapping[str, Any]) -> None:
    """Write a fresh random value for each generated secret to `.env`.

    `.env` is git-ignored, so the values stay on this machine; every render gets new ones.
    token_urlsafe's alphabet needs no quoting in a URL, so compose can put the password in one.
    """
    names = generated_secret_names(context)
    if names:
        lines = [f"{name}={secrets.token_urlsafe(48)}" for name in names]
        header = "# Generated for this project only; never commit this file.\n"
        (project / ".env").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def main(context: Mapping[str, Any], sources: Mapping[str, str]) -> None:
    project = Path.cwd()
    write_shared_files(project, context, sources)
    remove_unneeded(project, context)
    write_generated_secrets(project, context)
    print(
        f"Created {project.name}. Next: cd {project.name} && uv sync && uv run pytest",
        file=sys.stderr,
    )
