"""A new database: what the code's generation has, made at once (zope.generations runs this
instead of the evolve steps on a database it has no record of)."""

from typing import Any

from {{ cookiecutter.project_slug }}.items import ITEMS_KEY, ItemContainer


def evolve(context: Any) -> None:
    root = context.connection.root()
    if ITEMS_KEY not in root:
        root[ITEMS_KEY] = ItemContainer()
