"""The report's files: the PDF reads back to the same facts and is tagged; the command writes
drafts and stored editions and ends bad arguments with a German message."""

import io

import pdfplumber
import pikepdf
import pytest
from django.core.management import CommandError, call_command

from erfolgskontrolle.models import Edition
from intmk.models import User
from tests.conftest import client_for
from tests.erfolgskontrolle.report_world import ReportWorld, make_report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(official_berlin: User, official_bayern: User) -> ReportWorld:
    return make_report_world(berlin=official_berlin, bayern=official_bayern)


@pytest.fixture
def draft_pdf(world: ReportWorld, reader: User) -> bytes:
    response = client_for(reader).get("/erfolgskontrolle/19/entwurf.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_pdf_holds_every_top_and_the_summary(draft_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(draft_pdf)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        pages = len(pdf.pages)

    assert "Erfolgskontrolle der 19. IntMK" in text
    assert "TOP 2 Leitantrag: Miteinander wachsen" in text
    assert "TOP 3.3 Teilhabe von Neuzugewanderten" in text
    assert "3 nachverfolgte Forderungen" in text
    assert "33,3 % umgesetzt" in text
    assert f"Seite {pages} von {pages}" in text
    assert "Referentenentwurf liegt vor." in text and "Bayern sieht Klärungsbedarf." in text


def test_the_pdf_is_tagged_in_german_with_bookmarks(draft_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(draft_pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked
        assert str(root.Lang) == "de-DE"
        assert str(pdf.docinfo["/Title"]).startswith("Erfolgskontrolle der 19. IntMK")
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            children = [child.title for item in outline.root for child in item.children]
    assert titles == ["Erfolgskontrolle der 19. IntMK"]
    assert "Zusammenfassung" in children and "TOP 2 Leitantrag: Miteinander wachsen" in children


def test_the_command_writes_the_draft(world: ReportWorld, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "bericht.html"

    call_command("erfolgskontrolle", "19", "--format", "html", "--output", str(target))

    assert "Referentenentwurf liegt vor." in target.read_text(encoding="utf-8")


def test_the_command_freezes_and_writes_the_stored_file(
    world: ReportWorld, secretariat_ni: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    call_command("erfolgskontrolle", "19", "--festschreiben", "--benutzer", "sekretariat-ni")
    target = tmp_path / "ausgabe.pdf"

    call_command(
        "erfolgskontrolle", "19", "--format", "pdf", "--output", str(target), "--ausgabe", "1"
    )

    edition = Edition.objects.get(number=1)
    assert edition.frozen_by == secretariat_ni
    assert target.read_bytes() == bytes(edition.files.get(format="pdf").content)


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["18", "--format", "html", "--output", "x.html"], "Die 18. IntMK ist nicht in der"),
        (["19", "--format", "odt", "--output", "x.odt"], "Unbekanntes Format „odt“"),
        (["19", "--format", "pdf", "--output", "x.pdf", "--ausgabe", "3"], "Ausgabe 3 der"),
        (["19", "--festschreiben", "--benutzer", "niemand"], "Den Benutzer „niemand“ gibt es"),
        (["19", "--festschreiben"], "Bitte mit --benutzer angeben"),
    ],
)
def test_the_command_refuses_bad_arguments_in_german(
    world: ReportWorld, arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("erfolgskontrolle", *arguments)
    assert not Edition.objects.exists()
