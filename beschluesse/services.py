"""Small writes to the Beschlussregister that keep derived data current: the search columns of
clauses and the links of references. The import itself lives in `importer/write.py`."""

from django.contrib.postgres.search import SearchVector
from django.db.models import F, QuerySet

from beschluesse.models import Clause, Reference, Resolution
from beschluesse.search import search_words_of


def clause_search_vectors_update(clauses: QuerySet[Clause]) -> None:
    """Recompute the German full-text vectors of these clauses and their stemmed words (kept in
    columns for the indexes)."""
    clauses.update(search_vector=SearchVector("text", config="german"))
    clauses.update(search_words=search_words_of(F("search_vector")))


def references_link() -> int:
    """Point every unlinked reference at its resolution if that is in the database now.

    Runs after every import, so a reference from the 19th to the 18th IntMK is linked as soon
    as the 18th arrives, whichever came first.
    """
    linked = 0
    unlinked = Reference.objects.filter(target__isnull=True)
    keys = {(r.conference_number, r.top) for r in unlinked}
    if not keys:
        return 0
    targets = {
        (r.conference.number, r.top): r.pk
        for r in Resolution.objects.filter(
            conference__number__in={n for n, _ in keys}
        ).select_related("conference")
    }
    for reference in unlinked:
        target = targets.get((reference.conference_number, reference.top))
        if target:
            reference.target_id = target
            reference.save(update_fields=["target"])
            linked += 1
    return linked
