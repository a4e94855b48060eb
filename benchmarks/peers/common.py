"""What the peers' setups share: the servers and loads they return, the run's context, and
small helpers for running another project's commands."""

from __future__ import annotations

import os
import re
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from support.projects import clean_environment

from ..load import Request

GOAL = 2.0
# The FastAPI and Django peers ask for Python 3.14 (requires-python, .python-version); where
# --peer-python is older, the setup steps below say what that changes.
PEERS_PYTHON = (3, 14)
SEEDED = 10
# The peers' own admin account (created by their own commands), to get a token with.
PEER_USER = "bench"
PEER_EMAIL = "bench@example.com"


@dataclass(frozen=True)
class Server:
    """A running server: what the table calls it, its URL and its process group."""

    label: str
    url: str
    pid: int


@dataclass(frozen=True)
class Load:
    """One load per round: a request against a server."""

    server: Server
    request: Request
    description: str  # the endpoint as the table shows it

    @property
    def key(self) -> str:
        return f"{self.server.label}: {self.description}"


@dataclass(frozen=True)
class Pair:
    """A peer's endpoint and the closest endpoint of ours."""

    framework: str
    peer: Load
    ours: Load
    note: str = ""


@dataclass
class Context:
    """What every setup step shares: a work folder, the PostgreSQL server, the peers' Python."""

    workdir: Path
    postgres_url: str
    peer_python: str  # an interpreter's path
    peer_version: tuple[int, int]
    stack: ExitStack
    logs: list[Path] = field(default_factory=list)

    @property
    def older_python(self) -> bool:
        return self.peer_version < PEERS_PYTHON

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.peer_version))

    def log(self, name: str) -> Path:
        path = self.workdir / f"{name}.log"
        self.logs.append(path)
        return path


def uv_binary() -> str:
    """The uv beside this interpreter (the bench environment installs it), else uv on PATH."""
    beside = Path(sys.executable).with_name("uv")
    return str(beside) if beside.exists() else "uv"


def tool_environment(**overrides: str) -> dict[str, str]:
    """This environment with the real uv first on PATH (a pyenv shim named uv would read the
    peers' .python-version and refuse a version that is not installed)."""
    path = f"{Path(uv_binary()).parent}{os.pathsep}{os.environ['PATH']}"
    return clean_environment(PATH=path, **overrides)


def venv_environment(venv: Path, **overrides: str) -> dict[str, str]:
    return clean_environment(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", **overrides)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    if old not in text:
        raise RuntimeError(f"{path}: no {old!r} to replace: the peer changed, check its setup")
    path.write_text(text.replace(old, new), "utf-8")


# PEP 758 (Python 3.14): `except A, B:` without parentheses; older Pythons need them.
UNPARENTHESISED_EXCEPT = re.compile(r"^(\s*except) ([\w.]+(?:, [\w.]+)+):", re.MULTILINE)


def parenthesise_excepts(folder: Path) -> int:
    """Make 3.14-only `except A, B:` clauses run on an older Python; how many were changed."""
    changed = 0
    for path in folder.rglob("*.py"):
        text = path.read_text("utf-8")
        new, count = UNPARENTHESISED_EXCEPT.subn(r"\1 (\2):", text)
        if count:
            path.write_text(new, "utf-8")
            changed += count
    return changed


def bearer(token: str) -> str:
    return f"Authorization: Bearer {token}"
