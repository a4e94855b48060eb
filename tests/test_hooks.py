"""The hook sources in hooks/: committed bundles are fresh, and the answer rules hold."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import jinja2
import pytest

import build
import post_gen
import pre_gen
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


def test_committed_hook_bundles_are_fresh() -> None:
    stale = [str(path.relative_to(ROOT)) for path in build.stale_bundles()]
    assert stale == [], "run `python hooks/build.py` and commit the result"


def test_every_template_has_both_bundles() -> None:
    for template in build.template_dirs():
        assert (template / "hooks" / "pre_gen_project.py").is_file()
        assert (template / "hooks" / "post_gen_project.py").is_file()


def test_bundles_carry_every_shared_file() -> None:
    bundle = build.bundle("post_gen.py", sources=build.shared_sources())
    for name in build.shared_sources():
        assert f'"{name}"' in bundle


def test_every_template_validates_its_answers_after_the_last_question() -> None:
    for template in build.template_dirs():
        config = json.loads((template / "cookiecutter.json").read_text("utf-8"))
        assert config["_extensions"] == [build.EXTENSION]
        # Private `__` variables render in order, so the last one sees every answer and setting.
        assert list(config)[-1] == "__validated_answers"
        assert "validated_answers" in config["__validated_answers"]
        assert (template / f"{build.EXTENSION_MODULE}.py").is_file()


def test_extension_module_is_the_validation_source() -> None:
    assert build.extension_module().endswith((ROOT / "hooks" / "pre_gen.py").read_text("utf-8"))


def test_good_answers_pass() -> None:
    assert pre_gen.validate(GOOD_ANSWERS) == []


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("project_name", "Café d'Étienne 😀"),
        ("project_name", "x" * 40),
        ("project_name", "😀" * 20),
        ("project_slug", "s" * pre_gen.SLUG_MAX_LENGTH),
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
    assert pre_gen.validate({**GOOD_ANSWERS, key: value}) == []


def render_validation(answers: dict[str, object]) -> str:
    environment = jinja2.Environment(extensions=[pre_gen.AnswersExtension])
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
    environment = jinja2.Environment(extensions=[pre_gen.AnswersExtension])
    assert environment.from_string("{{ name | tojson }}").render(name="Café 😀") == '"Café 😀"'


@pytest.mark.parametrize(
    "version", ["0.1.0", "1", "2.0.0rc1", "1.0.post2", "1.0.dev3", "1!2.0", "v1.2", "2026.11.21"]
)
def test_pep440_versions_pass(version: str) -> None:
    assert pre_gen.validate({**GOOD_ANSWERS, "version": version}) == []


def test_every_failure_is_reported_at_once() -> None:
    problems = pre_gen.validate(
        {**GOOD_ANSWERS, "project_name": " ", "project_slug": "class", "email": "nobody"}
    )
    assert [problem.split(":")[0] for problem in problems] == [
        "project_name",
        "project_slug",
        "email",
    ]


def test_a_template_reserves_its_own_import_names() -> None:
    assert pre_gen.validate({**GOOD_ANSWERS, "project_slug": "flask"}) == [
        "project_slug: must not shadow an import name the project uses (framework or dependency)"
    ]


def test_only_for_removes_files_of_unchosen_answers(tmp_path: Path) -> None:
    (tmp_path / "pg").mkdir()
    (tmp_path / "pg" / "init.sql").write_text("")
    (tmp_path / "keep.txt").write_text("")
    context = {"database": "sqlite", "_only_for": {"database": {"postgresql": ["pg", "x.txt"]}}}
    post_gen.remove_unneeded(tmp_path, context)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["keep.txt"]


def test_a_template_adds_shared_modules_under_its_package() -> None:
    context = {
        "license": "MIT",
        "ci": "none",
        "project_slug": "shop",
        "_shared_files": {"{{ cookiecutter.project_slug }}/schemas.py": "app/item_schemas.py"},
    }
    assert post_gen.planned_files(context)["shop/schemas.py"] == "app/item_schemas.py"


@pytest.mark.parametrize("length", [0, 76, 77, 85, 86, 300])
def test_python_argument_text_concatenates_back_to_the_value(length: int) -> None:
    value = ("word " * 60)[:length].strip() + "!" * (length > 0)
    layout = pre_gen.python_argument(value, "description", 8)
    assert layout.startswith("description=")
    assert all(len(line) <= pre_gen.LINE_LENGTH for line in ("        " + layout).splitlines())
    assert ast.literal_eval(layout.removeprefix("description=")) == value
