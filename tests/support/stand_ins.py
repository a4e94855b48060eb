"""Local stand-ins for the base images a generated Dockerfile names, which cannot be pulled here.

Each is tagged with the name the Dockerfile uses and labelled with a hash of its recipe
(tests/containers/). The slow one, the Python base, is built once per machine and reused by
every tox environment (Podman's image store is system-wide).
"""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .containers import BUILD_TIMEOUT, RECIPES_DIR, engine, engine_unchecked, qualified
from .projects import run
from .templates import ROOT

RECIPE_LABEL = "template-suite.recipe"
# The Python of the Debian release the stand-in base is made from (checked when it is built).
STAND_IN_PYTHON = "3.11"
# As in the official python images; `podman import` starts from an empty configuration.
PYTHON_BASE_CONFIG = (
    "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["python3"]',
)


def recipe_label(image: str) -> str | None:
    result = engine_unchecked(
        "podman", "image", "inspect", "--format", f'{{{{index .Labels "{RECIPE_LABEL}"}}}}', image
    )
    return result.stdout.strip() if result.returncode == 0 else None


def recipe_hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def debian_source() -> tuple[str, str]:
    """This machine's Debian release and the mirror apt uses for it: debootstrap uses the same."""
    release = dict(
        line.split("=", 1)
        for line in Path("/etc/os-release").read_text("utf-8").splitlines()
        if "=" in line
    )
    suite = release.get("VERSION_CODENAME", "").strip('"')
    if release.get("ID", "").strip('"') != "debian" or not suite:
        raise RuntimeError("the stand-in base images are made with debootstrap on Debian")
    for uri, suites in apt_sources():
        if suite in suites:
            return suite, uri
    raise RuntimeError(f"no apt source for Debian {suite} in /etc/apt")


def apt_sources() -> Iterator[tuple[str, list[str]]]:
    """(URI, suites) of every `deb` source, one-line and deb822 formats."""
    apt = Path("/etc/apt")
    for path in [apt / "sources.list", *sorted(apt.glob("sources.list.d/*.list"))]:
        if path.exists():
            for line in path.read_text("utf-8").splitlines():
                words = re.sub(r"\[[^\]]*\]", "", line.split("#", 1)[0]).split()
                if len(words) >= 3 and words[0] == "deb":
                    yield words[1], [words[2]]
    for path in sorted(apt.glob("sources.list.d/*.sources")):
        for stanza in re.split(r"\n\s*\n", path.read_text("utf-8")):
            fields = dict(
                (key.strip().lower(), value.strip())
                for key, _, value in (
                    line.partition(":")
                    for line in stanza.splitlines()
                    if ":" in line and not line.startswith(("#", " "))
                )
            )
            if "deb" in fields.get("types", "").split():
                for uri in fields.get("uris", "").split():
                    yield uri, fields.get("suites", "").split()


def provide_base(image: str) -> None:
    """Make sure a stand-in for an image the Dockerfile names is in the local store."""
    name = qualified(image)
    repository, _, tag = name.rpartition(":")
    if repository == "docker.io/library/python" and tag.endswith("-slim"):
        provide_python_base(name, tag.removesuffix("-slim"))
    elif repository == "ghcr.io/astral-sh/uv":
        provide_uv_image(name, tag)
    else:
        raise AssertionError(f"no stand-in recipe for {image}")


def provide_python_base(name: str, version: str) -> None:
    """python:X-slim from a debootstrapped Debian root."""
    script = RECIPES_DIR / "python-slim-root.sh"
    suite, mirror = debian_source()
    recipe = recipe_hash(script.read_bytes(), suite, mirror, version, *PYTHON_BASE_CONFIG)
    if recipe_label(name) == recipe:
        return
    with tempfile.TemporaryDirectory(prefix="template-suite-base-") as folder:
        root = Path(folder) / "root"
        run(["sh", str(script), str(root), suite, mirror], cwd=ROOT, timeout=BUILD_TIMEOUT)
        if not (root / "usr" / "bin" / f"python{version}").exists():
            found = sorted(path.name for path in (root / "usr" / "bin").glob("python3.*"))
            raise AssertionError(f"Debian {suite} has {found}, not python{version}")
        archive = Path(folder) / "root.tar"
        run(["tar", "-C", str(root), "-cf", str(archive), "."], cwd=ROOT)
        changes = [*PYTHON_BASE_CONFIG, f"LABEL {RECIPE_LABEL}={recipe}"]
        engine(
            "podman",
            "import",
            "--quiet",
            *(option for change in changes for option in ("--change", change)),
            str(archive),
            name,
            timeout=BUILD_TIMEOUT,
        )


def provide_uv_image(name: str, tag: str) -> None:
    """uv's image: only the uv and uvx binaries, here from the uv wheel of that version.

    Made afresh every time (seconds): the build deletes it (see build_image), and a new image is
    not held by build containers an interrupted run may have left.
    """
    requirement = f"uv=={tag}.*"
    recipe = recipe_hash(requirement, "/uv /uvx")
    binaries = uv_binaries(requirement)
    container = engine("buildah", "from", "scratch").stdout.strip()
    try:
        for binary in ("uv", "uvx"):
            engine("buildah", "copy", container, str(binaries / binary), f"/{binary}")
        engine("buildah", "config", "--label", f"{RECIPE_LABEL}={recipe}", container)
        engine("buildah", "commit", "--quiet", container, name, timeout=BUILD_TIMEOUT)
    finally:
        engine_unchecked("buildah", "rm", container)


@cache
def uv_binaries(requirement: str) -> Path:
    """uv and uvx from the uv wheel (from uv's cache), installed once per test session."""
    target = Path(tempfile.mkdtemp(prefix="template-suite-uv-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    run(
        [
            sys.executable,
            "-m",
            "uv",
            "pip",
            "install",
            "--quiet",
            "--python",
            sys.executable,
            "--target",
            str(target),
            requirement,
        ],
        cwd=ROOT,
    )
    return target / "bin"
