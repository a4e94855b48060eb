"""The items: persistent objects in the object database, kept in a BTree by id.

ZODB stores what these objects hold; there is no table to migrate. A new attribute needs only a
class default (old items read it from the class) or a generation that sets it on every stored
item (generations/).
"""

from collections.abc import Iterator
from itertools import islice

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from ZODB.utils import u64

# The ZODB root's key for the service's items (beside Zope's Application and zope.generations).
ITEMS_KEY = "{{ cookiecutter.project_slug }}.items"


class Item(Persistent):  # type: ignore[misc]
    """One item. Its attributes are what the API reads and writes."""

    id: int
    name: str
    description: str | None

    def __init__(self, name: str, description: str | None) -> None:
        self.name = name
        self.description = description


class ItemContainer(Persistent):  # type: ignore[misc]
    """The items by id, in an IOBTree: each write changes one bucket, not the whole collection,
    and ZODB merges concurrent writes to different ids of one bucket."""

    def __init__(self) -> None:
        self.items = IOBTree()

    def add(self, name: str, description: str | None) -> Item:
        item = Item(name, description)
        # The storage gives each new object its own number (its oid), whatever the worker
        # process: the item's id, with no shared counter for concurrent writes to conflict on.
        self._p_jar.add(item)
        item.id = u64(item._p_oid)
        self.items[item.id] = item
        return item

    def get(self, item_id: int) -> Item | None:
        item: Item | None = self.items.get(item_id)
        return item

    def remove(self, item_id: int) -> None:
        del self.items[item_id]

    def page(self, limit: int, offset: int) -> Iterator[Item]:
        """Items in id order, `offset` skipped, at most `limit`."""
        return islice(self.items.values(), offset, offset + limit)
