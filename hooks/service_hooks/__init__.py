"""The code every template shares: answer rules, the Jinja extension, the hooks' work.

Each template reaches it through two one-line hooks and a small extension module beside its
cookiecutter.json (templates/<fw>/service_extension.py), which puts this folder's parent on
sys.path. Standard library and Jinja2 only at generation time: it runs with cookiecutter's own
Python. declaration.py and cookiecutter_json.py are for the repository's own tools (pydantic).
"""

from pathlib import Path

HOOKS = Path(__file__).resolve().parent.parent
ROOT = HOOKS.parent
