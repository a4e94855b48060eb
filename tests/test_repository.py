"""The repository as a user meets it: root chooser, cruft, the README and the contract."""

from __future__ import annotations

import configparser
import json
import re
import shutil
import sys
from pathlib import Path

import yaml
from openapi_spec_validator import validate

from support.contract import CONTRACT
from support.projects import run
from support.templates import ROOT, template_names

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
    """The working tree as a git repository of its own, which a test may change and commit."""
    shutil.copytree(
        ROOT, folder, ignore=shutil.ignore_patterns(".git", ".tox", ".venv", "__pycache__")
    )
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-q", "-m", "template", cwd=folder)
    return folder


def cookiecutter_from(source: str, tmp_path: Path, *options: str) -> Path:
    """Generate with the cookiecutter CLI, cloning or unpacking into a folder of the test's."""
    config = tmp_path / "cookiecutter-config.yaml"
    config.write_text(f"cookiecutters_dir: {tmp_path / 'cookiecutters'}\n", "utf-8")
    output = tmp_path / "output"
    command = [sys.executable, "-m", "cookiecutter", "--no-input", "--config-file", str(config)]
    run([*command, "--output-dir", str(output), *options, source], cwd=tmp_path)
    (project,) = output.iterdir()
    return project


def assert_complete(project: Path) -> None:
    """The template's own files and the ones the post-generation hook adds are all there."""
    for path in ("README.md", "Procfile", "LICENSE", "tests/contract/test_contract.py"):
        assert (project / path).is_file(), path
    assert (project / ".github" / "workflows" / "ci.yml").is_file()


def test_generates_from_a_git_url(tmp_path: Path) -> None:
    """`cookiecutter gh:ORG/REPO --directory ...`, with a local bare repository for GitHub."""
    upstream = repository_copy(tmp_path / "upstream")
    bare = tmp_path / "repo.git"
    run(["git", "clone", "-q", "--bare", str(upstream), str(bare)], cwd=tmp_path)
    project = cookiecutter_from(bare.as_uri(), tmp_path, "--directory", "templates/flask")
    assert_complete(project)


def test_generates_from_a_zip_archive(tmp_path: Path) -> None:
    """A downloaded zip of the repository: GitHub's is `git archive` with a top folder."""
    upstream = repository_copy(tmp_path / "upstream")
    archive = tmp_path / "repo.zip"
    archive_command = ["git", "archive", "--format", "zip", "--prefix", "repo-main/"]
    run([*archive_command, "-o", str(archive), "HEAD"], cwd=upstream)
    project = cookiecutter_from(str(archive), tmp_path, "--directory", "templates/django")
    assert_complete(project)
    assert (project / ".env").is_file(), "Django's generated SECRET_KEY"


def test_cruft_create_then_update_applies_a_template_change(template: str, tmp_path: Path) -> None:
    """cruft renders through cookiecutter's generate step (no `_repo_dir`), and an update
    renders the old and the new commit in one process: both must run their own hooks."""
    upstream = repository_copy(tmp_path / "upstream")
    cruft = [sys.executable, "-m", "cruft"]
    run(
        [
            *cruft,
            "create",
            "--no-input",
            "--directory",
            f"templates/{template}",
            "--output-dir",
            str(tmp_path),
            str(upstream),
        ],
        cwd=tmp_path,
    )
    project = tmp_path / "my_service"
    assert (project / ".cruft.json").is_file()
    assert (project / "tests" / "contract" / "test_contract.py").is_file()
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


def readme_commands() -> list[str]:
    return re.findall(r"<!-- (?:generate|test)-command -->\n```sh\n(.+?)\n```", README)


def test_readme_has_exactly_two_setup_commands() -> None:
    generate, test = readme_commands()
    assert "cookiecutter" in generate and "templates/flask" in generate
    assert "tox" in test


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
        "tox.ini: an entry in env_list": name in tox_template_envs(),
        "README.md: a row in the template table": f"| `templates/{name}` |" in README,
        "README.md: a column in the where-things-live table": name in readme_layout_columns(),
        "benchmarks/hello/: a hello app": (ROOT / "benchmarks" / "hello" / name).is_dir(),
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


def test_generated_code_under_templates_is_small() -> None:
    """No generated hook bundles: what templates/ holds besides each project tree (the
    generated cookiecutter.json, one-line hooks, the extension module) stays under 5% of the
    repository's bytes."""
    tracked = run(["git", "ls-files", "-z"], cwd=ROOT).stdout.split("\0")
    sizes = {path: (ROOT / path).stat().st_size for path in tracked if (ROOT / path).is_file()}
    generated = sum(
        size
        for path, size in sizes.items()
        if path.startswith("templates/")
        and (path.endswith(("/cookiecutter.json", "/service_extension.py")) or "/hooks/" in path)
    )
    assert generated < 0.05 * sum(sizes.values())
