"""The root copier.yml and each template's copier answers file, derived from their sources.

copier.yml asks which framework, then the questions of hooks/questions.toml, and renders the
chosen template's project tree as cookiecutter does (copier_context.py says how). Every
template tree also holds the template of copier's answers file (`.copier-answers.yml`), whose
name renders empty under cookiecutter, which then skips it. `python hooks/generate.py` writes
them with the cookiecutter.json files; the suite fails while a committed copy differs.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from . import ROOT
from .cookiecutter_json import DEFAULT_TEMPLATE, PYTHON_VERSION, QUESTIONS, template_dirs
from .declaration import load

COPIER_YML = ROOT / "copier.yml"
PROJECT_TREE = "{{cookiecutter.project_slug}}"
# Empty under cookiecutter, which skips a file whose name renders empty.
ANSWERS_FILE_NAME = "{{ _copier_conf.answers_file if _copier_conf is defined else '' }}"
ANSWERS_FILE = (
    "# copier's record of the answers and the template's commit, which `copier update` starts\n"
    "# from. Change an answer with `copier update --trust --data KEY=VALUE`, not here.\n"
    "{{ _copier_answers | to_nice_yaml -}}\n"
)

HEADER = """\
# copier's questions and settings, written by `python hooks/generate.py` from
# hooks/questions.toml and templates/*/template.toml, the sources of every cookiecutter.json:
# edit those and run it again. copier renders the tree cookiecutter renders, with the same
# context (hooks/service_hooks/copier_context.py), and runs the same hooks as its task.
"""

SETTINGS = """\
# The copier the suite runs (pyproject.toml); older ones are untested.
_min_copier_version: "9.19.1"
# The chosen framework's project tree, the one cookiecutter renders.
_subdirectory: "templates/{{ framework }}/{% raw %}{{cookiecutter.project_slug}}{% endraw %}"
# Every file is Jinja, as under cookiecutter; a file in another template language (Django's
# HTML templates) is wrapped whole in {% raw %}.
_templates_suffix: ""
# cookiecutter's Jinja settings, so that both tools write the same bytes.
_envops:
  autoescape: false
  keep_trailing_newline: true
  undefined: jinja2.StrictUndefined
_jinja_extensions:
  - copier_template_extensions.TemplateExtensionLoader
  - hooks/copier_template.py:ServiceExtension
  - hooks/copier_template.py:CookiecutterContext
# cookiecutter's hooks, in the generated project: check every answer, write the shared files
# (hooks/project/) and .env's secrets (kept if .env exists), drop the unchosen answers' files.
_tasks:
  - command:
      - "{{ _copier_python }}"
      - "{{ _copier_conf.src_path }}/hooks/copier_template.py"
      - "{{ _copier_conf.answers_file }}"
      - "{{ _copier_operation }}"
"""


def quoted(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it."""
    return json.dumps(value, ensure_ascii=False)


def framework_question() -> list[str]:
    templates = sorted(template_dirs(), key=lambda template: template.name != DEFAULT_TEMPLATE)
    lines = ["framework:", "  type: str", "  help: Web framework", "  choices:"]
    for template in templates:
        lines.append(f"    {quoted(load(template).summary)}: {template.name}")
    lines.append(f"  default: {DEFAULT_TEMPLATE}")
    lines.append(f"  when: {quoted(known_choice('framework'))}")
    return lines


def known_choice(key: str) -> str:
    return f"{{{{ {key!r} | known_choice }}}}"


def postgresql_driver() -> str:
    """The `{postgresql_driver}` of a label, as Jinja over the framework's declarations."""
    drivers = {template.name: load(template).postgresql_driver for template in template_dirs()}
    return "{{ " + json.dumps(drivers).replace('"', "'") + "[framework] }}"


def question(key: str, source: dict[str, Any]) -> list[str]:
    lines = [f"{key}:", "  type: str", f"  help: {quoted(source['prompt'])}"]
    if "choices" in source:
        labels = source.get("labels", {})
        if labels:
            lines.append("  choices:")
            for choice in source["choices"]:
                label = f"{choice} ({labels[choice]})".format(
                    postgresql_driver=postgresql_driver()
                )
                lines.append(f"    {quoted(label)}: {quoted(choice)}")
        else:
            lines.append(f"  choices: {json.dumps(source['choices'])}")
        lines.append(f"  default: {quoted(source['choices'][0])}")
        lines.append(f"  when: {quoted(known_choice(key))}")
        if key == PYTHON_VERSION:
            # The one question a template may offer fewer answers to than copier lists.
            lines.append(f"  validator: {quoted(f'{{{{ {key!r} | offered_choice }}}}')}")
    else:
        lines.append(f"  default: {quoted(source['default'])}")
        lines.append(f"  validator: {quoted(f'{{{{ {key!r} | answer_problem }}}}')}")
    return lines


def copier_yml() -> str:
    with QUESTIONS.open("rb") as file:
        questions = tomllib.load(file)
    blocks = [framework_question()] + [question(key, source) for key, source in questions.items()]
    return HEADER + SETTINGS + "".join("\n" + "\n".join(block) + "\n" for block in blocks)


def expected_files() -> dict[Path, str]:
    files = {COPIER_YML: copier_yml()}
    for template in template_dirs():
        files[template / PROJECT_TREE / ANSWERS_FILE_NAME] = ANSWERS_FILE
    return files
