"""The repository as a user meets it: root chooser, cruft, the README and the contract."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import yaml
from openapi_spec_validator import validate

from support.projects import run
from support.templates import ROOT, template_names

README = (ROOT / "README.md").read_text("utf-8")


def test_contract_is_a_valid_openapi_31_document() -> None:
    document = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text("utf-8"))
    assert document["openapi"].startswith("3.1")
    validate(document)


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


def test_cruft_create_then_update_applies_a_template_change(template: str, tmp_path: Path) -> None:
    # A copy of the repository as a git repo, so the test can change the template later.
    upstream = tmp_path / "upstream"
    shutil.copytree(
        ROOT, upstream, ignore=shutil.ignore_patterns(".git", ".tox", ".venv", "__pycache__")
    )
    git("init", "-q", "-b", "main", cwd=upstream)
    git("add", "-A", cwd=upstream)
    git("commit", "-q", "-m", "template", cwd=upstream)
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
    git("commit", "-q", "-am", "change the template", cwd=upstream)
    run([*cruft, "update", "--skip-apply-ask", "--allow-untracked-files"], cwd=project)
    assert "A line added upstream." in (project / "README.md").read_text("utf-8")


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
