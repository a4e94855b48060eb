"""A pytest plugin the suite hands a generated project's own tests (`-p reversed_order`): it runs
them in the reverse of their order, so that a test which depends on what an earlier one left
(a row in a shared table, a module imported with other settings) fails in the suite."""

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.reverse()
