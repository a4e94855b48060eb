"""Building and running a generated project's image with Buildah and Podman, no Docker engine.

Base images cannot be pulled in the suite, so the images a Dockerfile names are replaced by
local stand-ins built from recipes in tests/containers/, tagged with the names the Dockerfile
uses and labelled with a hash of their recipe. The slow one, the Python base, is built once per
machine and reused by every tox environment (Podman's image store is system-wide).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .projects import run
from .templates import ROOT

RECIPES_DIR = ROOT / "tests" / "containers"
ENGINE_TOOLS = ("podman", "buildah", "runc", "debootstrap")
RECIPE_LABEL = "template-suite.recipe"
# The Python of the Debian release the stand-in base is made from (checked when it is built).
STAND_IN_PYTHON = "3.11"
BUILD_TIMEOUT = 900
HEALTHY_TIMEOUT = 90.0
# As in the official python images; `podman import` starts from an empty configuration.
PYTHON_BASE_CONFIG = (
    "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["python3"]',
)


def missing_tools() -> list[str]:
    return [tool for tool in ENGINE_TOOLS if shutil.which(tool) is None]


def engine_environment() -> dict[str, str]:
    """Podman and Buildah as they work here: runc, chroot builds, no ulimits, Docker names."""
    return {
        **os.environ,
        "CONTAINERS_CONF": str(RECIPES_DIR / "containers.conf"),
        "CONTAINERS_REGISTRIES_CONF": str(RECIPES_DIR / "registries.conf"),
        "BUILDAH_ISOLATION": "chroot",
    }


def engine(*command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return run(list(command), cwd=ROOT, env=engine_environment(), timeout=timeout)


def engine_unchecked(*command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        env=engine_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def qualified(image: str) -> str:
    """The full name Podman stores an image under: `python:3.11-slim` is Docker Hub's."""
    first, _, rest = image.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return image
    return f"docker.io/{image}" if rest else f"docker.io/library/{image}"


def base_images(dockerfile: Path) -> list[str]:
    """The images the Dockerfile's FROM lines name, without references to its own stages."""
    stages: set[str] = set()
    images: list[str] = []
    for line in dockerfile.read_text("utf-8").splitlines():
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$", line.strip(), re.IGNORECASE)
        if not match:
            continue
        image, stage = match.groups()
        if image.lower() not in stages and image not in images:
            images.append(image)
        if stage:
            stages.add(stage.lower())
    return images


