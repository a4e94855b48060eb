"""The repository as a user meets it: root chooser, cruft, the README and the contract."""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from service_hooks.locks import LOCKS, dependency_sets, lock_source
from support.contract import CONTRACT
from support.projects import clean_environment, run
from support.templates import ROOT, choice_questions, template_config, template_names

README = (ROOT / "README.md").read_text("utf-8")


def test_contract_is_a_valid_openapi_31_document() -> None:
    document = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text("utf-8"))
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_contract_module_agrees_with_the_openapi_document() -> None:
    # The generated code takes its headers and limits from contract.py; the document is the
    # contract the clients read, so the two must say the same.
    document = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text("utf-8"))
    headers = document["components"]["headers"]
    declared = {
        "X-Content-Type-Options": headers["XContentTypeOptions"]["schema"]["const"],
        "X-Frame-Options": headers["XFrameOptions"]["schema"]["const"],
        "Referrer-Policy": headers["ReferrerPolicy"]["schema"]["const"],
    }
    assert declared == CONTRACT.SECURITY_HEADERS
    for schema in ("Item", "ItemIn"):
        fields = document["components"]["schemas"][schema]["properties"]
        assert fields["name"]["maxLength"] == CONTRACT.MAX_NAME_LENGTH
        assert fields["description"]["maxLength"] == CONTRACT.MAX_DESCRIPTION_LENGTH
    paging = document["components"]["parameters"]
    assert paging["Limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": CONTRACT.MAX_LIMIT,
        "default": CONTRACT.MAX_LIMIT,
    }
    assert paging["Offset"]["schema"] == {"type": "integer", "minimum": 0, "default": 0}
    assert CONTRACT.problem(404, "Not Found", "gone") == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "gone",
    }
    # The 503 of a database that lacks a migration is worded as the document shows it.
    unavailable = document["components"]["responses"]["ServiceUnavailable"]
    example = unavailable["content"][CONTRACT.PROBLEM_CONTENT_TYPE]["examples"]["not-migrated"]
    detail = CONTRACT.not_migrated("uv run alembic upgrade head")
    assert example["value"] == CONTRACT.problem(503, "Service Unavailable", detail)
    # /health and every /api operation answer it.
    for path, path_item in document["paths"].items():
        for method, operation in path_item.items():
            if method != "parameters":
                assert "503" in operation["responses"], f"{method} {path}"


def test_root_chooser_lists_every_template() -> None:
    chooser = json.loads((ROOT / "cookiecutter.json").read_text("utf-8"))["templates"]
    assert {entry["path"] for entry in chooser.values()} == {
        f"./templates/{name}" for name in template_names()
    }


def test_root_chooser_renders_with_no_input(tmp_path: Path) -> None:
    run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(tmp_path), str(ROOT)],
        cwd=tmp_path,
    )
    (project,) = tmp_path.iterdir()
    assert (project / "Procfile").is_file()
    assert (project / "tests" / "contract" / "test_contract.py").is_file()


def git(*args: str, cwd: Path) -> None:
    run(["git", "-c", "user.name=suite", "-c", "user.email=suite@example.com", *args], cwd=cwd)


def repository_copy(folder: Path) -> Path:
    """The working tree as a git repository of its own, which a test may change and commit.
    The root links stay links, as git stores them. The tools' caches stay behind: git ignores
    them, and the lint env's mypy may be rewriting its own while the copy runs."""
    shutil.copytree(
        ROOT,
        folder,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".tox", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"
        ),
    )
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", "template", cwd=folder)
    return folder


def cookiecutter_command(tmp_path: Path) -> list[str]:
    """The cookiecutter CLI, cloning, unpacking and replaying into folders of the test's."""
    config = tmp_path / "cookiecutter-config.yaml"
    config.write_text(
        f"cookiecutters_dir: {tmp_path / 'cookiecutters'}\nreplay_dir: {tmp_path / 'replay'}\n",
        "utf-8",
    )
    return [sys.executable, "-m", "cookiecutter", "--no-input", "--config-file", str(config)]


