"""copier renders the projects cookiecutter renders, from the same tree (copier.yml).

`copier copy --trust gh:ORG/REPO my_service` asks which framework, then the same questions, and
writes the same files as cookiecutter for the same answers; `copier update` brings a later
template change into a generated project its user committed and changed. A bare repository in
the test's folder stands in for GitHub (copier clones a file:// URL as it clones gh:ORG/REPO).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest
import yaml

from service_hooks import copier_yml
from service_hooks.copier_extension import CookiecutterContext
from support.figures import Figures
from support.projects import clean_environment, render, run
from support.templates import (
    ROOT,
    Answers,
    covering_answer_sets,
    declaration,
    default_answers,
    template_names,
)

ANSWERS_FILE = ".copier-answers.yml"
# Apart from what the tools write of their own (copier's answers), and .env's random secrets.
COMPARED_APART = {ANSWERS_FILE, ".env"}


def git(*args: str, cwd: Path) -> None:
    run(["git", "-c", "user.name=suite", "-c", "user.email=suite@example.com", *args], cwd=cwd)


def template_repository(folder: Path) -> Path:
    """The working tree as a git repository of its own, which a test may change and commit."""
    shutil.copytree(
        ROOT, folder, ignore=shutil.ignore_patterns(".git", ".tox", ".venv", "__pycache__")
    )
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", "template", cwd=folder)
    return folder


def bare_url(repository: Path, folder: Path) -> str:
    """A file:// URL that copier clones as it clones gh:ORG/REPO."""
    run(["git", "clone", "-q", "--bare", str(repository), str(folder)], cwd=repository.parent)
    return folder.as_uri()


@pytest.fixture(scope="session")
def template_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("copier-template")
    return bare_url(template_repository(folder / "upstream"), folder / "repo.git")


def copier(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "copier", *args], cwd=cwd)


def copier_copy(url: str, template: str, answers: Answers, project: Path) -> float:
    """`copier copy --trust --defaults` with these answers; returns the seconds it took."""
    data = [f"--data={key}={value}" for key, value in {"framework": template, **answers}.items()]
    start = time.perf_counter()
    copier(
        "copy", "--quiet", "--trust", "--defaults", *data, url, str(project), cwd=project.parent
    )
    return time.perf_counter() - start


