"""The Jinja extension copier.yml adds for copier (through hooks/copier_template.py).

`CookiecutterContext` gives every copier render the `cookiecutter` variable the template files
read (copier_context.py), and adds four filters: `answer_problem`, each free-text question's
validator, with the rules of answers.py; `known_choice`, each choice question's `when`, which
stops a command-line answer that is none of the choices; `offered_choice`, python_version's
validator, for the answers the chosen framework does not offer; and `slugify`,
cookiecutter's own, which the slug's default uses. Needs copier-template-extensions and
python-slugify beside copier.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jinja2
from copier_template_extensions import ContextHook
from jinja2.runtime import Context
from prompt_toolkit.application import get_app_or_none
from slugify import slugify

from . import answers
from .copier_context import FRAMEWORK, choices, cookiecutter_context, question_keys


def prompting() -> bool:
    """Whether copier's prompt is asking, and shows a validator's message to ask again."""
    app = get_app_or_none()
    return app is not None and app.is_running


@jinja2.pass_context
def answer_problem(context: Context, key: str) -> str:
    """A copier validator: the rule of answers.py the answer breaks, or nothing.

    copier's prompt shows the rule and asks again. An answer given on the command line (`-d`,
    `--defaults`) stops copier as cookiecutter stops, with one line, `key: rule`, on stderr and
    exit status 1, before anything is written: copier itself would raise a traceback.
    """
    cookiecutter = context["cookiecutter"]
    value = cookiecutter.get(key)
    rule = answers.RULES[key]
    problem = rule(value, cookiecutter) if isinstance(value, str) else "must be text"
    if not problem:
        return ""
    if prompting():
        # copier shows it after "Validation error for question 'key':".
        return problem
    conf = context["_copier_conf"]
    if conf["defaults"] or key in conf["data"]:
        print(f"{key}: {problem}", file=sys.stderr)
        raise SystemExit(1)
    # A default that copier checks before it asks: the prompt checks the answer.
    return ""


@jinja2.pass_context
def known_choice(context: Context, key: str) -> bool:
    """A choice question's copier `when`: true, unless the command line (`-d`) answered it with
    none of its choices. Then copier stops with one line on stderr and exit status 1 (copier
    itself would raise a traceback, before any validator runs)."""
    given = context["_copier_conf"]["data"]
    framework = str(given.get(FRAMEWORK, context.get(FRAMEWORK, "")))
    known = choices(Path(str(context["_copier_conf"]["src_path"])), framework)[key]
    # A --data-file's YAML may give 3.12 as a number; copier reads it as the text.
    if key in given and str(given[key]) not in known:
        print(f"{key}: must be one of {', '.join(known)}", file=sys.stderr)
        raise SystemExit(1)
    return True


@jinja2.pass_context
def offered_choice(context: Context, key: str) -> str:
    """python_version's copier validator: copier's prompt lists every answer of the question,
    and the chosen framework may offer fewer (Declaration.python_versions)."""
    framework = str(context.get(FRAMEWORK, ""))
    offered = choices(Path(str(context["_copier_conf"]["src_path"])), framework)[key]
    value = str(context.get(key, ""))
    return "" if value in offered else f"must be one of {', '.join(offered)}"


class CookiecutterContext(ContextHook):
    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.filters["answer_problem"] = answer_problem
        environment.filters["known_choice"] = known_choice
        environment.filters["offered_choice"] = offered_choice
        environment.filters["slugify"] = slugify
        self.contexts: dict[str, dict[str, Any]] = {}

    def hook(self, context: dict[str, Any]) -> None:
        # The checkout being rendered: `copier update` renders the old and the new commit.
        repository = Path(str(context["_copier_conf"]["src_path"]))
        given = {key: context[key] for key in (FRAMEWORK, *question_keys()) if key in context}
        # Every file renders with the same answers: build their context once.
        key = json.dumps([str(repository), given], sort_keys=True, default=str)
        if key not in self.contexts:
            self.contexts[key] = cookiecutter_context(repository, given)
        context["cookiecutter"] = self.contexts[key]
