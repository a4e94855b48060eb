"""How the items are stored: persistent objects in the ZODB root's BTree (the items API's tests
are in tests/test_items.py)."""

from webtest import TestApp

from {{ cookiecutter.project_slug }}.items import ITEMS_KEY


def test_an_item_is_a_persistent_object_in_the_btree(web: TestApp) -> None:
    import Zope2

    item = web.post_json("/api/items", {"name": "stored"}, status=201).json
    connection = Zope2.DB.open()
    try:
        stored = connection.root()[ITEMS_KEY].get(item["id"])
        assert (stored.name, stored.description) == ("stored", None)
    finally:
        connection.close()
