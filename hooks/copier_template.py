"""copier's way into the shared code in hooks/service_hooks/ (copier.yml names this file).

copier-template-extensions loads it by path for copier.yml's `_jinja_extensions`, and copier
runs it as the task after rendering, in the generated project: `python
hooks/copier_template.py ANSWERS_FILE OPERATION`. The task needs only what copier installs;
the extensions also need copier-template-extensions and python-slugify
(hooks/service_hooks/copier_extension.py).
"""

import sys
from pathlib import Path

HOOKS = Path(__file__).resolve().parent
# `copier update` renders the old and the new commit of the repository in one process: each
# render imports the shared code of its own checkout.
for name in [name for name in sys.modules if name.partition(".")[0] == "service_hooks"]:
    if not Path(getattr(sys.modules[name], "__file__", None) or "/").is_relative_to(HOOKS):
        del sys.modules[name]
sys.path.insert(0, str(HOOKS))

if __name__ == "__main__":
    from service_hooks.copier_context import run_task

    run_task(Path(sys.argv[1]), sys.argv[2])
else:
    from service_hooks.copier_extension import CookiecutterContext
    from service_hooks.extension import ServiceExtension

    __all__ = ["CookiecutterContext", "ServiceExtension"]
