"""The context copier renders a template with, the one cookiecutter gives it.

copier asks the questions of copier.yml (written by hooks/generate.py from the same sources as
each cookiecutter.json) and renders templates/<framework>/{{cookiecutter.project_slug}}/, the
tree cookiecutter renders. Its answers are top-level variables, while the template files read
`cookiecutter.<key>`: `cookiecutter_context` builds that variable as cookiecutter does for the
same answers (the answers, then the chosen framework's declaration with its `__` variables
rendered in order), so that both tools write the same bytes. copier_extension.py gives it to
every copier render; `run_task` is copier's task after rendering (hooks/copier_template.py):
the code of cookiecutter's two hooks, with the context they get.

Needs what copier installs: Jinja2, pydantic and PyYAML.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import ROOT, answers, shared_files
from .cookiecutter_json import QUESTIONS, private_variables
from .cookiecutter_json import choices as template_choices
from .declaration import load
from .extension import hook_context_json

# copier's first question; cookiecutter asks it through the root chooser or --directory.
FRAMEWORK = "framework"
# Renders to "valid" once cookiecutter's answers pass; copier validates each answer itself.
VALIDATED_ANSWERS = "__validated_answers"


@cache
def questions() -> dict[str, Any]:
    with QUESTIONS.open("rb") as file:
        return tomllib.load(file)


def question_keys() -> tuple[str, ...]:
    return tuple(questions())


def choices(repository: Path, framework: str = "") -> dict[str, list[str]]:
    """Each choice question's answers: the framework's are the templates in `repository`, the
    others the chosen framework's (a template may offer fewer Python versions), or all."""
    frameworks = sorted(path.parent.name for path in repository.glob("templates/*/template.toml"))
    template = repository / "templates" / framework
    if framework in frameworks:
        offered = template_choices(load(template))
    else:
        offered = {
            key: source["choices"] for key, source in questions().items() if "choices" in source
        }
    return {FRAMEWORK: frameworks, **offered}


def render_variable(raw: Any, context: dict[str, Any]) -> Any:
    """A `__` variable as cookiecutter renders it (cookiecutter.prompt.render_variable)."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, dict):
        return {
            render_variable(key, context): render_variable(value, context)
            for key, value in raw.items()
        }
    if isinstance(raw, list):
        return [render_variable(value, context) for value in raw]
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return environment.from_string(str(raw)).render(cookiecutter=context)


def cookiecutter_context(repository: Path, given: Mapping[str, Any]) -> dict[str, Any]:
    """The `cookiecutter` variable cookiecutter gives the template files for these answers.

    While copier is still asking, `given` holds the answers so far: the context holds them,
    the declaration once the framework is known, and the `__` variables once every answer is.
    """
    context = {key: given[key] for key in question_keys() if key in given}
    template = repository / "templates" / str(given.get(FRAMEWORK, ""))
    if FRAMEWORK not in given or not (template / "template.toml").is_file():
        return context
    complete = len(context) == len(question_keys())
    for key, raw in private_variables(template.name, load(template), template).items():
        if not key.startswith("__"):
            context[key] = raw
        elif complete and key != VALIDATED_ANSWERS:
            context[key] = render_variable(raw, context)
    return context


def run_task(answers_file: Path, operation: str) -> None:
    """copier's task, in the generated project: cookiecutter's two hooks, the same context.

    `operation` is copier's: `copy`, or `update`, which renders the project three times (the
    old commit and the new one in temporary folders, the new one in the project).
    """
    given = yaml.safe_load(answers_file.read_text("utf-8"))
    context = json.loads(hook_context_json(cookiecutter_context(ROOT, given)))
    answers.main(context)
    shared_files.main(context, created=operation == "copy")
