"""Building and running a generated project's image with Buildah and Podman, no Docker engine.

The engines read their configuration from tests/containers/, so the host's is left alone;
the base images the builds need are local stand-ins (stand_ins.py).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .projects import run
from .templates import ROOT

RECIPES_DIR = ROOT / "tests" / "containers"
ENGINE_TOOLS = ("podman", "buildah", "runc", "debootstrap")
BUILD_TIMEOUT = 900
HEALTHY_TIMEOUT = 90.0
HEALTH_POLL_SECONDS = 0.05


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
        # so stand_ins.provide_base() makes that stand-in again before each build.
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
        """Run the image's own HEALTHCHECK until it passes; return the seconds since start.

        Each check starts a Python inside the container (a third of a second): until the
        server answers /health from the host, a cheap probe polls in its place.
        """
        started = time.monotonic()
        pid = int(self.inspect("{{.State.Pid}}"))
        while time.monotonic() - started < HEALTHY_TIMEOUT:
            if not process_exists(pid):
                raise AssertionError(f"the container stopped at start:\n{self.logs()}")
            if (
                answers_health(self.url)
                and engine_unchecked("podman", "healthcheck", "run", self.name).returncode == 0
            ):
                return time.monotonic() - started
            time.sleep(HEALTH_POLL_SECONDS)
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


def answers_health(base_url: str) -> bool:
    """Whether the server answers GET /health with a success (the container shares the host's
    network)."""
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=2) as answer:
            status: int = answer.status
            return 200 <= status < 300
    except (OSError, http.client.HTTPException):  # refused, reset, timed out, an error status
        return False


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
