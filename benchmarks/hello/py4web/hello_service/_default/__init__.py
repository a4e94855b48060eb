"""The bare app: one action, no fixtures."""

from py4web import action


@action("health", method="GET")
def health() -> dict[str, str]:
    return {"status": "ok"}
