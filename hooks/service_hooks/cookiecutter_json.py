"""Each template's cookiecutter.json and the root chooser, derived from their sources.

A template's cookiecutter.json is the questions of hooks/questions.toml, written once for every
template, followed by the template's declaration (templates/<fw>/template.toml) as private
variables. The root cookiecutter.json lists every folder under templates/. `python
hooks/generate.py` writes them; the suite fails while a committed copy differs.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from . import HOOKS, ROOT
from .declaration import Declaration, load

TEMPLATES = ROOT / "templates"
QUESTIONS = HOOKS / "questions.toml"
EXTENSION = "service_extension.ServiceExtension"
PYPROJECT_SECTIONS = "pyproject-sections.toml"
# The root chooser's first entry: what `cookiecutter --no-input gh:ORG/REPO` renders.
DEFAULT_TEMPLATE = "flask"


def template_dirs() -> list[Path]:
    return sorted(path.parent for path in TEMPLATES.glob("*/template.toml"))


def questions(declaration: Declaration) -> dict[str, Any]:
    """The questions as cookiecutter.json writes them: defaults or choices, then `__prompts__`."""
    with QUESTIONS.open("rb") as file:
        source = tomllib.load(file)
    variables: dict[str, Any] = {}
    prompts: dict[str, Any] = {}
    for key, question in source.items():
        # A choice question's default is its first choice; labels name the choices in the prompt.
        variables[key] = question["choices"] if "choices" in question else question["default"]
        labels = {
            choice: label.format(postgresql_driver=declaration.postgresql_driver)
            for choice, label in question.get("labels", {}).items()
        }
        prompts[key] = (
            {"__prompt__": question["prompt"], **labels} if labels else question["prompt"]
        )
    return {**variables, "__prompts__": prompts}


def private_variables(name: str, declaration: Declaration, template: Path) -> dict[str, Any]:
    """The declaration as the context the template files and hooks read.

    `__` variables hold Jinja and are rendered by cookiecutter; `_` variables are data.
    """
    return {
        "_framework": name,
        "_framework_title": declaration.title,
        "__dist_name": "{{ cookiecutter.project_slug | replace('_', '-') }}",
        "__web_command": declaration.commands.web,
        "__release_command": declaration.commands.release,
        "__dev_command": declaration.commands.dev,
        "__build_command": declaration.commands.build,
        "_port": str(declaration.port),
        "_interface": declaration.interface,
        "_worker_processes": declaration.worker_processes,
        "_reserved_names": declaration.reserved_names,
        "_dependencies": declaration.dependencies,
        "_postgresql_dependencies": declaration.postgresql_dependencies,
        "_dev_dependencies": declaration.dev_dependencies,
        "_installed_package": declaration.installed_package,
        "__mypy_files": declaration.mypy_files,
        "_mypy_plugins": declaration.mypy_plugins,
        "_mypy_untyped_modules": declaration.mypy_untyped_modules,
        "__pytest_ini_options": declaration.pytest_ini_options,
        "_pyproject_sections": (template / PYPROJECT_SECTIONS).is_file(),
        "_environment": [setting.model_dump() for setting in declaration.environment],
        "_generated_secrets": declaration.generated_secrets,
        "_only_for": declaration.only_for,
        "_shared_modules": declaration.shared_modules,
        "_extensions": [EXTENSION],
        # Private `__` variables render in order: the last one sees every answer and setting.
        "__validated_answers": "{{ cookiecutter | validated_answers }}",
    }


def template_json(template: Path) -> dict[str, Any]:
    declaration = load(template)
    return {**questions(declaration), **private_variables(template.name, declaration, template)}


def chooser_json() -> dict[str, Any]:
    """The root cookiecutter.json: `cookiecutter gh:ORG/REPO` asks which template."""
    entries = {}
    templates = sorted(template_dirs(), key=lambda template: template.name != DEFAULT_TEMPLATE)
    for template in templates:
        declaration = load(template)
        entries[template.name] = {
            "path": f"./templates/{template.name}",
            "title": declaration.title,
            "description": declaration.summary,
        }
    return {"templates": entries}


def as_text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[Path, str]:
    files = {ROOT / "cookiecutter.json": as_text(chooser_json())}
    for template in template_dirs():
        files[template / "cookiecutter.json"] = as_text(template_json(template))
    return files


def stale_files() -> list[Path]:
    return [
        path
        for path, text in expected_files().items()
        if not path.is_file() or path.read_text("utf-8") != text
    ]


def write_all() -> None:
    for path, text in expected_files().items():
        path.write_text(text, "utf-8")
