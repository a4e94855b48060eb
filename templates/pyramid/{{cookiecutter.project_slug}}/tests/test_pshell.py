"""`pshell` gets a session inside its own transaction."""

from pyramid.router import Router
from pyramid.scripting import prepare
from sqlalchemy import func, select

from {{ cookiecutter.project_slug }}.models import Item
from {{ cookiecutter.project_slug }}.pshell import setup


def test_pshell_setup_offers_a_session_in_a_transaction(app: Router) -> None:
    env = prepare(registry=app.registry)
    try:
        setup(env)
        env["dbsession"].add(Item(name="from the shell"))
        assert env["dbsession"].scalar(select(func.count()).select_from(Item)) >= 1
        env["tm"].abort()
    finally:
        env["closer"]()
