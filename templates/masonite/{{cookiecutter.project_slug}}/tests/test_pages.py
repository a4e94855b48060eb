"""The pages outside the API, and the answers every route shares."""

from tests.TestCase import TestCase


class TestPages(TestCase):
    def test_the_welcome_page(self) -> None:
        self.get("/").assertOk().assertContains("Welcome")

    def test_health_when_the_database_answers(self) -> None:
        self.get("/health").assertOk().assertJsonExact({"status": "ok"})

    def test_an_unknown_path_is_a_problem(self) -> None:
        missing = self.get("/nowhere").assertNotFound()
        missing.assertHasHeader("Content-Type", "application/problem+json")
        missing.assertJsonPath("status", 404)

    def test_a_missing_method_names_those_allowed(self) -> None:
        self.fetch("/api/items", method="PATCH").assertIsStatus(405).assertHasHeader(
            "Allow", "GET, HEAD, POST"
        )
