"""The shared code in hooks/: generated cookiecutter.json files are fresh, the templates
declare themselves by the schema, hooks are one line, and the answer rules hold."""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from pathlib import Path

import jinja2
import pytest

from service_hooks import (
    answers,
    cookiecutter_json,
    declaration,
    extension,
    granian,
    locks,
    python_literals,
    shared_files,
    shell_exec,
)
from support.templates import ROOT

GOOD_ANSWERS = {
    "project_name": "Inventory Service",
    "project_slug": "inventory_service",
    "description": "Keeps track of things.",
    "author_name": "Ada Lovelace",
    "email": "ada@example.org",
    "version": "0.1.0",
    "_reserved_names": ["flask"],
}


def test_committed_cookiecutter_json_files_are_fresh() -> None:
    stale = [str(path.relative_to(ROOT)) for path in cookiecutter_json.stale_files()]
    assert stale == [], "run `python hooks/generate.py` and commit the result"


def test_every_template_declaration_meets_the_schema() -> None:
    for template in cookiecutter_json.template_dirs():
        assert isinstance(declaration.load(template), declaration.Declaration), template.name


def test_granian_templates_share_one_command_and_readme_text() -> None:
    """Every template Granian serves gets the shared command, with its own interface, port and
    app, and its README explains the command's lifecycle flags from the shared text."""
    served = 0
    for template in cookiecutter_json.template_dirs():
        facts = declaration.load(template)
        config = json.loads((template / "cookiecutter.json").read_text("utf-8"))
        readme = (template / "{{cookiecutter.project_slug}}" / "README.md").read_text("utf-8")
        if not facts.commands.granian_app:
            assert "granian" not in config["__web_command"], template.name
            continue
        served += 1
        assert config["__web_command"] == granian.command(
            facts.interface, facts.port, facts.commands.granian_app
        )
        assert config["_granian_lifecycle"] == granian.LIFECYCLE
        assert "{{ cookiecutter._granian_lifecycle }}" in readme, template.name
        for flag in granian.LIFECYCLE_FLAGS.split():
            assert flag in granian.LIFECYCLE
    assert served >= 2


def test_a_readme_starts_a_web_command_that_needs_a_shell_through_exec() -> None:
    """A Procfile command that reads $PORT runs under `sh -c 'exec ...'` in the README, with the
    shared note on why `exec`; one that needs no shell (Tornado's) runs as it is."""
    shells = 0
    for template in cookiecutter_json.template_dirs():
        config = json.loads((template / "cookiecutter.json").read_text("utf-8"))
        readme = (template / "{{cookiecutter.project_slug}}" / "README.md").read_text("utf-8")
        through_shell = "uv run sh -c 'exec {{ cookiecutter.__web_command }}'" in readme
        assert through_shell == shell_exec.needs_shell(config["__web_command"]), template.name
        assert ("{{ cookiecutter._shell_exec_note }}" in readme) == through_shell, template.name
        assert config["_shell_exec_note"] == (shell_exec.NOTE if through_shell else "")
        assert shell_exec.NOTE not in readme, f"{template.name}: a copy of the shared note"
        shells += through_shell
    assert shells >= 2


@pytest.mark.parametrize(
    ("commands", "rule"),
    [
        ({"release": "r", "dev": "d"}, "give either web or granian_app"),
        ({"web": "w", "granian_app": "a:b", "release": "r", "dev": "d"}, "either web or"),
    ],
)
def test_a_declaration_names_one_production_server(commands: dict[str, str], rule: str) -> None:
    with pytest.raises(ValueError, match=rule):
        declaration.Commands.model_validate(commands)


def test_granian_needs_an_interface_it_serves() -> None:
    flask = declaration.load(ROOT / "templates" / "flask").model_dump()
    with pytest.raises(ValueError, match="granian_app needs the wsgi or asgi interface"):
        declaration.Declaration.model_validate({**flask, "interface": "own"})


