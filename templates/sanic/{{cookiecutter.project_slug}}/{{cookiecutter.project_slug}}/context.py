"""The app's types, as Sanic's documentation spells them: its config, and what a worker keeps
in `app.ctx`."""

from types import SimpleNamespace

from sanic import Request, Sanic

from .config import ServiceConfig
from .database import Database


class Context:
    """`app.ctx`: the worker's database, opened and closed by the app's listeners (app.py)."""

    database: Database


ServiceApp = Sanic[ServiceConfig, Context]
ServiceRequest = Request[ServiceApp, SimpleNamespace]
