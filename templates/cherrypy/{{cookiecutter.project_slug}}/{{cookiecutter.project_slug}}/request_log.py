"""Each request's id and its one access line (logs.py), through hooks of the application's
request class (problems.Request), so that every answer gets them: CherryPy attaches tools only
once it has found the handler, after the 400 of a request without Host."""

import time

import cherrypy
from cherrypy.lib import httputil

from . import contract
from .logs import REQUEST_ID, log_access


def start_request() -> None:
    """First of all at on_start_resource: the request's id, on its answer too, and its clock.
    Again at before_finalize, for an answer made before on_start_resource."""
    request = cherrypy.serving.request
    if hasattr(request, "request_id_token"):
        return
    request.request_started = time.perf_counter()
    request_id = contract.request_id(request.headers.get(contract.REQUEST_ID_HEADER))
    request.request_id_token = REQUEST_ID.set(request_id)
    cherrypy.serving.response.headers[contract.REQUEST_ID_HEADER] = request_id


def end_request() -> None:
    """on_end_request, once the answer is sent, errors included: its access line."""
    request = cherrypy.serving.request
    start_request()  # In case an error bypassed every other hook.
    status = httputil.valid_status(cherrypy.serving.response.status)[0]
    duration_ms = (time.perf_counter() - request.request_started) * 1000
    path = request.script_name + request.path_info
    try:
        log_access(request.method, path, status, duration_ms, request.remote.ip)
    finally:
        # Threads serve one request after another: no line after this one carries its id.
        REQUEST_ID.reset(request.request_id_token)
