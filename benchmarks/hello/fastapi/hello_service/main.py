"""A bare FastAPI app answering /health, served like the template (its Procfile web command)."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
