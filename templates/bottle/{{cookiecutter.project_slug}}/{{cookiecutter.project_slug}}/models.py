"""What an item is in the database: its column limits, and the row as the API returns it."""

from typing import TypedDict

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 1000


class Item(TypedDict):
    id: int
    name: str
    description: str | None
