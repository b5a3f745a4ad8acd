"""A first import of minutes cut off mid-way does not pass: the seed truncated at several points
goes through the command and is refused in German, writing nothing; an agenda item whose page
is missing between others is imported with a warning."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from beschluesse.models import Conference, Resolution

pytestmark = pytest.mark.django_db

SEED = (Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt").read_text()


def cut_before(needle: str) -> str:
    return SEED[: SEED.index(needle)]


def cut_after(needle: str) -> str:
    return SEED[: SEED.index(needle) + len(needle)]


def import_text(tmp_path: Path, text: str) -> str:
    path = tmp_path / "niederschrift.txt"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_niederschrift", str(path), stdout=out)
    return out.getvalue()


TRUNCATED = {
    "in der Tagesordnung": (cut_before("**TOP A**"), "kein Tagesordnungspunkt"),
    "nach einer Überschrift": (cut_after("## TOP 4.2\n"), "TOP 4.2 hat eine Überschrift, aber"),
    "mitten im Wort": (cut_after("die aktuellen Kürzungen zu über-"), "endet mitten im Wort"),
    "mitten im Satz": (cut_after("(EOK) für 2024 zur Kenntnis und"), "endet mitten im Satz"),
    "nach einem Satz mitten im Beschluss": (
        cut_after("21 durch Online-Angebote."),
        "Nach TOP 4.2 fehlen die Beschlussseiten von TOP 5.1, 5.2, 6.1, 6.3, 6.4, 6.5,",
    ),
    "an einer Seitengrenze": (
        cut_before("## TOP 4.2"),
        "Nach TOP 4.1 fehlen die Beschlussseiten von TOP 4.2, 5.1,",
    ),
    "vor der letzten Beschlussseite": (
        cut_before("## TOP 6.5"),
        "Nach TOP 6.4 fehlen die Beschlussseiten von TOP 6.5, die",
    ),
}


@pytest.mark.parametrize("case", TRUNCATED)
def test_a_truncated_seed_is_refused_and_writes_nothing(case: str, tmp_path: Path) -> None:
    text, expected = TRUNCATED[case]

    with pytest.raises(CommandError) as excinfo:
        import_text(tmp_path, text)

    message = str(excinfo.value)
    assert message.startswith("Import abgebrochen, nichts wurde gespeichert.")
    assert expected in message
    assert Conference.objects.count() == 0


def test_a_missing_page_between_others_is_a_warning(tmp_path: Path) -> None:
    without_3_3 = cut_before("## TOP 3.3") + SEED[SEED.index("## TOP 3.5") :]

    output = import_text(tmp_path, without_3_3)

    assert (
        "  - TOP 3.3 steht in der Tagesordnung, hat aber keine Beschlussseite "
        "(zurückgezogen oder vertagt?)." in output
    )
    assert not Resolution.objects.filter(top="3.3").exists()
    assert Resolution.objects.count() == 23


def test_the_whole_seed_has_no_such_warning(tmp_path: Path) -> None:
    # group headings (3, 4 …) and sessions without a resolution (7, 8.1–8.5, 9) have no page
    output = import_text(tmp_path, SEED)

    assert "keine Beschlussseite" not in output