def image_size(image: str) -> int:
    return int(engine("podman", "image", "inspect", "--format", "{{.Size}}", image).stdout)


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

    Made afresh every time (seconds, from uv's cache): the build deletes it (see build_image),
    and a new image is not held by build containers an interrupted run may have left.
    """
    requirement = f"uv=={tag}.*"
    recipe = recipe_hash(requirement, "/uv /uvx")
    with tempfile.TemporaryDirectory(prefix="template-suite-uv-") as folder:
        target = Path(folder)
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
        container = engine("buildah", "from", "scratch").stdout.strip()
        try:
            for binary in ("uv", "uvx"):
                engine("buildah", "copy", container, str(target / "bin" / binary), f"/{binary}")
            engine("buildah", "config", "--label", f"{RECIPE_LABEL}={recipe}", container)
            engine("buildah", "commit", "--quiet", container, name, timeout=BUILD_TIMEOUT)
        finally:
            engine_unchecked("buildah", "rm", container)


def host_ca_bundle() -> str:
    """The CA bundle this machine reaches the package index with (it may add a proxy's CA)."""
    for candidate in (os.environ.get("SSL_CERT_FILE"), ssl.get_default_verify_paths().cafile):
        if candidate and Path(candidate).is_file():
            return candidate
    raise RuntimeError("no CA bundle found for the build to reach the package index")


def build_image(project: Path, tag: str) -> float:
    """Build the project's own Dockerfile; return the seconds it took.

    Test-only wiring goes through build options: the host's CA bundle and a uv configuration
    that trusts it are mounted into every RUN step, and are not part of the image.
    """
    started = time.monotonic()
    engine(
        "buildah",
        "bud",
        "--pull-never",
        # No build containers left behind, even when a step fails. Buildah 1.28 then also
        # deletes the image of a stage without instructions (`FROM ghcr.io/astral-sh/uv AS uv`),
        # so provide_base() makes that stand-in again before each build.
        "--layers=false",
        "--force-rm",
        # Docker's format keeps HEALTHCHECK (the OCI image format has no field for it).
        "--format",
        "docker",
        "--volume",
        f"{host_ca_bundle()}:/etc/ssl/certs/ca-certificates.crt:ro",
        "--volume",
        f"{RECIPES_DIR / 'uv.toml'}:/etc/uv/uv.toml:ro",
        "--tag",
        tag,
        str(project),
        timeout=BUILD_TIMEOUT,
    )
    return time.monotonic() - started


@dataclass
class Container:
    name: str
    url: str

    def state(self) -> str:
        return self.inspect("{{.State.Status}}")

    def inspect(self, template: str) -> str:
        return engine("podman", "inspect", "--format", template, self.name).stdout.strip()

    def logs(self) -> str:
        result = engine_unchecked("podman", "logs", self.name)
        return (result.stdout + result.stderr)[-4000:]

    def wait_until_healthy(self) -> float:
        """Run the image's own HEALTHCHECK until it passes; return the seconds since start."""
        started = time.monotonic()
        while time.monotonic() - started < HEALTHY_TIMEOUT:
            if self.state() != "running":
                raise AssertionError(f"the container stopped at start:\n{self.logs()}")
            if engine_unchecked("podman", "healthcheck", "run", self.name).returncode == 0:
                return time.monotonic() - started
            time.sleep(0.3)
        raise AssertionError(f"not healthy in {HEALTHY_TIMEOUT} s:\n{self.logs()}")

    def process_users(self) -> list[str]:
        lines = engine("podman", "top", self.name, "user").stdout.splitlines()
        return [line.strip() for line in lines[1:] if line.strip()]

    def stop_with_sigterm(self) -> tuple[float, int]:
        """Send SIGTERM to the main process; return the seconds until it exited, and its code.

        The exit is seen on the host's process table (no PID namespace hides it from root), so
        Podman's own start-up time is not counted; its `kill` is, from before it starts.
        """
        pid = int(self.inspect("{{.State.Pid}}"))
        started = time.monotonic()
        engine("podman", "kill", "--signal", "TERM", self.name)
        while process_exists(pid) and time.monotonic() - started < 30:
            time.sleep(0.01)
        seconds = time.monotonic() - started
        engine("podman", "wait", self.name, timeout=30)
        return seconds, int(self.inspect("{{.State.ExitCode}}"))


def process_exists(pid: int) -> bool:
    """Whether the process is alive: neither gone nor a zombie waiting for its parent."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def healthcheck_command(image: str) -> list[str]:
    """The image's HEALTHCHECK test, such as ["CMD", "python", "-c", "..."]."""
    template = "{{json .Config.Healthcheck}}"
    result = engine("podman", "image", "inspect", "--format", template, image)
    config = json.loads(result.stdout or "null")
    return list(config["Test"]) if config else []


@contextmanager
def running_container(
    image: str, name: str, port: int, env_file: Path | None, **environment: str
) -> Iterator[Container]:
    """Start the image as production would, on the host network; remove it whatever happens.

    env_file is the project's .env, which compose.yaml hands to the container too (the image
    leaves it out: .dockerignore).
    """
    options = [f"--env={key}={value}" for key, value in {"PORT": str(port), **environment}.items()]
    if env_file is not None:
        options.append(f"--env-file={env_file}")
    engine_unchecked("podman", "rm", "--force", "--volumes", name)
    engine(
        "podman",
        "run",
        "--detach",
        "--name",
        name,
        "--network",
        "host",
        "--ulimit",
        "host",
        # The checks run on demand (`podman healthcheck run`): no systemd timer here.
        "--health-interval",
        "disable",
        *options,
        image,
    )
    try:
        yield Container(name, f"http://127.0.0.1:{port}")
    finally:
        engine_unchecked("podman", "rm", "--force", "--volumes", "--time", "0", name)
