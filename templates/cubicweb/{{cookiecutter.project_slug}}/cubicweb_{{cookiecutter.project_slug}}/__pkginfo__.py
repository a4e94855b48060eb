"""cubicweb-{{ cookiecutter.project_slug }} packaging information, as CubicWeb reads it.

`numversion` is the version of the cube's schema: the upgrade (the release step) runs each
script of migration/ named for a version above the one the database records, then records this
one. Bump it with each new migration script.
"""

modname = "cubicweb_{{ cookiecutter.project_slug }}"
distname = "cubicweb-{{ cookiecutter.project_slug }}"

numversion = (0, 1, 0)
version = ".".join(str(number) for number in numversion)

__depends__ = {"cubicweb": ">= 5.0.1, < 6.0.0"}
__recommends__: dict[str, str] = {}
