"""The OTLP/HTTP receiver of the projects' own tests, for the live tier: loaded from its one
source under hooks/project/tests/, whose name holds the Jinja that keeps it to projects with
OpenTelemetry (it has no Jinja inside)."""

from __future__ import annotations

import importlib.util
from importlib.machinery import SourceFileLoader
from types import ModuleType

from service_hooks import HOOKS

RECEIVER_SOURCE = (
    HOOKS
    / "project"
    / "tests"
    / "{% if cookiecutter.observability == 'opentelemetry' %}otlp_receiver.py{% endif %}"
)


def load_receiver_module() -> ModuleType:
    # The loader named outright: the file's name does not end in .py.
    loader = SourceFileLoader("otlp_receiver", str(RECEIVER_SOURCE))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


otlp_receiver = load_receiver_module()