def test_every_template_asks_the_same_questions() -> None:
    """The questions come from hooks/questions.toml alone: only the driver's label differs, and
    the Python versions of a template that offers fewer (as it declares)."""
    blocks = set()
    for template in cookiecutter_json.template_dirs():
        config = json.loads((template / "cookiecutter.json").read_text("utf-8"))
        questions = {key: value for key, value in config.items() if not key.startswith("_")}
        prompts = dict(config["__prompts__"])
        choices = dict(config["_choices"])
        facts = declaration.load(template)
        prompts["database"] = prompts["database"].replace(
            f"({facts.postgresql_driver},", "(driver,"
        )
        if facts.python_versions:
            assert choices["python_version"] == facts.python_versions, template.name
            every = facts.model_copy(update={"python_versions": []})
            questions["python_version"] = cookiecutter_json.questions(every)["python_version"]
            prompts["python_version"] = cookiecutter_json.questions(every)["__prompts__"][
                "python_version"
            ]
            choices["python_version"] = cookiecutter_json.choices(every)["python_version"]
        blocks.add(json.dumps([questions, prompts, choices]))
    assert len(blocks) == 1


@pytest.mark.parametrize(
    "path", ["hooks/pre_gen_project.py", "hooks/post_gen_project.py", "service_extension.py"]
)
def test_every_template_has_the_same_hook_and_extension_files(path: str) -> None:
    """Each template's hooks are one line and its extension module a few; all are the same."""
    texts = {
        template.name: (template / path).read_text("utf-8")
        for template in cookiecutter_json.template_dirs()
    }
    assert len(set(texts.values())) == 1, texts
    assert len(next(iter(texts.values())).splitlines()) <= 12


def test_every_template_validates_its_answers_after_the_last_question() -> None:
    for template in cookiecutter_json.template_dirs():
        config = json.loads((template / "cookiecutter.json").read_text("utf-8"))
        assert config["_extensions"] == [cookiecutter_json.EXTENSION]
        # Private `__` variables render in order, so the last one sees every answer and setting.
        assert list(config)[-1] == "__validated_answers"
        assert "validated_answers" in config["__validated_answers"]


def test_hook_script_imports_the_hooks_of_the_template_being_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = ROOT / "templates" / "flask"
    monkeypatch.chdir(template)
    script = extension.hook_script({"project_slug": "shop"}, "post_gen")
    assert repr(str(ROOT / "hooks")) in script
    assert "shared_files.main(json.loads(" in script
    compile(script, "post_gen_project.py", "exec")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuntimeError, match="outside a template folder"):
        extension.hook_script({}, "pre_gen")


def test_good_answers_pass() -> None:
    assert answers.validate(GOOD_ANSWERS) == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("project_name", "Café d'Étienne 😀"),
        ("project_name", "x" * 40),
        ("project_name", "😀" * 20),
        ("project_slug", "s" * answers.SLUG_MAX_LENGTH),
        ("project_slug", "a"),
        ("project_slug", "service2"),
        ("description", 'Says "hi" to C:\\menus and d\'Artagnan ✓'),
        ("description", "d" * 300),
        ("description", "😀 " * 149 + "😀"),
        ("description", ""),
        ("author_name", 'Seán O\'Brien "Bob"'),
        ("email", "first.last+tag@sub.example.co.uk"),
    ],
)
def test_unusual_good_answers_pass(key: str, value: str) -> None:
    assert answers.validate({**GOOD_ANSWERS, key: value}) == []


def render_validation(answers: Mapping[str, object]) -> str:
    environment = jinja2.Environment(extensions=[extension.ServiceExtension])
    return environment.from_string("{{ cookiecutter | validated_answers }}").render(
        cookiecutter=answers
    )


def test_extension_filter_passes_good_answers() -> None:
    assert render_validation(GOOD_ANSWERS) == "valid"


def test_extension_filter_exits_with_one_line_per_bad_answer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        render_validation({**GOOD_ANSWERS, "project_slug": "a/b", "version": "one"})
    assert stopped.value.code == 1
    assert [line.split(":")[0] for line in capsys.readouterr().err.splitlines()] == [
        "project_slug",
        "version",
    ]


def test_extension_keeps_non_ascii_text_in_tojson() -> None:
    environment = jinja2.Environment(extensions=[extension.ServiceExtension])
    assert environment.from_string("{{ name | tojson }}").render(name="Café 😀") == '"Café 😀"'


@pytest.mark.parametrize(
    "version", ["0.1.0", "1", "2.0.0rc1", "1.0.post2", "1.0.dev3", "1!2.0", "v1.2", "2026.11.21"]
)
def test_pep440_versions_pass(version: str) -> None:
    assert answers.validate({**GOOD_ANSWERS, "version": version}) == []


def test_every_failure_is_reported_at_once() -> None:
    problems = answers.validate(
        {**GOOD_ANSWERS, "project_name": " ", "project_slug": "class", "email": "nobody"}
    )
    assert [problem.split(":")[0] for problem in problems] == [
        "project_name",
        "project_slug",
        "email",
    ]


