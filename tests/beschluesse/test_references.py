"""References to earlier IntMK resolutions, in the wordings found in real minutes."""

import pytest

from beschluesse.importer.references import find_references


def refs(text: str) -> list[tuple[int, str, str | None]]:
    return [(r.conference, r.top, r.clause) for r in find_references(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gemäß dem Beschluss der 18. IntMK (TOP 1.2 Ziffer 3) an der Arbeit", [(18, "1.2", "3")]),
        ("Vorgang: TOP 2.6 der 17. IntMK 2022", [(17, "2.6", None)]),
        (
            "bekräftigt ihren Beschluss der 14. IntMK vom 11. und 12.04.2019 (TOP 5.3.) und greift",
            [(14, "5.3", None)],
        ),
        (
            "erinnert an den Beschlussvorschlag im Rahmen der 18. IntMK (TOP 2.3) zur",
            [(18, "2.3", None)],
        ),
        ("so im Beschluss der 18. IntMK 2023 (TOP 4.3).", [(18, "4.3", None)]),
        ("Mit Beschluss zu TOP 1.4 Absatz 4 der 18. IntMK hat diese", [(18, "1.4", "4")]),
        ("ihre Forderung im Sinne des Beschlusses 5.1 der 18. IntMK, dass", [(18, "5.1", None)]),
        (
            "Im Rahmen der 16. IntMK wurde der Bund gebeten, Empfehlungen zu erarbeiten, die "
            "entsprechend der EU-Aufnahmerichtlinie 2013/33/EU Art. 22 ein Verfahren "
            "ermöglichen (TOP 3.4).",
            [(16, "3.4", None)],
        ),
        ("Beschluss der 19. IntMK (TOP 2.9b)", [(19, "2.9b", None)]),
    ],
)
def test_it_finds_references_with_a_top(text: str, expected: list) -> None:
    assert refs(text) == expected


def test_a_top_of_another_conference_is_not_an_intmk_reference() -> None:
    text = (
        "Die IntMK greift ebenso die Forderungen aus der 18. IntMK mit dem TOP 7.2 sowie "
        "TOP 6.5 der 100. Arbeits- und Sozialministerkonferenz (ASMK) auf."
    )
    assert refs(text) == [(18, "7.2", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Die IntMK bekräftigt zudem ihren Beschluss der 16. IntMK vom 29.04.2021 und greift auf.",
        "Die IntMK verweist auf ihren auf der 18. IntMK gefassten Beschluss.",
        "den Beschluss 6.2 der 100. ASMK zu eigen",
        "im zuletzt gefassten Beschluss der Arbeits- und Sozialministerkonferenz zu TOP 6.1",
        "Beschluss der 100. ASMK in Berlin vom 6. und 7. Dezember 2023 zum TOP 6.2",
    ],
)
def test_it_ignores_references_without_an_intmk_top(text: str) -> None:
    assert refs(text) == []


def test_it_keeps_the_order_and_drops_repetitions() -> None:
    text = (
        "Siehe Beschluss der 18. IntMK (TOP 4.3). Vorgang: TOP 2.6 der 17. IntMK. "
        "Erneut: Beschluss der 18. IntMK (TOP 4.3)."
    )
    assert refs(text) == [(18, "4.3", None), (17, "2.6", None)]
