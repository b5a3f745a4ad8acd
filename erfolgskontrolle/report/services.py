"""Writes of the report: typed, keyword-only, one transaction each. Callers have checked that
the user compiles the report (`access.report_for_change`, or the command's own check)."""

import hashlib
import logging
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from beschluesse.models import Conference, Resolution
from erfolgskontrolle.models import Edition, EditionFile, Publication, Report, ResolutionComment
from erfolgskontrolle.report import build, changes, render
from intmk.audit import audit
from intmk.models import User

logger = logging.getLogger(__name__)


def _locked_report(conference: Conference) -> Report:
    """The conference's report row, created on first use and locked until the transaction ends:
    two freezes of the same report run one after the other and cannot take the same number."""
    Report.objects.get_or_create(conference=conference)
    return Report.objects.select_for_update().get(conference=conference)


def report_preface_update(*, conference: Conference, preface: str, changed_by: User) -> Report:
    with transaction.atomic():
        report = _locked_report(conference)
        if report.preface != preface:
            report.preface = preface
            report._change_reason = f"Vorbemerkung geändert von {changed_by}"  # type: ignore[attr-defined]
            report.save(update_fields=["preface"])
    return report


def resolution_comment_update(
    *, resolution: Resolution, text: str, changed_by: User
) -> ResolutionComment:
    with transaction.atomic():
        report = _locked_report(resolution.conference)
        comment, created = ResolutionComment.objects.get_or_create(
            report=report, resolution=resolution, defaults={"text": text}
        )
        if not created and comment.text != text:
            comment.text = text
            comment.save(update_fields=["text"])
    return comment


def report_texts_update(
    *,
    conference: Conference,
    preface: str | None,
    comments: Mapping[Resolution, str],
    changed_by: User,
) -> None:
    """Save the preface (unless None) and the given comments, all or none."""
    with transaction.atomic():
        if preface is not None:
            report_preface_update(conference=conference, preface=preface, changed_by=changed_by)
        for resolution, text in comments.items():
            resolution_comment_update(resolution=resolution, text=text, changed_by=changed_by)


def edition_freeze(*, conference: Conference, frozen_by: User) -> Edition:
    """Store the report as it is now as the next edition, with its files and their SHA-256.

    Formats whose renderer is not available yet (NotImplementedError) are left out and logged."""
    with transaction.atomic():
        _locked_report(conference)
        last = Edition.objects.filter(conference=conference).aggregate(last=Max("number"))["last"]
        number = (last or 0) + 1
        now = timezone.now()
        data = build.report_data(conference, edition=number, frozen_by=frozen_by, now=now)
        previous = changes.previous_edition(conference, number)
        edition = Edition.objects.create(
            conference=conference,
            number=number,
            data=data,
            frozen_at=now,
            frozen_by=frozen_by,
            differences=changes.differences(previous.data if previous else None, data),
        )
        stored = []
        for fmt in render.FORMATS:
            try:
                content = render.render(data, fmt)
            except NotImplementedError:
                logger.warning("Format %s kann noch nicht erzeugt werden", fmt)
                continue
            EditionFile.objects.create(
                edition=edition,
                format=fmt,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                size=len(content),
            )
            stored.append(fmt)
        audit(
            frozen_by,
            "edition.freeze",
            conference=conference.number,
            edition=number,
            demands=data["summary"]["total"],
            files=",".join(stored),
        )
    return edition


def edition_publish(*, edition: Edition, published_by: User) -> Publication:
    """Make an edition public; publishing twice raises ValidationError (German)."""
    with transaction.atomic():
        _locked_report(edition.conference)
        if Publication.objects.filter(edition=edition).exists():
            raise ValidationError(f"{edition} ist bereits veröffentlicht.", code="published")
        publication = Publication.objects.create(
            edition=edition, published_at=timezone.now(), published_by=published_by
        )
        audit(
            published_by,
            "edition.publish",
            conference=edition.conference.number,
            edition=edition.number,
        )
    return publication
