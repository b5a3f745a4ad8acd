"""German search over the clauses: full text, and parts of compounds.

PostgreSQL's German full-text search stems whole words: "Sprachkurs" does not find
"Berufssprachkurse", and the snowball stemmer even gives "Integrationskurs" (integrationskur)
and "Integrationskurse" (integrationskurs) different stems. So each clause also keeps its stemmed
words as text (`Clause.search_words`), and a query matches when every one of its
words, stemmed and without a final "s", occurs inside a stemmed word of the clause. Short stems
(under four letters: "EU", "BA") must be a whole word, or they would turn up inside unrelated
ones; stop words ("für") match everywhere. Full-text matches rank first (`ts_rank`); clauses
found only through a word part follow, in the list's usual order.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db.models import Expression, F, Func, Q, TextField, Value

# A word of the query; "-wort" excludes it (websearch syntax), "or" joins alternatives.
_WORD = re.compile(r"(?<![\w-])(-?)(\w+)")
MIN_PART_LENGTH = 4


def search_words_of(vector: Expression | F) -> Func:
    """ " wort1 wort2 … ": the lexemes of a tsvector, between spaces, so that a whole word can be
    matched as " wort "."""
    return Func(
        vector,
        template="' ' || array_to_string(tsvector_to_array(%(expressions)s), ' ') || ' '",
        output_field=TextField(),
    )


class _WordPart(Func):
    """What a query word must match inside `search_words`: its stem without a final "s"; for a
    short stem the whole word " eu "; "" (anything) for a stop word. Computed once per query."""

    template = (
        "(SELECT CASE WHEN s = '' THEN '' WHEN length(s) >= "
        + str(MIN_PART_LENGTH)
        + " THEN s ELSE ' ' || s || ' ' END FROM (SELECT regexp_replace(coalesce(("
        "ts_lexize('german_stem', lower(%(expressions)s)))[1], ''), '^(.{"
        + str(MIN_PART_LENGTH)
        + r",})s$', '\1') AS s) AS stem)"
    )
    output_field = TextField()


def words(text: str) -> tuple[list[str], list[str]]:
    """The words that must occur and those excluded with "-"; "or" is an operator."""
    wanted: list[str] = []
    excluded: list[str] = []
    for minus, word in _WORD.findall(text):
        if word.casefold() != "or":
            (excluded if minus else wanted).append(word)
    return wanted, excluded


def word_parts(text: str, field: str) -> Q | None:
    """Every wanted word of the query inside a stemmed word of `field` (a `search_words`
    column), no excluded one."""
    wanted, excluded = words(text)
    if not wanted:
        return None
    condition = Q()
    for word in wanted:
        condition &= Q(**{f"{field}__contains": _WordPart(Value(word))})
    for word in excluded:
        condition &= ~Q(**{f"{field}__contains": _WordPart(Value(word))})
    return condition


def full_text(text: str) -> SearchQuery:
    return SearchQuery(text, config="german", search_type="websearch")