def cookiecutter_from(source: str, tmp_path: Path, *options: str, output: str = "output") -> Path:
    """Generate with the cookiecutter CLI into tmp_path/<output>."""
    folder = tmp_path / output
    command = cookiecutter_command(tmp_path)
    run([*command, "--output-dir", str(folder), *options, source], cwd=tmp_path)
    (project,) = folder.iterdir()
    return project


def rendered_framework(tmp_path: Path, directory: str) -> str:
    """The template cookiecutter rendered, from the replay it wrote for the folder's name."""
    replay = tmp_path / "replay" / f"{Path(directory).name}.json"
    framework: str = json.loads(replay.read_text("utf-8"))["cookiecutter"]["_framework"]
    return framework


def assert_complete(project: Path) -> None:
    """The template's own files and the ones the post-generation hook adds are all there."""
    for path in ("README.md", "Procfile", "LICENSE", "uv.lock", "tests/contract/test_contract.py"):
        assert (project / path).is_file(), path
    assert (project / ".github" / "workflows" / "ci.yml").is_file()


def bare_repository(tmp_path: Path) -> Path:
    """The working tree as a bare repository: what a git URL such as gh:ORG/REPO clones."""
    upstream = repository_copy(tmp_path / "upstream")
    bare = tmp_path / "repo.git"
    run(["git", "clone", "-q", "--bare", str(upstream), str(bare)], cwd=tmp_path)
    return bare


def test_generates_from_a_git_url(tmp_path: Path) -> None:
    """`cookiecutter gh:ORG/REPO --directory <fw>` for every template (the root link, which the
    template's hooks follow back to the clone's hooks/), and `--directory templates/<fw>`."""
    url = bare_repository(tmp_path).as_uri()
    for name in template_names():
        project = cookiecutter_from(url, tmp_path, "--directory", name, output=name)
        assert rendered_framework(tmp_path, name) == name
        assert_complete(project)
    project = cookiecutter_from(url, tmp_path, "--directory", "templates/flask", output="long")
    assert rendered_framework(tmp_path, "templates/flask") == "flask"
    assert_complete(project)


def test_generates_from_a_zip_archive(tmp_path: Path) -> None:
    """A downloaded zip of the repository: GitHub's is `git archive` with a top folder.

    cookiecutter unpacks it with Python's zipfile, which writes a symbolic link as a small file
    holding its target: from a zip the `templates/<fw>` form works, and the short form stops
    with cookiecutter's own message naming the folder it looked for (as in a Windows clone
    without symbolic links).
    """
    upstream = repository_copy(tmp_path / "upstream")
    archive = tmp_path / "repo.zip"
    archive_command = ["git", "archive", "--format", "zip", "--prefix", "repo-main/"]
    run([*archive_command, "-o", str(archive), "HEAD"], cwd=upstream)
    project = cookiecutter_from(str(archive), tmp_path, "--directory", "templates/django")
    assert_complete(project)
    assert (project / ".env").is_file(), "Django's generated SECRET_KEY"

    command = [*cookiecutter_command(tmp_path), "--output-dir", str(tmp_path / "short")]
    result = subprocess.run(
        [*command, "--directory", "django", str(archive)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "could not be found" in result.stdout and "repo-main/django" in result.stdout
    assert not (tmp_path / "short").exists()


def test_cruft_creates_and_updates_through_a_root_link(tmp_path: Path) -> None:
    """`cruft create gh:ORG/REPO --directory flask` records the short form, which `cruft update`
    follows again in each checkout it renders."""
    upstream = repository_copy(tmp_path / "upstream")
    cruft = [sys.executable, "-m", "cruft"]
    create = [*cruft, "create", "--no-input", "--directory", "flask"]
    run([*create, "--output-dir", str(tmp_path), str(upstream)], cwd=tmp_path)
    project = tmp_path / "my_service"
    assert json.loads((project / ".cruft.json").read_text("utf-8"))["directory"] == "flask"
    assert_complete(project)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "generated", cwd=project)
    readme = upstream / "templates" / "flask" / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nA line added upstream.\n", "utf-8")
    git("commit", "-q", "-am", "change the template", cwd=upstream)
    run([*cruft, "update", "--skip-apply-ask", "--allow-untracked-files"], cwd=project)
    assert "A line added upstream." in (project / "README.md").read_text("utf-8")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_cruft_create_then_update_applies_a_template_change(
    template: str, database: str, tmp_path: Path
) -> None:
    """cruft renders through cookiecutter's generate step (no `_repo_dir`), and an update
    renders the old and the new commit in one process: both must run their own hooks. Each
    render writes new random secrets: the update must leave the project's `.env` (Django's
    SECRET_KEY, PostgreSQL's password) as it was, with no reject file."""
    upstream = repository_copy(tmp_path / "upstream")
    cruft = [sys.executable, "-m", "cruft"]
    run(
        [
            *cruft,
            "create",
            "--no-input",
            "--directory",
            f"templates/{template}",
            "--extra-context",
            json.dumps({"database": database}),
            "--output-dir",
            str(tmp_path),
            str(upstream),
        ],
        cwd=tmp_path,
    )
    project = tmp_path / "my_service"
    assert (project / ".cruft.json").is_file()
    assert (project / "tests" / "contract" / "test_contract.py").is_file()
    # Every project has a generated secret at least: the API token.
    env_file = project / ".env"
    secrets = env_file.read_bytes()
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "generated", cwd=project)

    readme = upstream / "templates" / template / "{{cookiecutter.project_slug}}" / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nA line added upstream.\n", "utf-8")
    # A file the post-generation hook writes, from the one shared source.
    shared = upstream / "hooks" / "project" / ".gitignore"
    shared.write_text(shared.read_text("utf-8") + "# A shared line added upstream.\n", "utf-8")
    git("commit", "-q", "-am", "change the template", cwd=upstream)
    run([*cruft, "update", "--skip-apply-ask", "--allow-untracked-files"], cwd=project)
    assert "A line added upstream." in (project / "README.md").read_text("utf-8")
    assert "# A shared line added upstream." in (project / ".gitignore").read_text("utf-8")
    assert env_file.read_bytes() == secrets, ".env changed"
    leftovers = [
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.suffix in (".rej", ".orig") and ".git" not in path.relative_to(project).parts
    ]
    assert not leftovers, f"reject files left: {leftovers}"
    status = run(["git", "status", "--porcelain", "--ignored"], cwd=project).stdout
    changed = {line[3:] for line in status.splitlines()}
    # The template change, cruft's record of the new commit, and .env (ignored) as it was.
    assert changed == {"README.md", ".gitignore", ".cruft.json", ".env"}


