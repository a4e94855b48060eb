"""The development server: `python -m {{ cookiecutter.project_slug }}.development`.

CubicWeb's own, `cubicweb-ctl start --debug` (waitress, on loopback), on the instance written
from DATABASE_URL, on PORT (default {{ cookiecutter._port }}): it logs to the console and restarts when a file
of the project changes. Run the release step first.
"""

import os
import shutil
import sys

from cubicweb.cwctl import run

from .instance import INSTANCE_NAME, write_instance


def main() -> None:
    write_instance()
    # CubicWeb reads any option of the instance from CW_<OPTION>: here its port.
    os.environ["CW_PORT"] = os.environ.get("PORT") or "{{ cookiecutter._port }}"
    # The reloader starts `python <sys.argv>` again for each change: the command itself.
    sys.argv = [shutil.which("cubicweb-ctl") or "cubicweb-ctl", "start", "--debug", INSTANCE_NAME]
    run(sys.argv[1:])


if __name__ == "__main__":
    main()
