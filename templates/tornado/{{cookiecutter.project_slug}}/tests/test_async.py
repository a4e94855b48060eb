"""The article's asynchronous handler and the WebSocket echo, as a client of the live server."""

import asyncio
import time

import httpx
from tornado.websocket import websocket_connect

from {{ cookiecutter.project_slug }}.config import Settings


async def test_delay_answers_late_without_blocking_others(
    live_url: str, settings: Settings
) -> None:
    delay = settings.delay_seconds
    async with httpx.AsyncClient(base_url=live_url) as client:
        started = time.monotonic()
        delayed = asyncio.create_task(client.get("/delay"))
        # While /delay waits, the same server process answers another request.
        assert (await client.get("/health")).status_code == 200
        assert not delayed.done()
        response = await delayed
        elapsed = time.monotonic() - started
    assert response.json() == {"delay_seconds": delay}
    assert delay <= elapsed < delay + 1


async def test_websocket_echoes_text_and_binary(live_url: str) -> None:
    connection = await websocket_connect(live_url.replace("http://", "ws://") + "/ws")
    try:
        await connection.write_message("hello")
        assert await connection.read_message() == "hello"
        await connection.write_message(b"\x00\xff", binary=True)
        assert await connection.read_message() == b"\x00\xff"
    finally:
        connection.close()
