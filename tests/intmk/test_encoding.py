"""Mojibake is recognised without mistaking German text, paragraphs, ellipses or foreign names."""

from pathlib import Path

import pytest
from django.conf import settings

from intmk.encoding import find_mojibake

SEED = Path(settings.BASE_DIR) / "fixtures" / "19-intmk-2024-niederschrift.txt"
GOOD = "Die Länder fördern Maßnahmen „für alle“ – usw… nach § 5 Abs. 2; Ärger, Öl, Übung."


def words(text: str) -> list[tuple[str, str]]:
    return [(m.found, m.meant) for m in find_mojibake([text])]


def test_the_seed_and_ordinary_german_text_have_none() -> None:
    assert find_mojibake(SEED.read_text().splitlines()) == []
    assert words(GOOD) == []


def test_ligatures_left_by_pdf_extraction_are_not_mojibake() -> None:
    assert words("Der Einﬂuss ist ﬂexibel, die Zuﬂucht oﬀen und der Abﬂuss geprüft.") == []


def test_a_foreign_name_in_german_text_is_not_mojibake() -> None:
    assert words("Die Länder danken Dušan Novák und Šárka für den Bericht.") == []


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "mac_roman"])
def test_utf8_read_with_a_single_byte_table_is_found(codec: str) -> None:
    found = words(GOOD.encode("utf-8").decode(codec))
    assert ("Länder", "Länder") not in found
    assert [meant for _, meant in found][:3] == ["Länder", "fördern", "Maßnahmen"]


def test_one_swapped_umlaut_in_a_text_without_umlauts_is_found() -> None:
    assert words("Sprachfšrderangebote") == [("Sprachfšrderangebote", "Sprachförderangebote")]
    assert words("f¸r die Teilnehmenden") == [("f¸r", "für")]
