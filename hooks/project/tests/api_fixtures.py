"""The API's test credentials, a pytest plugin (pyproject.toml's addopts): the token the test
app accepts for writes and the origin whose browsers it lets call the API. The app's fixtures
in conftest.py give them to the app; a conftest.py that reads them from the app's own test
settings overrides these."""

import pytest


@pytest.fixture(scope="session")
def api_token() -> str:
    """The token the test app accepts for writes."""
    return "test-api-token"


@pytest.fixture(scope="session")
def allowed_origin() -> str:
    """The origin whose browsers the test app lets call its API."""
    return "https://app.example.com"
