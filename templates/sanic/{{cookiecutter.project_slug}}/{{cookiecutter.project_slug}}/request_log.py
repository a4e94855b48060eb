"""Each request's id and its one access line (logs.py), through Sanic's request and response
middleware, registered before any other: the request middleware runs first, the response
middleware last, on the final answer, errors included."""

import time

from sanic.response import BaseHTTPResponse

from .context import ServiceApp, ServiceRequest
from .contract import REQUEST_ID_HEADER, request_id
from .logs import REQUEST_ID, log_access


async def start_request(request: ServiceRequest) -> None:
    request.ctx.started = time.perf_counter()
    incoming = request.headers.get(REQUEST_ID_HEADER)
    request.ctx.request_id_token = REQUEST_ID.set(request_id(incoming))


async def finish_request(request: ServiceRequest, response: BaseHTTPResponse) -> None:
    if not hasattr(request.ctx, "request_id_token"):
        # Sanic answers some errors (a 503 of a request that timed out) without the request
        # middleware.
        await start_request(request)
    response.headers[REQUEST_ID_HEADER] = REQUEST_ID.get()
    duration_ms = (time.perf_counter() - request.ctx.started) * 1000
    log_access(request.method, request.path, response.status, duration_ms, request.client_ip)
    # A connection's requests run one after another in one task: the next line is not this
    # request's.
    REQUEST_ID.reset(request.ctx.request_id_token)


def register(app: ServiceApp) -> None:
    app.middleware(start_request, "request")
    app.middleware(finish_request, "response")
