"""A bare Bottle app answering /health, served like the template (its Procfile web command)."""

from bottle import Bottle

app = Bottle()


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
