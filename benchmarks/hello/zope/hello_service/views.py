"""The one view."""

import json

from Products.Five.browser import BrowserView


class Health(BrowserView):  # type: ignore[misc]
    def __call__(self) -> str:
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"status": "ok"})
