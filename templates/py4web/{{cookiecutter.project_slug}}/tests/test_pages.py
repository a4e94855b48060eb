"""The welcome page and the health check."""

from webtest import TestApp


def test_the_welcome_page_is_rendered_from_its_template(web: TestApp) -> None:
    page = web.get("/")
    assert page.content_type == "text/html"
    assert "/api/items" in page.text


def test_health_says_ok(web: TestApp) -> None:
    assert web.get("/health").json == {"status": "ok"}
