"""The cube under CubicWeb's own test classes, as `cubicweb-ctl newcube` lays its tests out: an
instance of the cube (tests/data/bootstrap_cubes) on a throwaway SQLite database that
CubicWebTC creates once and restores before each test, and the cube's Pyramid views on that
instance through PyramidCWTest.

Here the cube is tested alone: how it stores items and how its views reach them. The service
around it (the release step, the 503 before it, TEST_DATABASE_URL) is tested through the `app`
fixture, and the items API's contract in tests/test_items.py.
"""

from typing import Any

import pytest
from cubicweb import ValidationError
from cubicweb.devtools.testlib import CubicWebTC
from cubicweb.pyramid.test import PyramidCWTest

from {{ cookiecutter.project_slug }}.contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH

PROBLEM = "application/problem+json"
ITEM = "Any N, D WHERE X eid %(eid)s, X name N, X description D"
ADMIN = "Any U WHERE U is CWUser, U login %(login)s"


class ItemTC(CubicWebTC):  # type: ignore[misc]  # CubicWeb ships no type hints.
    """The Item entity type of schema.py and its entity class of entities.py."""

    def test_an_item_needs_a_name(self) -> None:
        with self.admin_access.cnx() as cnx, self.assertRaises(ValidationError) as raised:
            cnx.create_entity("Item", description="no name")
        self.assertEqual(raised.exception.errors, {"name-subject": "required attribute"})

    def test_the_schema_bounds_the_lengths_of_the_contract(self) -> None:
        with self.admin_access.cnx() as cnx:
            cnx.create_entity(
                "Item", name="n" * MAX_NAME_LENGTH, description="d" * MAX_DESCRIPTION_LENGTH
            )
            for attribute, length in [
                ("name", MAX_NAME_LENGTH),
                ("description", MAX_DESCRIPTION_LENGTH),
            ]:
                values = {"name": "lamp", attribute: "x" * (length + 1)}
                with self.subTest(attribute), self.assertRaises(ValidationError):
                    cnx.create_entity("Item", **values)

    def test_an_item_shows_its_eid_as_its_id(self) -> None:
        with self.admin_access.cnx() as cnx:
            item = cnx.create_entity("Item", name="lamp")
            cnx.commit()
            self.assertEqual(item.to_dict(), {"id": item.eid, "name": "lamp", "description": None})


class ItemViewsTC(PyramidCWTest):  # type: ignore[misc]  # CubicWeb ships no type hints.
    """The cube's views, which CubicWeb's Pyramid setup includes with the cube."""

    @pytest.fixture(autouse=True)
    def writes_accept(self, monkeypatch: pytest.MonkeyPatch, api_token: str) -> None:
        """The cube's includeme reads the tokens when setUp builds the app, after this."""
        monkeypatch.setenv("API_TOKENS", api_token)
        self.authorization = {"Authorization": f"Bearer {api_token}"}

    def item(self, eid: int) -> Any:
        with self.admin_access.cnx() as cnx:
            return cnx.execute(ITEM, {"eid": eid}).rows

    def test_a_posted_item_is_an_entity_of_the_instance(self) -> None:
        body = {"name": "lamp", "description": "a desk lamp"}
        created = self.webapp.post_json("/api/items", body, headers=self.authorization, status=201)
        self.assertEqual(self.item(created.json["id"]), [["lamp", "a desk lamp"]])

    def test_the_list_is_the_instance_s_items_in_eid_order(self) -> None:
        with self.admin_access.cnx() as cnx:
            names = ["b", "a"]
            eids = [cnx.create_entity("Item", name=name).eid for name in names]
            cnx.commit()
        listed = [(item["id"], item["name"]) for item in self.webapp.get("/api/items").json]
        self.assertEqual(listed, list(zip(eids, names, strict=True)))

    def test_a_deleted_item_leaves_the_instance(self) -> None:
        with self.admin_access.cnx() as cnx:
            eid = cnx.create_entity("Item", name="lamp").eid
            cnx.commit()
        self.webapp.delete(f"/api/items/{eid}", headers=self.authorization, status=204)
        self.assertEqual(self.item(eid), [])

    def test_the_eid_of_another_entity_type_is_no_item(self) -> None:
        """Eids are shared by every entity type: the manager account's is a 404, not a 500."""
        with self.admin_access.cnx() as cnx:
            [[user_eid]] = cnx.execute(ADMIN, {"login": self.admlogin}).rows
        for answer in [
            self.webapp.get(f"/api/items/{user_eid}", status=404),
            self.webapp.delete(f"/api/items/{user_eid}", headers=self.authorization, status=404),
        ]:
            self.assertEqual(answer.content_type, PROBLEM)
        with self.admin_access.cnx() as cnx:
            self.assertEqual(cnx.entity_from_eid(user_eid).cw_etype, "CWUser")
