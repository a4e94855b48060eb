"""TurboGears' raw-driver limit: the service's /health and reads through sqlite3 or psycopg
alone, served like the template (its Procfile web command)."""

from typing import Any

from tg import MinimalApplicationConfigurator, RestController, TGController, abort, expose

from . import raw_database


class ItemsController(RestController):
    @expose("json", render_params={"key": "items"})
    def get_all(self) -> dict[str, Any]:
        return {"items": raw_database.items()}

    @expose("json")
    def get_one(self, item_id: str) -> raw_database.Item:
        found = raw_database.item(int(item_id)) if item_id.isdigit() else None
        if found is None:
            abort(404)
        return found


class ApiController(TGController):
    items = ItemsController()


class RootController(TGController):
    api = ApiController()

    @expose("json")
    def health(self) -> dict[str, str]:
        raw_database.healthy()
        return {"status": "ok"}


config = MinimalApplicationConfigurator()
config.update_blueprint(
    {"root_controller": RootController(), "helpers": {}, "json.allow_lists": True}
)
app = config.make_wsgi_app({}, {})
