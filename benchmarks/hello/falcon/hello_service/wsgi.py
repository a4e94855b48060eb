"""A bare Falcon app answering /health, served like the template (its Procfile web command)."""

import falcon


class Health:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"status": "ok"}


app = falcon.App()
app.add_route("/health", Health())
