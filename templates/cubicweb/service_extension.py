"""This template's Jinja extension, kept with every template's shared code in the repository's
hooks/ folder (hooks/service_hooks/extension.py); cookiecutter imports extensions from here."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from service_hooks.extension import ServiceExtension  # noqa: E402

__all__ = ["ServiceExtension"]