def test_cruft_create_refuses_bad_choices_in_one_line_each(tmp_path: Path) -> None:
    """cruft reads the answers with cookiecutter's generate_context, which would raise a
    ValueError for an answer outside a choice list; as text they reach the answer rules."""
    upstream = repository_copy(tmp_path / "upstream")
    output = tmp_path / "output"
    output.mkdir()
    bad = json.dumps({"database": "mysql", "ci": "jenkins"})
    create = [sys.executable, "-m", "cruft", "create", "--no-input", "--directory", "flask"]
    result = subprocess.run(
        [*create, "--extra-context", bad, "--output-dir", str(output), str(upstream)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "database: must be one of sqlite, postgresql",
        "ci: must be one of github, gitlab, none",
    ]
    assert list(output.iterdir()) == []


def readme_commands() -> list[str]:
    return re.findall(r"<!-- (?:generate|test)-command -->\n```sh\n(.+?)\n```", README)


def readme_block(marker: str) -> str:
    """The code block after the README's `<!-- marker -->`."""
    match = re.search(rf"<!-- {marker} -->\n```\w+\n(.+?)\n```", README, re.DOTALL)
    assert match is not None, f"README.md has no code block after <!-- {marker} -->"
    return match.group(1)


def shell(
    command: str, cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """A README command as a user's shell runs it, with this environment's uv and uvx on PATH
    (uv's installer or pipx puts them on a user's)."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=clean_environment(PATH=path, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_readme_has_exactly_two_setup_commands() -> None:
    generate, test = readme_commands()
    assert generate.startswith("uvx cookiecutter --no-input ") and "--directory flask" in generate
    assert "tox" in test


def test_readme_generate_command_writes_the_project_beside_the_clone(tmp_path: Path) -> None:
    """The quick start's command, run in a clone as written: uv's cookiecutter (no pip install
    into the system Python, which Debian and Ubuntu refuse), the project outside the clone."""
    clone = repository_copy(tmp_path / "clone")
    config = tmp_path / "cookiecutter-config.yaml"
    config.write_text(f"replay_dir: {tmp_path / 'replay'}\n", "utf-8")
    (generate, _) = readme_commands()
    result = shell(generate, cwd=clone, COOKIECUTTER_CONFIG=str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_complete(tmp_path / "my_service")
    # The one secret of a SQLite project: the API token its writes need.
    env_file = tmp_path / "my_service" / ".env"
    assert re.search(r"^API_TOKENS=\S{40,}$", env_file.read_text("utf-8"), re.M)
    assert run(["git", "status", "--porcelain"], cwd=clone).stdout == ""


def test_readme_rerun_after_a_refused_answer(tmp_path: Path) -> None:
    """After a refused answer, the README's answers file and command generate the project
    without typing the answers again; a bad line in the file is refused like a typed one."""
    url = bare_repository(tmp_path).as_uri()
    command = readme_block("rerun-command").replace("gh:ORG/REPO", url)
    assert "--config-file answers.yaml" in command
    work = tmp_path / "work"
    work.mkdir()
    answers = work / "answers.yaml"
    dirs = f"cookiecutters_dir: {tmp_path / 'cookiecutters'}\nreplay_dir: {tmp_path / 'replay'}\n"
    questions = len(template_config("flask")["__prompts__"])

    # Typed at the prompt: the database question is the ninth.
    answers.write_text(dirs, "utf-8")
    typed = "\n" * 8 + "mysql\n" + "\n" * (questions - 9)
    refused = shell(command, cwd=work, stdin=typed)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == ["database: must be one of sqlite, postgresql"]
    assert sorted(path.name for path in work.iterdir()) == ["answers.yaml"]

    # The README's file, with the same mistake in it, then corrected. Enter answers every
    # question, the first being whether to download the template again.
    enter = "\n" * (1 + questions)
    readme_answers = readme_block("answers-file") + "\n" + dirs
    assert "  database: postgresql\n" in readme_answers
    answers.write_text(readme_answers.replace("database: postgresql", "database: mysql"), "utf-8")
    refused = shell(command, cwd=work, stdin=enter)
    assert refused.stderr.splitlines() == ["database: must be one of sqlite, postgresql"]
    answers.write_text(readme_answers, "utf-8")
    result = shell(command, cwd=work, stdin=enter)
    assert result.returncode == 0, result.stdout + result.stderr
    project = work / "inventory"
    assert "psycopg" in (project / "pyproject.toml").read_text("utf-8")
    assert (project / ".gitlab-ci.yml").is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "test-command" in ci


def table_rows(text: str, header_start: str) -> list[list[str]]:
    """The cells of each row of the Markdown table whose header starts with `header_start`,
    header row first, separator row left out."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith(header_start)), None)
    assert start is not None, f"no table starting with {header_start!r}"
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if not line.startswith("| ---"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def missing_and_unknown(listed: list[str], where: str) -> list[str]:
    """One line per template under templates/ that `where` leaves out or that does not exist."""
    names = template_names()
    missing = [name for name in names if name not in listed]
    unknown = [name for name in listed if name not in names]
    return [f"{where} has no entry for the {name} template" for name in missing] + [
        f"{where} lists {name}, which is not under templates/" for name in unknown
    ]


def test_readme_template_table_lists_every_template() -> None:
    rows = table_rows(README, "| template | what you get |")[1:]
    listed = [row[0].strip("`").removeprefix("templates/") for row in rows]
    problems = missing_and_unknown(listed, "README.md's template table")
    assert not problems, "\n".join(problems)


def test_readme_layout_table_has_a_column_per_template() -> None:
    header = table_rows(README, "| concern |")[0]
    problems = missing_and_unknown(header[1:], "README.md's where-things-live table")
    assert not problems, "\n".join(problems)
    assert header[1:] == template_names(), "the where-things-live columns are not in name order"


def test_measurements_list_every_production_server() -> None:
    measurements = (ROOT / "benchmarks" / "README.md").read_text("utf-8")
    rows = table_rows(measurements, "| template | production server |")[1:]
    problems = missing_and_unknown(
        [row[0] for row in rows], "benchmarks/README.md's production server table"
    )
    assert not problems, "\n".join(problems)


def tox_template_envs() -> list[str]:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "tox.ini", "utf-8")
    envs = [env.strip() for env in parser["tox"]["env_list"].replace("\n", ",").split(",")]
    return [env for env in envs if env and env not in {"lint", "repository"}]


def missing_checklist_steps(name: str) -> list[str]:
    """What templates/<name> still lacks of the README's add-a-framework checklist."""
    template = ROOT / "templates" / name
    steps = {
        "template.toml: its declaration": (template / "template.toml").is_file(),
        "{{cookiecutter.project_slug}}/: the project tree": (
            template / "{{cookiecutter.project_slug}}"
        ).is_dir(),
        "hooks/ and service_extension.py, copied from another template": all(
            (template / path).is_file()
            for path in ("hooks/pre_gen_project.py", "hooks/post_gen_project.py")
        )
        and (template / "service_extension.py").is_file(),
        "cookiecutter.json from `python hooks/generate.py`": (
            template / "cookiecutter.json"
        ).is_file(),
        f"the root link `{name}` -> templates/{name}, from `python hooks/generate.py`": (
            (ROOT / name).is_symlink() and (ROOT / name).resolve() == template.resolve()
        ),
        "tox.ini: an entry in env_list": name in tox_template_envs(),
        "hooks/locks/: a lock per dependency set, from `python hooks/lock.py`": all(
            lock_source(name, answers).is_file()
            for answers in dependency_sets(choice_questions(name))
        ),
        "README.md: a row in the template table": f"| `templates/{name}` |" in README,
        "README.md: a column in the where-things-live table": name in readme_layout_columns(),
        "benchmarks/hello/: a hello app": (ROOT / "benchmarks" / "hello" / name).is_dir(),
        "benchmarks/limit/: a raw-driver app": (ROOT / "benchmarks" / "limit" / name).is_dir(),
    }
    return [step for step, done in steps.items() if not done]


def readme_layout_columns() -> list[str]:
    return table_rows(README, "| concern |")[0][1:]


def test_every_template_completes_the_add_a_framework_checklist(template: str) -> None:
    assert missing_checklist_steps(template) == [], f"templates/{template} misses these steps"


def test_every_folder_under_templates_is_a_template() -> None:
    """A folder without a declaration would be skipped by every derived list: name it."""
    folders = sorted(path.name for path in (ROOT / "templates").iterdir() if path.is_dir())
    assert folders == template_names()
    assert sorted(tox_template_envs()) == template_names(), (
        "tox.ini env_list: one env per template"
    )


def test_every_root_link_leads_to_a_template() -> None:
    """A root link whose template was renamed or removed would send `--directory <name>`
    nowhere: name it."""
    templates = (ROOT / "templates").resolve()
    problems = [
        f"the root link {link.name} points to {link.readlink()}, which is not a template"
        for link in sorted(ROOT.iterdir())
        if link.is_symlink()
        and not (link.resolve().parent == templates and link.resolve().name in template_names())
    ]
    assert not problems, "\n".join(problems)


def test_every_stored_lock_belongs_to_a_template_and_dependency_set() -> None:
    expected = {
        lock_source(name, answers)
        for name in template_names()
        for answers in dependency_sets(choice_questions(name))
    }
    stray = sorted(path.name for path in set(LOCKS.iterdir()) - expected)
    assert stray == [], "hooks/locks/ holds a lock of no template and dependency set"


def test_generated_code_under_templates_is_small() -> None:
    """No generated hook bundles: what templates/ holds besides each project tree (the
    generated cookiecutter.json, one-line hooks, the extension module) stays under 5% of the
    repository's bytes, not counting the stored uv locks (data, several times the code)."""
    tracked = run(["git", "ls-files", "-z"], cwd=ROOT).stdout.split("\0")
    sizes = {
        path: (ROOT / path).stat().st_size
        for path in tracked
        if (ROOT / path).is_file() and not path.startswith("hooks/locks/")
    }
    generated = sum(
        size
        for path, size in sizes.items()
        if path.startswith("templates/")
        and (path.endswith(("/cookiecutter.json", "/service_extension.py")) or "/hooks/" in path)
    )
    assert generated < 0.05 * sum(sizes.values())
