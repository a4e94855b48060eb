"""The py4web app served at the root of the site: py4web imports it as `apps._default`.

Importing the controllers registers their actions; importing the models defines the tables.
"""

import py4web

from . import hooks

if not py4web.check_compatible("1.20260805.0"):
    raise RuntimeError("py4web 1.20260805.0 or newer is required")

hooks.install()

from . import controllers, models  # noqa: E402  (registers the actions, defines the tables)

__all__ = ["controllers", "models"]
