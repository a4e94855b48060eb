"""The JSON media handler: Falcon's, with the contract's limits on what it reads."""

import json
from typing import Any

import falcon
from falcon.media import JSONHandler
from falcon.typing import ReadableIO

from .contract import MAX_BODY_BYTES


class LimitedJSONHandler(JSONHandler):
    """Reads at most MAX_BODY_BYTES (a 413 above), and answers 400 to any body the parser
    refuses: Falcon's handler lets a RecursionError (deeply nested arrays) through as a 500."""

    def deserialize(
        self, stream: ReadableIO, content_type: str | None, content_length: int | None
    ) -> Any:
        if content_length is not None and content_length > MAX_BODY_BYTES:
            raise too_large()
        # A chunked body has no Content-Length: read one byte past the limit to tell.
        data = stream.read(MAX_BODY_BYTES + 1)
        if len(data) > MAX_BODY_BYTES:
            raise too_large()
        if not data:
            raise falcon.MediaNotFoundError("JSON")
        try:
            return json.loads(data.decode())
        except (ValueError, RecursionError) as error:
            raise falcon.MediaMalformedError("JSON") from error


def too_large() -> falcon.HTTPContentTooLarge:
    return falcon.HTTPContentTooLarge(
        description=f"The body is larger than {MAX_BODY_BYTES} bytes."
    )
