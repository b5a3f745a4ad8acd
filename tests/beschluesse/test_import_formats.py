"""A PDF and a DOCX go through the same command as the text minutes; the name does not matter."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from beschluesse.models import Clause, Resolution
from tests.beschluesse.test_readers import make_minutes_pdf


@pytest.mark.django_db
def test_a_pdf_with_a_misleading_name_is_imported_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "niederschrift.txt"  # detected from the content, not the name
    path.write_bytes(make_minutes_pdf())
    out = StringIO()

    call_command("import_niederschrift", str(path), stdout=out)

    resolution = Resolution.objects.get(top="3.3")
    assert resolution.lead is not None and resolution.lead.code == "DE-BE"
    lines = list(Clause.objects.filter(resolution=resolution).values_list("line_from", "line_to"))
    assert lines == [(1, 2), (3, 4), (5, 5)]
    assert "Neu angelegt" in out.getvalue()


@pytest.mark.django_db
def test_importing_the_same_pdf_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "niederschrift.pdf"
    path.write_bytes(make_minutes_pdf())
    call_command("import_niederschrift", str(path), stdout=StringIO())
    out = StringIO()

    call_command("import_niederschrift", str(path), stdout=out)

    assert "Keine Änderungen" in out.getvalue()
