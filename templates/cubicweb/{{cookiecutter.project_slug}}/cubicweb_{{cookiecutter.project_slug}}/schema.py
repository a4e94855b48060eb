"""The cube's data model: yams entity types, from which CubicWeb makes the tables (cw_item) and
answers RQL."""

from yams.buildobjs import (
    EntityType,
    String,
)

from {{ cookiecutter.project_slug }}.contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH


class Item(EntityType):
    """An item of the API. Its id is its eid: CubicWeb's id of every entity, unique across all
    the entity types of the instance (the API answers 404 for the eid of another type)."""

    # yams's own type hints give every definition a `name` and a `description` of its own, its
    # name and its documentation; in an entity type's body yams reads them as attributes.
    name = String(required=True, maxsize=MAX_NAME_LENGTH)  # type: ignore[assignment]
    description = String(maxsize=MAX_DESCRIPTION_LENGTH)  # type: ignore[assignment]