def tree(project: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below `project`, relative path -> (mode, bytes)."""
    return {
        path.relative_to(project).as_posix(): (path.stat().st_mode, path.read_bytes())
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }


def env_keys(project: Path) -> list[str]:
    env = project / ".env"
    if not env.is_file():
        return []
    lines = env.read_text("utf-8").splitlines()
    return [line.split("=", 1)[0] for line in lines if "=" in line and not line.startswith("#")]


def compared_answer_sets(template: str) -> list[Answers]:
    """The defaults, and a set that changes every choice (PostgreSQL, GitLab, ...)."""
    return covering_answer_sets(template)[:2]


def test_copier_copy_writes_what_cookiecutter_writes(
    template: str, template_url: str, tmp_path: Path, figures: Figures
) -> None:
    assert compared_answer_sets(template)[0] == default_answers(template)
    for number, answers in enumerate(compared_answer_sets(template)):
        project = tmp_path / f"copier-{number}" / "my_service"
        project.parent.mkdir()
        seconds = copier_copy(template_url, template, answers, project)
        start = time.perf_counter()
        expected = render(template, answers, tmp_path / f"cookiecutter-{number}")
        cookiecutter_seconds = time.perf_counter() - start
        figures.add(
            "copier copy (render and task, no install)",
            template=template,
            answers="defaults" if number == 0 else "-".join(answers.values()),
            copier_s=seconds,
            cookiecutter_s=cookiecutter_seconds,
        )

        written, wanted = tree(project), tree(expected)
        assert sorted(set(written) - COMPARED_APART) == sorted(set(wanted) - COMPARED_APART)
        different = [
            path for path in wanted if path not in COMPARED_APART and written[path] != wanted[path]
        ]
        assert different == [], f"copier and cookiecutter differ in {different}"
        assert env_keys(project) == env_keys(expected)
        recorded = yaml.safe_load((project / ANSWERS_FILE).read_text("utf-8"))
        assert recorded["_src_path"] == template_url
        assert {key: recorded[key] for key in answers} == answers
        assert recorded["framework"] == template


# The update runs the same copier.yml, context and task for every template (the copy test
# above proves each template's render): two templates, one with a secret on SQLite too.
@pytest.mark.parametrize("template", ["django", "flask"])
def test_copier_update_applies_a_template_change_and_keeps_the_secrets(
    template: str, tmp_path: Path
) -> None:
    """A change upstream to a template file and to a shared file (hooks/project/) reaches a
    project whose user committed it and changed another file: no conflict, no .rej file, and
    `.env` byte for byte as it was (PostgreSQL's password, Django's SECRET_KEY)."""
    upstream = template_repository(tmp_path / "upstream")
    project = tmp_path / "my_service"
    answers = {**default_answers(template), "database": "postgresql"}
    copier_copy(str(upstream), template, answers, project)
    secrets = (project / ".env").read_bytes()
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "generated", cwd=project)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8") + "\n[tool.user]\nnote = 1\n", "utf-8")
    git("commit", "-q", "-am", "the user's own change", cwd=project)

    readme = upstream / "templates" / template / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nA line added upstream.\n", "utf-8")
    shared = upstream / "hooks" / "project" / ".gitignore"
    shared.write_text(shared.read_text("utf-8") + "# A shared line added upstream.\n", "utf-8")
    git("commit", "-q", "-am", "change the template", cwd=upstream)
    copier("update", "--quiet", "--trust", "--skip-answered", cwd=project)

    assert (project / "README.md").read_text("utf-8").endswith("\nA line added upstream.\n")
    assert (
        (project / ".gitignore").read_text("utf-8").endswith("# A shared line added upstream.\n")
    )
    assert pyproject.read_text("utf-8").endswith("\n[tool.user]\nnote = 1\n")
    assert (project / ".env").read_bytes() == secrets
    status = run(["git", "status", "--porcelain", "--ignored"], cwd=project).stdout.splitlines()
    assert sorted(status) == [
        " M .copier-answers.yml",
        " M .gitignore",
        " M README.md",
        "!! .env",
    ]


@pytest.mark.parametrize(
    ("key", "value", "line"),
    [
        (
            "project_slug",
            "json",
            "project_slug: must not be the name of a standard library module",
        ),
        # The default slug, from the name, breaks its rule.
        (
            "project_name",
            "Json",
            "project_slug: must not be the name of a standard library module",
        ),
        (
            "project_name",
            'The "Best"',
            "project_name: must not contain double quotes or backslashes",
        ),
        ("email", "a@b", "email: must be an email address like name@example.com"),
        ("database", "mysql", "database: must be one of sqlite, postgresql"),
        (
            "framework",
            "rails",
            f"framework: must be one of {', '.join(template_names())}",
        ),
    ],
)
def test_copier_stops_a_bad_answer_with_one_line(
    key: str, value: str, line: str, template_url: str, tmp_path: Path
) -> None:
    assert copier_refusal({key: value}, template_url, tmp_path) == [line]


def test_copier_stops_a_python_version_the_framework_does_not_offer(
    template_url: str, tmp_path: Path
) -> None:
    """Each framework may offer fewer python_version answers than the question lists."""
    offered = declaration("cubicweb").python_versions
    assert "3.14" not in offered
    answers = {"framework": "cubicweb", "python_version": "3.14"}
    line = f"python_version: must be one of {', '.join(offered)}"
    assert copier_refusal(answers, template_url, tmp_path) == [line]


@pytest.mark.parametrize(("answer", "problem"), [("3.13", ""), ("3.14", "must be one of")])
def test_copier_prompt_offers_the_framework_s_python_versions(answer: str, problem: str) -> None:
    """The validator copier runs on a prompted python_version, as copier.yml writes it."""
    [validator] = [
        question["validator"]
        for name, question in yaml.safe_load((ROOT / "copier.yml").read_text("utf-8")).items()
        if name == "python_version"
    ]
    environment = jinja2.Environment(extensions=[CookiecutterContext])
    context = {
        "framework": "cubicweb",
        "python_version": answer,
        "_copier_conf": {"src_path": str(ROOT), "data": {}},
    }
    assert environment.from_string(validator).render(context).startswith(problem)
    assert bool(problem) == (answer not in declaration("cubicweb").python_versions)


def copier_refusal(answers: Answers, template_url: str, tmp_path: Path) -> list[str]:
    """What `copier copy` says on stderr when it refuses these answers: it must exit 1 and
    leave no directory behind."""
    output = tmp_path / "out"
    output.mkdir()
    copy = [sys.executable, "-m", "copier", "copy", "--quiet", "--trust", "--defaults"]
    data = [f"--data={key}={value}" for key, value in answers.items()]
    result = subprocess.run(
        [*copy, *data, template_url, str(output / "my_service")],
        capture_output=True,
        text=True,
        env=clean_environment(),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert list(output.iterdir()) == []
    return [text for text in result.stderr.splitlines() if "git tags" not in text]


def test_copier_files_are_fresh() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in copier_yml.expected_files().items()
        if not path.is_file() or path.read_text("utf-8") != text
    ]
    assert stale == [], "run `python hooks/generate.py` and commit the result"
