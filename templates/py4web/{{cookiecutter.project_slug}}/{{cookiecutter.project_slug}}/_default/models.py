"""The tables, defined with pydal as py4web's scaffold does: the same definitions serve the
actions and the migrate command, which creates and alters the tables to match them."""

from pydal import DAL, Field

from {{ cookiecutter.project_slug }}.contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH

from .common import db


def define_tables(db: DAL) -> None:
    # `db.items` would be the dict method pydal's DAL inherits: the table is `db.item` in
    # Python and `items` in SQL.
    db.define_table(
        "item",
        Field("name", "string", length=MAX_NAME_LENGTH, notnull=True),
        Field("description", "text", length=MAX_DESCRIPTION_LENGTH),
        rname="items",
    )


define_tables(db)
