"""The OTLP/HTTP receiver and the Sentry endpoint of the projects' own tests, for the live tier:
loaded from their one source under hooks/project/tests/ (no Jinja inside; the receiver's name
holds the Jinja that keeps it to projects with OpenTelemetry)."""

from __future__ import annotations

import importlib.util
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

from service_hooks import HOOKS

PROJECT_TESTS = HOOKS / "project" / "tests"
RECEIVER_SOURCE = (
    PROJECT_TESTS
    / "{% if cookiecutter.observability == 'opentelemetry' %}otlp_receiver.py{% endif %}"
)
SENTRY_ENDPOINT_SOURCE = PROJECT_TESTS / "sentry_endpoint.py"


def load_module(name: str, source: Path) -> ModuleType:
    # The loader named outright: a file's name may not end in .py.
    loader = SourceFileLoader(name, str(source))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


otlp_receiver = load_module("otlp_receiver", RECEIVER_SOURCE)
sentry_endpoint = load_module("sentry_endpoint", SENTRY_ENDPOINT_SOURCE)
