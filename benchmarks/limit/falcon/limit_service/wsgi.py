"""Falcon's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone,
served like the template (its Procfile web command)."""

import falcon

from . import raw_database


class Health:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        raw_database.healthy()
        resp.media = {"status": "ok"}


class Items:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = raw_database.items()

    def on_get_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        found = raw_database.item(item_id)
        if found is None:
            raise falcon.HTTPNotFound()
        resp.media = found


app = falcon.App()
app.add_route("/health", Health())
items = Items()
app.add_route("/api/items", items)
app.add_route("/api/items/{item_id:int}", items, suffix="item")
