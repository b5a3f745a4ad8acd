"""Small writes to the Beschlussregister that keep derived data current: the search columns of
clauses, the links of references and of repeated demands. The import itself lives in
`importer/write.py`."""

from collections import defaultdict

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Case, F, FloatField, IntegerField, QuerySet, Value, When

from beschluesse.importer.repeats import Earlier, best_earlier, says_repeat
from beschluesse.models import Clause, Demand, Reference, Resolution
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


@transaction.atomic
def demand_chains_link() -> int:
    """Link every demand that repeats an earlier one to it, if both are in the database now
    (rules in `importer/repeats.py`); returns how many were linked.

    Runs after every import next to `references_link`, so the order in which conferences arrive
    does not matter. Only demands without a link are looked at and changed: a link once set,
    by this or by a person, stays. Four queries whatever the size of the register.
    """
    candidates = [
        (pk, wording, level, resolution_id)
        for pk, wording, level, clause_text, resolution_id in Demand.objects.filter(
            repeats__isnull=True, clause__resolution__references__target__isnull=False
        )
        .order_by("pk")
        .distinct()
        .values_list("pk", "wording", "level", "clause__text", "clause__resolution_id")
        if says_repeat(wording) or says_repeat(clause_text)
    ]
    if not candidates:
        return 0
    # Only references back in time: a later resolution may name this one, but is not repeated.
    named: dict[int, dict[int, str]] = defaultdict(dict)  # resolution -> target -> Ziffer
    for resolution_id, target_id, clause_number in Reference.objects.filter(
        resolution_id__in={c[3] for c in candidates},
        target__conference__number__lt=F("resolution__conference__number"),
    ).values_list("resolution_id", "target_id", "clause_number"):
        named[resolution_id].setdefault(target_id, clause_number)
    earlier: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for pk, wording, level, resolution_id, number in (
        Demand.objects.filter(clause__resolution_id__in={t for n in named.values() for t in n})
        .order_by("pk")
        .values_list("pk", "wording", "level", "clause__resolution_id", "clause__number")
    ):
        earlier[resolution_id].append((pk, wording, level, number))
    links: dict[int, tuple[int, float]] = {}
    for pk, wording, level, resolution_id in candidates:
        choices = [
            Earlier(other, other_wording, other_level, bool(ziffer) and number == ziffer)
            for target, ziffer in named[resolution_id].items()
            for other, other_wording, other_level, number in earlier[target]
        ]
        if found := best_earlier(wording, level, choices):
            links[pk] = found
    if not links:
        return 0
    return Demand.objects.filter(pk__in=links, repeats__isnull=True).update(
        repeats=Case(
            *(When(pk=pk, then=Value(other)) for pk, (other, _) in links.items()),
            output_field=IntegerField(),
        ),
        repeats_similarity=Case(
            *(When(pk=pk, then=Value(alike)) for pk, (_, alike) in links.items()),
            output_field=FloatField(),
        ),
    )
