"""A bare Flask app answering /health, served like the template (its Procfile web command)."""

from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
