{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The CubicWeb instance, made from the environment.

CubicWeb reads an instance from a folder of files: `sources` (the database), `all-in-one.conf`,
`pyramid.ini` and `bootstrap_cubes`, which `cubicweb-ctl create` writes from its questions. Here
`write_instance` writes them from DATABASE_URL, so that nobody edits them by hand and every
process (the server's workers, the release step, the tests) reads the database it is given.

The folder is CubicWeb's instances folder, CW_INSTANCES_DIR, when set; otherwise one of the
temporary folder named for the database: the files are made again by every process, and two
processes on two databases (a server and the tests) never read each other's.
"""

import hashlib
import os
import secrets
import sqlite3
import struct
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import {% if postgresql %}unquote, {% endif %}urlsplit

{% if postgresql -%}
import psycopg2
{% endif -%}
from cubicweb.cwconfig import CubicWebConfiguration

from . import settings

INSTANCE_NAME = "{{ cookiecutter.project_slug }}"
# The instance's one cube, the package cubicweb_{{ cookiecutter.project_slug }}.
CUBE = "{{ cookiecutter.project_slug }}"
RELEASE_COMMAND = "uv run python -m {{ cookiecutter.project_slug }}.release"

ALL_IN_ONE_CONF = """\
# Written by {{ cookiecutter.project_slug }}/instance.py: change it there.
[MAIN]
# The level of CubicWeb's own log, where CubicWeb sets up logging (cubicweb-ctl); the server
# and the release step log through logs.py.
log-threshold=WARNING
# The connections to the database a process keeps: one for each of the server's 4 threads
# per worker (Procfile).
connections-pooler-enabled=yes
connections-pool-min-size=0
connections-pool-max-size=4
"""

# CSRF checks are for cookies: the API authenticates with a bearer token. No session, no
# CubicWeb authentication: the API has no users (views.py).
PYRAMID_INI = """\
# Written by {{ cookiecutter.project_slug }}/instance.py: change it there.
[main]
cubicweb.includes =
cubicweb.pyramid.enable_csrf = no
"""


# A gettext catalog with no messages (GNU .mo: magic, revision, count, table offsets, no hash).
# The API speaks no language, but CubicWeb logs an error for every process that finds no
# English catalog; cubicweb-ctl create would compile CubicWeb's with msgfmt, a tool of GNU
# gettext that neither the image nor most machines have.
EMPTY_CATALOG = struct.pack("<7I", 0x950412DE, 0, 0, 28, 28, 0, 28)


def instances_dir(url: str) -> Path:
    """CW_INSTANCES_DIR, else a folder of this user's for the database at `url`."""
    if configured := os.environ.get("CW_INSTANCES_DIR"):
        return Path(configured)
    database = hashlib.sha256(url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"cubicweb-{os.getuid()}" / database


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL (relative to the project), None for any other URL."""
    scheme, _, rest = url.partition("://")
    if scheme != "sqlite":
        return None
    path = Path(rest.removeprefix("/"))
    return path if path.is_absolute() or rest.startswith("//") else settings.PROJECT_DIR / path


def system_source(url: str) -> dict[str, str]:
    """The [system] section of `sources`: DATABASE_URL as CubicWeb's db-* options."""
    path = sqlite_path(url)
    if path is not None:
        return {"db-driver": "sqlite", "db-name": str(path)}
{%- if postgresql %}
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ValueError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
    return {
        "db-driver": "postgres",
        "db-host": parts.hostname or "",
        "db-port": str(parts.port or ""),
        "db-name": parts.path.lstrip("/"),
        # Without a user or password, libpq's PGUSER, PGPASSWORD and ~/.pgpass apply.
        "db-user": unquote(parts.username or ""),
        "db-password": unquote(parts.password or ""),
        "db-encoding": "UTF8",
    }
{%- else %}
    raise ValueError(f"DATABASE_URL must be a sqlite:/// URL, not {urlsplit(url).scheme}://")
{%- endif %}


def write_file(path: Path, text: str, mode: int = 0o644) -> None:
    """Replace `path` at once: another worker writing the same file never reads half of it."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(mode)
    temporary.replace(path)


def write_instance(url: str | None = None) -> Path:
    """Write the instance's folder for DATABASE_URL (or `url`) and return it."""
    url = url or settings.database_url()
    folder = instances_dir(url) / INSTANCE_NAME
    # Only its user may read it: `sources` holds the database's password.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # The manager account CubicWeb creates with the database: the API never logs in, so its
    # password is random and not kept.
    admin = {"login": "admin", "password": secrets.token_urlsafe(24)}
    system = system_source(url)
    sections = {"admin": admin, "system": system}
    sources = "".join(
        f"[{name}]\n" + "".join(f"{key}={value}\n" for key, value in options.items()) + "\n"
        for name, options in sections.items()
    )
    # It holds the database's password: for the owner's eyes only.
    write_file(folder / "sources", sources, mode=0o600)
    write_file(folder / "all-in-one.conf", ALL_IN_ONE_CONF)
    write_file(folder / "pyramid.ini", PYRAMID_INI)
    write_file(folder / "bootstrap_cubes", f"{CUBE}\n")
    catalogs = folder / "i18n" / "en" / "LC_MESSAGES"
    catalogs.mkdir(parents=True, exist_ok=True)
    (catalogs / "cubicweb.mo").write_bytes(EMPTY_CATALOG)
    # CubicWeb finds its instances in CW_INSTANCES_DIR, this process's and its children's.
    os.environ["CW_INSTANCES_DIR"] = str(folder.parent)
    return folder


def cubicweb_config() -> Any:
    """CubicWeb's configuration of the instance, from the folder write_instance wrote."""
    config = CubicWebConfiguration.config_for(INSTANCE_NAME)
    # The process logs through logs.py: CubicWeb would replace its handlers with its own, at
    # the log-threshold of all-in-one.conf, when the repository starts.
    config._logging_initialized = True
    return config


def code_versions() -> dict[str, str]:
    """The versions the code brings: CubicWeb's and the cube's (its __pkginfo__)."""
    config = CubicWebConfiguration
    return {
        "cubicweb": str(config.cubicweb_version()),
        CUBE: str(config.cube_version(CUBE)),
    }


VERSIONS_QUERY = (
    "SELECT cw_pkey, cw_value FROM cw_cwproperty WHERE cw_pkey LIKE 'system.version.%'"
)


def sqlite_version_rows(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    # Read-only: a check must not create the file.
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with closing(database):
        tables = "SELECT 1 FROM sqlite_master WHERE lower(name) = 'cw_cwproperty'"
        if database.execute(tables).fetchone() is None:
            return []
        return database.execute(VERSIONS_QUERY).fetchall()
{%- if postgresql %}


def postgresql_version_rows(url: str) -> list[tuple[str, str]]:
    connection = psycopg2.connect(url, connect_timeout=5)
    with closing(connection), connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('cw_cwproperty')")
        [(table,)] = cursor.fetchall()
        if table is None:
            return []
        cursor.execute(VERSIONS_QUERY)
        rows: list[tuple[str, str]] = cursor.fetchall()
        return rows
{%- endif %}


def recorded_versions(url: str) -> dict[str, str]:
    """The versions the database records (CubicWeb's system.version.* properties); none for a
    database nobody created the instance in."""
    path = sqlite_path(url)
{%- if postgresql %}
    rows = sqlite_version_rows(path) if path is not None else postgresql_version_rows(url)
{%- else %}
    if path is None:
        raise ValueError("DATABASE_URL must be a sqlite:/// URL")
    rows = sqlite_version_rows(path)
{%- endif %}
    return {key.removeprefix("system.version."): value for key, value in rows}


def missing_migrations(url: str) -> list[str]:
    """What the database lacks of the code's schema, in words; empty once the release step has
    brought it up to date."""
    recorded = recorded_versions(url)
    if not recorded:
        return ["the instance's tables (the database is new)"]
    return [
        f"{name} {version} (the database has {recorded.get(name, 'none')})"
        for name, version in code_versions().items()
        if recorded.get(name) != version
    ]
