"""The welcome page, through zope.testbrowser, and the health check."""

from typing import Any

from webtest import TestApp
from zope.testbrowser.browser import Browser

from .layers import ServiceLayer


def test_the_welcome_page_is_rendered_from_its_template(
    app: Any, zope_test: type[ServiceLayer]
) -> None:
    browser = Browser(wsgi_app=app)
    browser.open("http://localhost/")
    assert browser.headers["Content-Type"].startswith("text/html")
    assert browser.getLink("/api/items").url == "http://localhost/api/items"


def test_health_says_ok(web: TestApp) -> None:
    assert web.get("/health").json == {"status": "ok"}
