"""Write every generated file of the repository from its sources.

    python hooks/generate.py           rewrite them
    python hooks/generate.py --check   exit 1, naming each stale file, if any differs

Run it after changing hooks/questions.toml or a templates/<fw>/template.toml. It writes every
templates/<fw>/cookiecutter.json and the root chooser (service_hooks/cookiecutter_json.py), and
copier's copier.yml and answers file templates (service_hooks/copier_yml.py), and the root
links, <fw> -> templates/<fw>.
"""

from __future__ import annotations

import sys
from pathlib import Path

from service_hooks import ROOT, cookiecutter_json, copier_yml


def expected_files() -> dict[Path, str]:
    return {**cookiecutter_json.expected_files(), **copier_yml.expected_files()}


def main(argv: list[str]) -> int:
    files = expected_files()
    if argv == ["--check"]:
        stale = [
            path
            for path, text in files.items()
            if not path.is_file() or path.read_text("utf-8") != text
        ] + cookiecutter_json.stale_root_links()
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python hooks/generate.py)")
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text, "utf-8")
    cookiecutter_json.write_root_links()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
