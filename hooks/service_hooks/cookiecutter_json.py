"""Each template's cookiecutter.json, the root chooser and the root links, derived from their
sources.

A template's cookiecutter.json is the questions of hooks/questions.toml, written once for every
template, followed by the template's declaration (templates/<fw>/template.toml) as private
variables. The root cookiecutter.json lists every folder under templates/, and each template has
a root link, `<fw> -> templates/<fw>`, so that `cookiecutter gh:ORG/REPO --directory <fw>`
works as well as `--directory templates/<fw>` (a nested chooser cannot do it: cookiecutter
passes `--directory` again to the template it chooses). `python hooks/generate.py` writes them;
the suite fails while a committed copy differs.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from . import HOOKS, ROOT, granian, shell_exec
from .declaration import Declaration, load

TEMPLATES = ROOT / "templates"
QUESTIONS = HOOKS / "questions.toml"
EXTENSION = "service_extension.ServiceExtension"
PYPROJECT_SECTIONS = "pyproject-sections.toml"
# The root chooser's first entry: what `cookiecutter --no-input gh:ORG/REPO` renders.
DEFAULT_TEMPLATE = "flask"
# The question a template may offer fewer answers to (Declaration.python_versions).
PYTHON_VERSION = "python_version"


def template_dirs() -> list[Path]:
    return sorted(path.parent for path in TEMPLATES.glob("*/template.toml"))


def question_source() -> dict[str, Any]:
    with QUESTIONS.open("rb") as file:
        return tomllib.load(file)


def choices(declaration: Declaration) -> dict[str, list[str]]:
    """Each choice question's answers for this template, default first."""
    offered = {
        key: question["choices"]
        for key, question in question_source().items()
        if "choices" in question
    }
    if declaration.python_versions:
        unknown = set(declaration.python_versions) - set(offered[PYTHON_VERSION])
        if unknown:
            raise ValueError(f"python_versions: {sorted(unknown)} are not answers of the question")
        offered[PYTHON_VERSION] = declaration.python_versions
    return offered


def choice_prompt(question: dict[str, Any], offered: list[str], declaration: Declaration) -> str:
    """`Database: sqlite (embedded, no server needed) or postgresql (...)`: the answers a choice
    question takes, each with its label if it has one."""
    labels = question.get("labels", {})
    named = [
        f"{choice} ({labels[choice].format(postgresql_driver=declaration.postgresql_driver)})"
        if choice in labels
        else choice
        for choice in offered
    ]
    return f"{question['prompt']}: {', '.join(named[:-1])} or {named[-1]}"


def questions(declaration: Declaration) -> dict[str, Any]:
    """The questions as cookiecutter.json writes them: defaults, then `__prompts__`.

    A choice question is a text question whose default is its first choice and whose prompt
    names the choices, not a cookiecutter choice list: cookiecutter checks an answer to a list
    itself, before any template code runs, and stops with a ValueError traceback (given on the
    command line or to cruft) or drops it with a warning (in a config file). As text, every
    answer reaches the `validated_answers` filter, which names the key and the choices.
    """
    variables: dict[str, Any] = {}
    prompts: dict[str, Any] = {}
    offered = choices(declaration)
    for key, question in question_source().items():
        if key in offered:
            variables[key] = offered[key][0]
            prompts[key] = choice_prompt(question, offered[key], declaration)
        else:
            variables[key] = question["default"]
            prompts[key] = question["prompt"]
    return {**variables, "__prompts__": prompts}


def private_variables(name: str, declaration: Declaration, template: Path) -> dict[str, Any]:
    """The declaration as the context the template files and hooks read.

    `__` variables hold Jinja and are rendered by cookiecutter; `_` variables are data.
    """
    return {
        # The answers each choice question takes (hooks/service_hooks/answers.py checks them).
        "_choices": choices(declaration),
        "_framework": name,
        "_framework_title": declaration.title,
        "__dist_name": "{{ cookiecutter.project_slug | replace('_', '-') }}",
        "__web_command": declaration.web_command,
        "_granian_lifecycle": granian.LIFECYCLE if declaration.commands.granian_app else "",
        "_shell_exec_note": shell_exec.NOTE
        if shell_exec.needs_shell(declaration.web_command)
        else "",
        "__release_command": declaration.commands.release,
        "__dev_command": declaration.commands.dev,
        "__build_command": declaration.commands.build,
        "_port": str(declaration.port),
        "_interface": declaration.interface,
        "_worker_processes": declaration.worker_processes,
        "_reserved_names": declaration.reserved_names,
        "_dependencies": declaration.dependencies,
        "_postgresql_dependencies": declaration.postgresql_dependencies,
        "_opentelemetry_dependencies": declaration.opentelemetry_dependencies,
        "_opentelemetry_database_dependencies": declaration.opentelemetry_database_dependencies,
        "_dev_dependencies": declaration.dev_dependencies,
        "_installed_package": declaration.installed_package,
        "__mypy_files": declaration.mypy_files,
        "__coverage_sources": declaration.coverage_sources,
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


def root_links() -> dict[Path, Path]:
    """Each template's root link and its target, relative to the repository's root."""
    return {ROOT / template.name: Path("templates", template.name) for template in template_dirs()}


def stale_root_links() -> list[Path]:
    """Root links that are missing or point elsewhere, and links into templates/ whose template
    is gone (they would lead cookiecutter nowhere)."""
    expected = root_links()
    stale = [
        link
        for link, target in expected.items()
        if not link.is_symlink() or Path(os.readlink(link)) != target
    ]
    stale += [
        path
        for path in sorted(ROOT.iterdir())
        if path.is_symlink()
        and path not in expected
        and Path(os.readlink(path)).parts[:1] == (TEMPLATES.name,)
    ]
    return stale


def write_root_links() -> None:
    expected = root_links()
    for link in stale_root_links():
        if link.is_symlink():
            link.unlink()
        elif link.exists():
            raise SystemExit(f"{link.name}: in the way of the root link to templates/{link.name}")
        if link in expected:
            link.symlink_to(expected[link], target_is_directory=True)


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
    ] + stale_root_links()


def write_all() -> None:
    for path, text in expected_files().items():
        path.write_text(text, "utf-8")
    write_root_links()
