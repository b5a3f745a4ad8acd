#!/usr/bin/env python3
"""Set up and run the project with nothing but Python: `python3 dev.py run` / `python3 dev.py test`.

Creates .venv, installs the project when pyproject.toml changed, and uses the embedded
PostgreSQL unless DATABASE_URL is set. Standard library only: it runs before anything is installed.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
SEED = ROOT / "fixtures" / "19-intmk-2024-niederschrift.txt"


def sh(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def setup() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"Python 3.11 wird benötigt, gefunden: {sys.version.split()[0]}")
    if not PY.exists():
        try:
            sh(sys.executable, "-m", "venv", VENV)
        except subprocess.CalledProcessError:
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit("Python kann keine virtuelle Umgebung anlegen: apt-get install python3-venv")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    marker = VENV / ".installed"
    if not marker.exists() or marker.read_text() != wanted:
        sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        marker.write_text(wanted)


def manage(*args: str | Path) -> None:
    sh(PY, "manage.py", *args)


def run() -> None:
    setup()
    manage("migrate", "--no-input")
    manage("import_niederschrift", SEED)
    manage("demo_accounts")
    manage("demo_followup")
    print("\nDie Anwendung läuft auf http://127.0.0.1:8000/ (Beenden mit Strg+C)\n", flush=True)
    manage("runserver", "127.0.0.1:8000")


def system_packages() -> None:
    """What the tests need from Debian, installed the Debian way if missing: chromium for the
    browser tests, HarfBuzz's subsetter for WeasyPrint (without it PDF fonts are subset by
    fontTools, a second slower per report)."""
    import ctypes.util

    missing = [
        package
        for package, present in (
            ("chromium", shutil.which("chromium")),
            ("libharfbuzz-subset0", ctypes.util.find_library("harfbuzz-subset")),
        )
        if not present
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Für die Tests fehlen Pakete: sudo apt-get install -y {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True, env=env)


def test(args: list[str]) -> None:
    setup()
    system_packages()
    os.chdir(ROOT)  # pytest finds tests/ and pyproject.toml from the project folder
    os.execv(str(PY), [str(PY), "-m", "pytest", *args])


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command == "run":
        run()
    elif command == "test":
        test(sys.argv[2:])
    elif command == "setup":
        setup()
    else:
        sys.exit("Aufruf: python3 dev.py run | test [pytest-Argumente] | setup")
