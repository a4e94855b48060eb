"""A bare TurboGears app answering /health, served like the template (its Procfile web command)."""

from tg import MinimalApplicationConfigurator, TGController, expose


class RootController(TGController):
    @expose("json")
    def health(self) -> dict[str, str]:
        return {"status": "ok"}


config = MinimalApplicationConfigurator()
config.update_blueprint({"root_controller": RootController(), "helpers": {}})
app = config.make_wsgi_app({}, {})
