"""Every generated project ships a uv.lock that matches its pyproject.toml for its answers.

The locks are stored per dependency set in hooks/locks/ (`python hooks/lock.py` refreshes
them) and renamed for the project by the post-generation hook. `uv lock --check --offline`
needs no network and no cache for a lock that matches: a render whose lock went stale names
its template and answers here. The slow tier installs with `uv sync --locked`, so every
installed project proves its lock too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from service_hooks.locks import lock_source, normalized_name, normalized_version
from support.projects import Renders, clean_environment, render
from support.templates import ROOT, Answers, answers_id, rendered_answer_sets

# The [project] keys the resolution depends on.
RESOLUTION_KEYS = ("name", "version", "requires-python", "dependencies", "optional-dependencies")
# The source uv records for the project itself: installed (editable) or not (virtual).
SOURCES_OF_THE_PROJECT = ({"editable": "."}, {"virtual": "."})
# Names and versions that uv writes differently from the answer, and that sort the project's
# entry first and last among the packages.
UNUSUAL_NAMES_AND_VERSIONS: dict[str, Answers] = {
    "non-ascii-name": {
        "project_name": "Café d'Étienne — Ünïcode Service 😀",
        "version": "2026.11.21rc1",
    },
    "longest-slug": {
        "project_slug": "inventory_north_regions",
        "version": "1!0.1.0.post2.dev3",
        "database": "postgresql",
    },
    "first-entry": {"project_slug": "a__b", "version": "V01.0-1"},
    "last-entry": {
        "project_slug": "zz9",
        "version": "0001!0010.0020rc003-REV04_dev05",
        "database": "postgresql",
    },
}


def lock_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "uv", "lock", "--check", "--offline"],
        cwd=project,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def uv_error(stderr: str) -> str:
    """uv's error line, without its hints and progress lines."""
    lines = stderr.strip().splitlines() or ["no output"]
    return next((line for line in lines if line.startswith("error:")), lines[-1])


def resolution_inputs(project: Path) -> str:
    """The shipped lock and the parts of pyproject.toml that `uv lock` reads, as one key."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    metadata = pyproject["project"]
    read_by_uv = {
        "project": {key: metadata.get(key) for key in RESOLUTION_KEYS},
        "dependency-groups": pyproject.get("dependency-groups"),
        "build-system": pyproject.get("build-system"),
        "uv": pyproject.get("tool", {}).get("uv"),
    }
    lock = (project / "uv.lock").read_text("utf-8")
    return lock + json.dumps(read_by_uv, sort_keys=True)


def package_entries(project: Path) -> list[dict[str, object]]:
    packages: list[dict[str, object]] = tomllib.loads((project / "uv.lock").read_text("utf-8"))[
        "package"
    ]
    return packages


def test_every_render_ships_a_lock_that_matches_its_pyproject(
    template: str, renders: Renders
) -> None:
    # Stored lock -> the answer sets whose render it does not match, and uv's word on one.
    stale: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    # Most answer sets differ only where uv does not look (license, CI): one check per
    # distinct lock and resolution inputs. uv's error, or "" for a lock that matches.
    verdicts: dict[str, str] = {}
    projects = renders(template)
    for answers in rendered_answer_sets(template):
        project = projects[answers_id(answers)]
        source = str(lock_source(template, answers).relative_to(ROOT))
        if not (project / "uv.lock").is_file():
            errors[source] = "missing"
        else:
            key = resolution_inputs(project)
            if key not in verdicts:
                result = lock_check(project)
                verdicts[key] = "" if result.returncode == 0 else uv_error(result.stderr)
            if not verdicts[key]:
                continue
            errors[source] = verdicts[key]
        stale.setdefault(source, []).append(answers_id(answers))
    problems = [
        f"{source} ({errors[source]}) for the {template} answers {', '.join(ids)}"
        for source, ids in stale.items()
    ]
    assert not problems, "\n".join([*problems, "refresh the locks: python hooks/lock.py"])


@pytest.mark.parametrize("case", UNUSUAL_NAMES_AND_VERSIONS)
def test_lock_names_the_project_as_uv_does(template: str, case: str, tmp_path: Path) -> None:
    answers = UNUSUAL_NAMES_AND_VERSIONS[case]
    project = render(template, answers, tmp_path)
    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    packages = package_entries(project)
    (entry,) = [package for package in packages if package["source"] in SOURCES_OF_THE_PROJECT]
    assert entry["name"] == normalized_name(metadata["name"])
    assert entry["version"] == normalized_version(metadata["version"])
    # uv sorts the entries by name; the renamed entry moved to its place.
    names = [str(package["name"]) for package in packages]
    assert names == sorted(names)
    result = lock_check(project)
    assert result.returncode == 0, result.stderr


def test_ci_and_the_image_install_from_the_lock(template: str, renders: Renders) -> None:
    """CI and the Dockerfile install what the shipped lock pins, and never relock."""
    for project in renders(template).values():
        for name in (".github/workflows/ci.yml", ".gitlab-ci.yml", "Dockerfile"):
            path = project / name
            if path.is_file():
                text = path.read_text("utf-8")
                assert "uv lock" not in text, path
                syncs = re.findall(r"uv sync\b.*", text)
                assert syncs, path
                assert all("--locked" in sync for sync in syncs), path
