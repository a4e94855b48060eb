"""How the items are stored: entities whose eids every entity type shares (the items API's
tests are in tests/test_items.py)."""

from typing import Any

from webtest import TestApp

PROBLEM = "application/problem+json"


def test_the_id_of_another_entity_type_is_a_404(web: TestApp, repo: Any) -> None:
    """Eids are shared by every entity type: the manager account's is no item."""
    with repo.internal_cnx() as cnx:
        [[user_eid]] = cnx.execute("Any U WHERE U is CWUser, U login 'admin'").rows
    assert web.get(f"/api/items/{user_eid}", status=404).content_type == PROBLEM
    web.delete(f"/api/items/{user_eid}", status=404)
