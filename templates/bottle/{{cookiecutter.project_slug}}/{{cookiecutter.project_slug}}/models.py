"""What an item is in the database: the row as the API returns it.

Its column limits are in contract.py, with the rest of the HTTP contract.
"""

from typing import TypedDict


class Item(TypedDict):
    id: int
    name: str
    description: str | None
