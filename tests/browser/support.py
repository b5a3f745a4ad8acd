"""What the browser tests share: the chromium setup, axe scans, and the reference data.

Transactional tests empty every table when they end, the rows of the data migrations included
(the Länder, the default vocabularies). serialized_rollback cannot bring them back here: Django
keeps the serialized rows on the connection object of the context that set up the test
database, and Playwright's sync API runs the tests in a greenlet whose context has a connection
object of its own, so nothing would be restored, silently. Hence by hand: before each test that
needs them and after the last test of each module (the fixture in conftest.py).
"""

import importlib
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page

from erfolgskontrolle.models import Implementation, Stance
from intmk.laender import LAENDER
from intmk.models import Land

SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"
SHOTS = Path("/tmp/shots")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULTS = importlib.import_module(
    "erfolgskontrolle.migrations.0002_default_vocabularies_and_append_only"
)


def reference_data_create() -> None:
    """The rows the data migrations write: the 16 Länder and the default vocabularies."""
    for code, name in LAENDER:
        Land.objects.get_or_create(code=code, defaults={"name": name})
    for position, name in enumerate(DEFAULTS.STANCES):
        Stance.objects.get_or_create(name=name, defaults={"position": position})
    for position, (name, category) in enumerate(DEFAULTS.IMPLEMENTATIONS):
        Implementation.objects.get_or_create(
            name=name, defaults={"position": position, "category": category}
        )


def check_accessibility(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