def test_a_choice_answer_must_be_one_of_the_choices() -> None:
    choices = {"database": ["sqlite", "postgresql"], "ci": ["github", "gitlab", "none"]}
    good = {**GOOD_ANSWERS, "_choices": choices, "database": "postgresql", "ci": "none"}
    assert answers.validate(good) == []
    assert answers.validate({**good, "database": "mysql", "ci": 1}) == [
        "database: must be one of sqlite, postgresql",
        "ci: must be one of github, gitlab, none",
    ]


def test_a_template_may_offer_fewer_python_versions() -> None:
    """A template whose dependencies stop short of a Python version leaves it out: its
    cookiecutter.json's default, prompt and allowed answers, which the hook checks."""
    flask = declaration.load(ROOT / "templates" / "flask")
    limited = flask.model_copy(update={"python_versions": ["3.12", "3.11"]})
    config = cookiecutter_json.questions(limited)
    assert config["python_version"] == "3.12"
    assert config["__prompts__"]["python_version"].endswith(": 3.12 or 3.11")
    allowed = cookiecutter_json.choices(limited)["python_version"]
    assert allowed == ["3.12", "3.11"]
    checked = {**GOOD_ANSWERS, "_choices": {"python_version": allowed}, "python_version": "3.13"}
    assert answers.validate(checked) == ["python_version: must be one of 3.12, 3.11"]
    assert cookiecutter_json.choices(flask)["python_version"] == ["3.13", "3.11", "3.12", "3.14"]
    with pytest.raises(ValueError, match="python_versions"):
        cookiecutter_json.choices(flask.model_copy(update={"python_versions": ["2.7"]}))


def test_a_template_reserves_its_own_import_names() -> None:
    assert answers.validate({**GOOD_ANSWERS, "project_slug": "flask"}) == [
        "project_slug: must not shadow an import name the project uses (framework or dependency)"
    ]


def test_only_for_removes_files_of_unchosen_answers(tmp_path: Path) -> None:
    (tmp_path / "pg").mkdir()
    (tmp_path / "pg" / "init.sql").write_text("")
    (tmp_path / "keep.txt").write_text("")
    context = {"database": "sqlite", "_only_for": {"database": {"postgresql": ["pg", "x.txt"]}}}
    shared_files.remove_unneeded(tmp_path, context)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["keep.txt"]


def shared_context(**answers: object) -> dict[str, object]:
    config = json.loads((ROOT / "templates" / "flask" / "cookiecutter.json").read_text("utf-8"))
    return {**config, "project_slug": "shop", "ci": "none", **answers}


def test_a_template_adds_shared_modules_under_its_package() -> None:
    context = shared_context(
        _shared_modules={"{{ cookiecutter.project_slug }}/schemas.py": "item_schemas.py"}
    )
    planned = shared_files.planned_files(context)
    assert planned["shop/schemas.py"] == shared_files.MODULES / "item_schemas.py"


def test_generated_secrets_are_written_once(tmp_path: Path) -> None:
    """A render into an existing project (cookiecutter --overwrite-if-exists, a copier
    update's task) keeps the .env it finds, secrets and the user's own lines alike."""
    context = shared_context(database="postgresql")
    shared_files.write_generated_secrets(tmp_path, context)
    env_file = tmp_path / ".env"
    assert env_file.read_text("utf-8").count("POSTGRES_PASSWORD=") == 1
    env_file.write_text(env_file.read_text("utf-8") + "PORT=9000\n", "utf-8")
    before = env_file.read_bytes()
    shared_files.write_generated_secrets(tmp_path, context)
    assert env_file.read_bytes() == before


@pytest.mark.parametrize(
    ("ci", "path"), [("github", ".github/workflows/ci.yml"), ("gitlab", ".gitlab-ci.yml")]
)
def test_ci_files_follow_the_answer(ci: str, path: str) -> None:
    assert path in shared_files.planned_files(shared_context(ci=ci))
    assert not {".github/workflows/ci.yml", ".gitlab-ci.yml"} & set(
        shared_files.planned_files(shared_context(ci="none"))
    )


