"""CreateItemsTable Migration."""

from masoniteorm.migrations import Migration

from {{ cookiecutter.project_slug }}.contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH


class CreateItemsTable(Migration):
    def up(self) -> None:
        with self.schema.create("items") as table:
            table.increments("id")
            table.string("name", MAX_NAME_LENGTH)
            table.string("description", MAX_DESCRIPTION_LENGTH).nullable()

    def down(self) -> None:
        self.schema.drop("items")
