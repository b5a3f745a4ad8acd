"""The production recipe in deploy/ fits the application (issue 10): the environment file names
every variable the settings read and passes Django's deploy check, gunicorn starts as the unit
says and serves a page through the proxy headers nginx sends, the timer runs a real command."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from erfolgskontrolle.tables import MAX_UPLOAD_BYTES
from tests.intmk.test_settings import PRODUCTION_VARIABLES, database_url

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
READ_BY_SETTINGS = re.compile(r'(?:os\.environ(?:\.get)?[(\[]|env_bool\()\s*"([A-Z_]+)"')


def environment_file() -> dict[str, str]:
    """deploy/intmk.env.example as systemd reads it (EnvironmentFile=): KEY=VALUE lines,
    surrounding double quotes removed, comments skipped."""
    env = {}
    for line in (DEPLOY / "intmk.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip().removeprefix('"').removesuffix('"')
    return env


def commented_out() -> set[str]:
    text = (DEPLOY / "intmk.env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#([A-Z_]+)=", text, re.M))


def exec_start(unit: str) -> list[str]:
    text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8").replace("\\\n", " ")
    line = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_VARIABLES and k not in environment_file() and "DJANGO" not in k
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_environment_file_names_every_variable_the_settings_read() -> None:
    read = set()
    for module in ("settings.py", "db.py"):
        read |= set(READ_BY_SETTINGS.findall((ROOT / "intmk" / module).read_text()))
    read -= {"XDG_RUNTIME_DIR"}  # only for the embedded development database

    assert read >= {"DATABASE_URL", "SECRET_KEY", "EMAIL_HOST", "LOG_LEVEL"}  # the regex works
    assert sorted(read - set(environment_file()) - commented_out()) == []


def test_the_environment_file_passes_the_deploy_check_once_its_secret_is_set() -> None:
    env = {**environment_file(), "DATABASE_URL": database_url(), "SECRET_KEY": "k7#Qz" * 12}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stderr


def test_the_deploy_check_catches_the_placeholder_secret() -> None:
    env = {**environment_file(), "DATABASE_URL": database_url()}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_the_timer_runs_an_existing_management_command() -> None:
    command = exec_start("intmk-reminders.service")
    assert command[:2] == ["/srv/intmk/.venv/bin/python", "manage.py"]

    result = run_manage("help", *command[2:], env={})

    assert result.returncode == 0, result.stderr
    assert "Erinnert die Landesbeauftragten" in result.stdout


def test_nginx_passes_uploads_the_application_answers_in_german() -> None:
    site = (DEPLOY / "nginx" / "intmk.conf").read_text(encoding="utf-8")
    size = re.search(r"^\s*client_max_body_size (\d+)m;", site, re.M)

    assert size and int(size.group(1)) * 1024 * 1024 > MAX_UPLOAD_BYTES
    assert "location = /healthz" in site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.django_db
def test_gunicorn_as_the_unit_starts_it_serves_the_register_behind_the_proxy(
    tmp_path: Path,
) -> None:
    command = exec_start("intmk.service")
    proxy = (DEPLOY / "nginx" / "intmk-proxy.conf").read_text(encoding="utf-8")
    bind = command[command.index("--bind") + 1]
    assert f"proxy_pass http://{bind};" in proxy
    assert int(command[command.index("--workers") + 1]) >= 2
    port = free_port()
    command[0] = str(Path(sys.executable).parent / "gunicorn")
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    env = {
        **environment_file(),
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "k7#Qz" * 12,
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),  # gunicorn's control socket, as the unit's HOME=/var/lib/intmk
        "STATIC_ROOT": str(tmp_path / "staticfiles"),
        "EMAIL_HOST": "127.0.0.1",  # an error mail fails at once, not after a DNS wait
        "EMAIL_PORT": str(free_port()),
    }
    collected = run_manage("collectstatic", "--no-input", env=env)  # as docs/betrieb.md says
    assert collected.returncode == 0, collected.stderr
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/",
            headers={"Host": env["ALLOWED_HOSTS"], "X-Forwarded-Proto": "https"},
        )
        deadline = time.monotonic() + 90  # three workers boot slowly on a busy CI machine
        while True:
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, headers, body = response.status, response.headers, response.read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not answer")
                time.sleep(0.2)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)

    assert status == 200
    assert "Strict-Transport-Security" in headers
    assert '<html lang="de"' in body.decode()
    assert "Booting worker" in errors.decode()
