"""The contract module every generated project gets (hooks/project/<package>/contract.py).

The suite expects what the projects serve from the same source: the security headers, the limits.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from types import ModuleType

from support.templates import ROOT

SOURCE = ROOT / "hooks" / "project" / "{{cookiecutter.project_slug}}" / "contract.py"


def load_contract() -> ModuleType:
    # Standard library only and without relative imports, so it loads outside its package.
    spec = importlib.util.spec_from_file_location("generated_project_contract", SOURCE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CONTRACT = load_contract()
SECURITY_HEADERS: Mapping[str, str] = CONTRACT.SECURITY_HEADERS
MAX_BODY_BYTES: int = CONTRACT.MAX_BODY_BYTES
