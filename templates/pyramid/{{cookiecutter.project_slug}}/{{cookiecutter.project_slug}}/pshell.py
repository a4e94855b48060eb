"""`pshell development.ini`: a shell with `dbsession`, `tm` and `models` ready to use.

Changes are kept only after `tm.commit()`; `tm.abort()` drops them.
"""

from typing import Any

from . import models


def setup(env: dict[str, Any]) -> None:
    request = env["request"]
    # The shell's own transaction, as pyramid_tm gives every request one.
    request.tm.begin()
    env["tm"] = request.tm
    env["dbsession"] = request.dbsession
    env["models"] = models
