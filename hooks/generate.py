"""Write every template's cookiecutter.json and the root chooser from their sources.

    python hooks/generate.py           rewrite them
    python hooks/generate.py --check   exit 1, naming each stale file, if any differs

Run it after changing hooks/questions.toml or a templates/<fw>/template.toml.
"""

from __future__ import annotations

import sys

from service_hooks import ROOT, cookiecutter_json


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        stale = cookiecutter_json.stale_files()
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python hooks/generate.py)")
        return 1 if stale else 0
    cookiecutter_json.write_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
