"""Production settings refuse to start on defaults that would hide a mistake."""

import os
import subprocess
import sys

from django.conf import settings


def start_django(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()",
        ],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "intmk.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_database_url_refuses_to_start() -> None:
    result = start_django({"DEBUG": "false", "SECRET_KEY": "x" * 50})

    assert result.returncode != 0
    assert "DATABASE_URL muss in der Produktion" in result.stderr


def test_production_without_secret_key_refuses_to_start() -> None:
    result = start_django({"DEBUG": "false", "DATABASE_URL": "postgres://u@127.0.0.1:1/x"})

    assert result.returncode != 0
    assert "SECRET_KEY muss in der Produktion" in result.stderr
