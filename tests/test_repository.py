"""The repository as a user meets it: root chooser, cruft, the README and the contract."""

from __future__ import annotations

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


def test_readme_layout_table_has_a_column_per_template() -> None:
    header = next(line for line in README.splitlines() if line.startswith("| concern |"))
    columns = [cell.strip().lower() for cell in header.strip("|").split("|")][1:]
    assert columns == template_names()


def test_readme_lists_every_template() -> None:
    for name in template_names():
        assert f"templates/{name}" in README
