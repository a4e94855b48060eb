"""Locks across processes, for steps that tox envs running in parallel must take in turn."""

from __future__ import annotations

import fcntl
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def machine_lock(name: str) -> Iterator[None]:
    """Hold the lock `name` for this machine while the block runs; others wait for it."""
    path = Path(tempfile.gettempdir()) / f"template-suite-{name}.lock"
    with path.open("a") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
