"""The site's root: the welcome page, /health, and the way to the API."""

from typing import Any

from Products.Five.browser import BrowserView
from zope.component import queryMultiAdapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserPublisher
from ZPublisher.BaseRequest import DefaultPublishTraverse

from {{ cookiecutter.project_slug }}.database import items_of

from .answers import json_body, method_not_allowed

READ_METHODS = ("GET", "HEAD")


@implementer(IBrowserPublisher)
class RootTraverser(DefaultPublishTraverse):  # type: ignore[misc]
    """Traversal from Zope's root folder: the service's views by name whatever the method (the
    root would take a PUT to an unknown name for a WebDAV upload), and the welcome page as the
    root's default view in place of Zope's own."""

    VIEWS = ("api", "health")

    def publishTraverse(self, request: Any, name: str) -> Any:  # noqa: N802 (Zope's name)
        if name in self.VIEWS:
            view = queryMultiAdapter((self.context, request), name=name)
            if view is not None:
                return view
        return super().publishTraverse(request, name)

    def browserDefault(self, request: Any) -> tuple[Any, tuple[str, ...]]:  # noqa: N802
        return self.context, ("@@welcome",)


class Welcome(BrowserView):  # type: ignore[misc]
    """The welcome page, from the page template welcome.pt (ZCML names it)."""

    route = "/"


class Health(BrowserView):  # type: ignore[misc]
    """200 while the database answers and has the code's generation; otherwise the exception
    view answers 503."""

    route = "/health"

    def __call__(self) -> str:
        if self.request.method not in READ_METHODS:
            raise method_not_allowed(READ_METHODS)
        items_of(self.context)
        return json_body(self.request.response, {"status": "ok"})
