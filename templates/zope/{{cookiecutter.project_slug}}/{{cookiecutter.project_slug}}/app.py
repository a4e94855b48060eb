"""Loading the instance: the pipeline of etc/zope.ini, as Zope's `runwsgi` loads it, and the
factory of its `app:zope` (Zope's publisher, configured by etc/zope.conf)."""

import os
from pathlib import Path
from typing import Any

from paste.deploy import loadapp

from . import logs
from .error_reports import start_error_reports
from .storage import database_lock, database_url, has_zope_root
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
from .tracing import trace_database
{%- endif %}

PROJECT_DIR = Path(__file__).resolve().parents[1]
ZOPE_INI = PROJECT_DIR / "etc" / "zope.ini"


def load(**global_conf: str) -> Any:
    """The WSGI pipeline of etc/zope.ini; `global_conf` overrides its [DEFAULT] values. Zope
    reads etc/zope.conf and the ZCML once a process: call this once."""
    return loadapp(f"config:{ZOPE_INI}", global_conf=global_conf)


def zope_app(global_config: dict[str, str], **settings: str) -> Any:
    """etc/zope.ini's `app:zope`: Zope's own `egg:Zope#main`, with the project folder as the
    instance home (etc/zope.conf's INSTANCE), wherever the server starts.

    Logging (logs.py) and error reports (error_reports.py) are set up first, so that Zope's own
    lines are the service's too, unless the pipeline is loaded with `configure_logging="false"`
    (the tests keep pytest's).
    """
    from Zope2.Startup.run import make_wsgi_app

    if global_config.get("configure_logging", "true") == "true":
        logs.configure()
        # The exception view logs each unexpected error once, with its traceback: reported.
        start_error_reports()
{%- if cookiecutter.observability == "opentelemetry" %}
        if start_telemetry():
            trace_database()
{%- endif %}
    # Set, not defaulted: importing Zope's modules (App.FindHomes) sets one of its own, in
    # which Zope would find no etc/site.zcml and load none of the service's ZCML.
    os.environ["INSTANCE_HOME"] = str(PROJECT_DIR)
    url = database_url()
    if has_zope_root(url):
        return make_wsgi_app(global_config, settings["zope_conf"])
    # Zope makes its root folder at start in a new database: workers take turns.
    with database_lock(url):
        return make_wsgi_app(global_config, settings["zope_conf"])
