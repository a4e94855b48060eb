"""The profiles of benchmarks/profiles.py: py-spy's stacks read back and shared out by layer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from support.templates import ROOT

if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from benchmarks.profiles import package_of, parse_stacks, sample, shares, without

PROJECT = Path("/srv/my_service")
SITE = "/srv/my_service/.venv/lib/python3.11/site-packages"
STDLIB = "/usr/lib/python3.11"


def test_frames_are_named_by_their_package() -> None:
    assert package_of(f"{PROJECT}/my_service/views/items.py", PROJECT) == "service"
    assert package_of(f"{PROJECT}/my_service/database.py", PROJECT) == "service.database"
    assert package_of(f"{PROJECT}/.venv/bin/bottle.py", PROJECT) == "bottle"
    assert package_of(f"{SITE}/sqlalchemy/engine/base.py", PROJECT) == "sqlalchemy"
    assert package_of(f"{SITE}/zope/sqlalchemy/datamanager.py", PROJECT) == "zope.sqlalchemy"
    assert package_of(f"{SITE}/django/db/models/query.py", PROJECT) == "django.db"
    assert package_of(f"{SITE}/django/core/handlers/wsgi.py", PROJECT) == "django"
    assert package_of(f"{SITE}/six.py", PROJECT) == "six"
    assert package_of(f"{STDLIB}/logging/__init__.py", PROJECT) == "logging"
    assert package_of(f"{STDLIB}/json/encoder.py", PROJECT) == "json"
    assert package_of("<frozen importlib._bootstrap>", PROJECT) == "python"
    assert package_of("<string>", PROJECT) == "generated"


def test_samples_are_shared_by_layer_and_by_own_code() -> None:
    raw = textwrap.dedent(
        f"""\
        process 7:"granian";thread (0x1);__call__ ({SITE}/flask/app.py:1536);list_items ({PROJECT}/my_service/views/items.py:30);execute ({SITE}/sqlalchemy/engine/base.py:1416) 6
        process 7:"granian";thread (0x1);__call__ ({SITE}/flask/app.py:1536);finish_request ({PROJECT}/my_service/request_log.py:20);log_access ({PROJECT}/my_service/logs.py:82);format ({STDLIB}/logging/__init__.py:687) 3
        process 7:"granian";thread (0x2);__call__ ({SITE}/flask/app.py:1536) 1
        """  # noqa: E501
    )
    stacks = parse_stacks(raw, PROJECT)
    assert [count for _, count in stacks] == [6, 3, 1]
    assert shares(stacks) == {
        "samples": 10,
        "database_layer": 0.6,
        "access_line": 0.3,
        "own_code": {"sqlalchemy": 0.6, "logging": 0.3, "flask": 0.1},
    }


def test_a_free_layer_bounds_the_ratio_from_above() -> None:
    # Half the samples in the database layer: were it free, each request would cost half.
    assert without(0.2, 0.5) == 0.4
    assert without(0.2, 0.25, 0.25) == 0.4
    assert without(0.2, None) is None
    assert without(None, 0.5) is None


def test_py_spy_samples_a_running_process(tmp_path: Path) -> None:
    """py-spy's own output, from a real process: the format the parser reads has not moved."""
    program = tmp_path / "spin.py"
    program.write_text(
        "import time\n\n\ndef spin(until):\n    while time.monotonic() < until:\n"
        "        sum(range(100))\n\n\nspin(time.monotonic() + 10)\n"
    )
    process = subprocess.Popen([sys.executable, str(program)])
    try:
        py_spy = str(Path(sys.executable).with_name("py-spy"))
        stacks_file = tmp_path / "stacks.txt"
        sample(py_spy, process.pid, 1, stacks_file)
    finally:
        process.kill()
        process.wait()
    stacks = parse_stacks(stacks_file.read_text(), tmp_path)
    assert stacks, "py-spy recorded no stack"
    assert all(frames[-1].function == "spin" for frames, _ in stacks)
    assert shares(stacks)["own_code"] == {"service": 1.0}