@pytest.mark.parametrize("length", [0, 76, 77, 85, 86, 300])
def test_python_argument_text_concatenates_back_to_the_value(length: int) -> None:
    value = ("word " * 60)[:length].strip() + "!" * (length > 0)
    layout = python_literals.python_argument(value, "description", 8)
    assert layout.startswith("description=")
    assert all(
        len(line) <= python_literals.LINE_LENGTH for line in ("        " + layout).splitlines()
    )
    assert ast.literal_eval(layout.removeprefix("description=")) == value


# What uv writes in uv.lock for the project's version (uv 0.13), for versions the answers allow.
UV_LOCK_VERSIONS = {
    "0.1.0": "0.1.0",
    "1!0.1.0.post2.dev3": "1!0.1.0.post2.dev3",
    "0!1.0": "1.0",
    "v1.0": "1.0",
    "V1.0": "1.0",
    "01.02.0": "1.2.0",
    "1.00": "1.0",
    "1.0.0a": "1.0.0a0",
    "1.0alpha1": "1.0a1",
    "1.0_beta_2": "1.0b2",
    "1.0c1": "1.0rc1",
    "1.0RC1": "1.0rc1",
    "1.0pre2": "1.0rc2",
    "1.0PREVIEW3": "1.0rc3",
    "1.0-1": "1.0.post1",
    "1.0-post1": "1.0.post1",
    "1.0.post": "1.0.post0",
    "1.0.post.1": "1.0.post1",
    "1.0-r4": "1.0.post4",
    "1.0rev5": "1.0.post5",
    "1.0.dev": "1.0.dev0",
    "1.0-dev-7": "1.0.dev7",
    "1.0a.post.dev": "1.0a0.post0.dev0",
    "2026.11.21rc1": "2026.11.21rc1",
    "0001!0010.0020rc003-REV04_dev05": "1!10.20rc3.post4.dev5",
}


@pytest.mark.parametrize(("version", "written"), UV_LOCK_VERSIONS.items())
def test_lock_versions_are_normalized_as_uv_writes_them(version: str, written: str) -> None:
    assert answers.validate({**GOOD_ANSWERS, "version": version}) == []
    assert locks.normalized_version(version) == written


@pytest.mark.parametrize(
    ("name", "written"), [("my-service", "my-service"), ("a--b", "a-b"), ("A_b.C", "a-b-c")]
)
def test_lock_names_are_normalized_as_uv_writes_them(name: str, written: str) -> None:
    assert locks.normalized_name(name) == written


def test_stored_locks_come_back_unchanged_for_their_own_project() -> None:
    stored = sorted(locks.LOCKS.glob("*.lock"))
    assert stored, "no stored locks: run python hooks/lock.py"
    for path in stored:
        text = path.read_text("utf-8")
        match = locks.PROJECT_ENTRY.search(text)
        assert match is not None, path.name
        name, version = (line.split('"')[1] for line in match.group().splitlines()[1:3])
        assert locks.project_lock(text, name, version) == text, path.name


# A stored lock in short: the project's entry between two others, its version line apart.
LOCK = """version = 1
requires-python = ">=3.11"

[[package]]
name = "flask"
version = "3.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "my-service"
VERSION_LINEsource = { virtual = "." }
dependencies = [
    { name = "flask" },
]

[package.metadata]
requires-dist = [{ name = "flask" }]

[[package]]
name = "zope-interface"
version = "7.2"
source = { registry = "https://pypi.org/simple" }
"""


def test_the_project_entry_is_renamed_and_sorted_into_place() -> None:
    stored = LOCK.replace("VERSION_LINE", 'version = "0.1.0"\n')
    lock = locks.project_lock(stored, "zzz_app", "v2.0-1")
    assert [line for line in lock.splitlines() if line.startswith("name = ")] == [
        'name = "flask"',
        'name = "zope-interface"',
        'name = "zzz-app"',
    ]
    assert 'name = "zzz-app"\nversion = "2.0.post1"\nsource = { virtual = "." }\n' in lock
    assert lock.endswith('[{ name = "flask" }]\n')
    assert "\n\n\n" not in lock


def test_a_dynamic_project_version_stays_unrecorded() -> None:
    lock = locks.project_lock(LOCK.replace("VERSION_LINE", ""), "app", "1.0")
    assert 'name = "app"\nsource = { virtual = "." }' in lock


def test_a_stored_lock_without_the_project_entry_is_refused() -> None:
    stored = LOCK.replace("VERSION_LINE", "").replace('"."', '"other"')
    with pytest.raises(ValueError, match="found 0"):
        locks.project_lock(stored, "app", "1.0")
