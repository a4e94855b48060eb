"""What a tier does when the tools it needs are missing."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(message: str) -> NoReturn:
    """Fail in CI, whose .ci/run installs every tool the tiers need; skip anywhere else."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
