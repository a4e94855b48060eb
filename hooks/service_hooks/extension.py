"""The Jinja extension every template names in its cookiecutter.json `_extensions`.

cookiecutter imports it through templates/<fw>/service_extension.py and uses it for the
questions, the template files and the hook files alike. Its filters:

- `validated_answers`: stops generation with one `key: rule` line per bad answer, before any
  folder exists (rendered by each cookiecutter.json's last private variable);
- `python_string`, `python_argument`: answers as ruff-formatted literals;
- `hook_script`: the whole hook script for one run; each templates/<fw>/hooks/ file is one line
  that calls it, so the hooks' code stays here, in one place. Rendering the pre_gen hook checks
  the answers again, for replays, which skip `validated_answers`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

from . import answers
from .python_literals import python_argument, python_string

# Hook name -> the module whose main(context) does that hook's work.
HOOK_MODULES = {"pre_gen": "answers", "post_gen": "shared_files"}


def validated_answers(context: Mapping[str, Any]) -> str:
    """Stop generation, without a traceback, unless every answer is valid."""
    answers.main(context)
    return "valid"


def stop_a_replay_unless_valid(context: Mapping[str, Any]) -> None:
    """Stop a replayed run with bad answers as a questioned one stops.

    `cookiecutter --replay` takes its answers from a file and renders no question, so
    `validated_answers` never runs. cookiecutter renders the pre_gen hook in its own process,
    after creating the project's folder and before writing into it: stopping here, rather than
    from the hook's process, spares the user the traceback cookiecutter logs for a failed hook.
    The folder, still empty, goes with the parents cookiecutter made for it in the output folder.
    """
    problems = answers.validate(context)
    if not problems:
        return
    if "_output_dir" in context:
        output = Path(str(context["_output_dir"])).resolve()
        folder = (output / str(context.get("project_slug", ""))).resolve()
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            if output not in folder.parents:
                break
            folder = folder.parent
    answers.main(context)


def hook_context_json(context: Mapping[str, Any]) -> str:
    """The context as the hooks get it: JSON, keys sorted (copier's task gets it so too)."""
    return json.dumps(dict(context), sort_keys=True)


def hook_script(context: Mapping[str, Any], hook: str) -> str:
    """The Python script cookiecutter runs as `hook` for this answer set.

    cookiecutter renders a hook with the template's folder as the working directory, so the
    script imports this package from the repository being rendered, even when one process renders
    two checkouts (`cruft update` renders the old and the new commit) and this module was imported
    from the other one. The working directory is the real folder even when cookiecutter entered
    it through a root link (`--directory flask`, flask -> templates/flask): the operating system
    resolves links on `chdir`.
    """
    template = Path.cwd()
    hooks = template.parent.parent / "hooks"
    if not (template / "cookiecutter.json").is_file() or not (hooks / __package__).is_dir():
        raise RuntimeError(f"{hook} hook rendered outside a template folder: {template}")
    if hook == "pre_gen":
        stop_a_replay_unless_valid(context)
    module = HOOK_MODULES[hook]
    context_json = hook_context_json(context)
    return (
        f"# The {hook} hook for this run, written by hooks/{__package__}/extension.py: its code\n"
        f"# is hooks/{__package__}/{module}.py in the template repository.\n"
        "import json\n"
        "import sys\n\n"
        f"sys.path.insert(0, {str(hooks)!r})\n"
        f"from {__package__} import {module}  # noqa: E402\n\n"
        f"{module}.main(json.loads({context_json!r}))"
    )


class ServiceExtension(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["validated_answers"] = validated_answers
        environment.filters["python_string"] = python_string
        environment.filters["python_argument"] = python_argument
        environment.filters["hook_script"] = hook_script
        # `tojson` writes non-ASCII text as itself: readable in the generated files, and valid
        # TOML, YAML and Python even outside the BMP, where \u escapes would be lone surrogates.
        environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
