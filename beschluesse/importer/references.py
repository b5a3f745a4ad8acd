"""References to earlier IntMK resolutions ("Beschluss der 18. IntMK (TOP 1.2 Ziffer 3)").

A reference needs a conference number and a TOP; "Beschluss der 16. IntMK vom 29.04.2021"
without a TOP cannot be linked and is not emitted.  TOPs of other conferences ("TOP 6.5 der
100. Arbeits- und Sozialministerkonferenz (ASMK)") are not IntMK references.
"""

import re

from beschluesse.importer.exchange import ReferenceRecord
from beschluesse.importer.text import split_sentences

_TOP_NUMBER = r"\d+(?:\.\d+)*[a-z]?"
_CLAUSE = r"(?:,?\s+(?:Ziffer|Ziff\.|Absatz|Abs\.|Nr\.)\s*(?P<ziffer>\d+[a-z]?))?"
# "TOP 1.2 Ziffer 3", "(TOP 5.3.)", "Beschlusses 5.1" (a resolution named by its TOP number)
_TOP = re.compile(rf"\b(?:TOP|Beschlusses|Beschluss)\s+(?P<top>{_TOP_NUMBER})\.?{_CLAUSE}")
_INTMK = re.compile(r"\b(?P<nummer>\d{1,2})\.\s*(?:IntMK|Integrationsministerkonferenz)\b")
# Any other conference, numbered or not: "100. ASMK", "Arbeits- und Sozialministerkonferenz",
# "Ministerpräsidentenkonferenz (MPK)".
_OTHER_CONFERENCE = re.compile(
    r"\b(?:\d{1,3}\.\s*)?(?:ASMK|MPK|JFMK|KMK|IMK|GMK"
    r"|(?:[\w-]+\s+und\s+)?(?!Integrationsminister)[A-ZÄÖÜ]\w*konferenz(?:en)?)\b"
)
# "TOP 7.2 … der 18. IntMK" (TOP first) or "TOP 6.5 der 100. ASMK" (another conference's TOP)
_FOLLOWING_CONFERENCE = re.compile(r"^\s+der\s+(?:(?P<nummer>\d{1,3})\.\s*)?(?P<name>\S+)")


def find_references(text: str) -> list[ReferenceRecord]:
    """References in order of appearance, each once."""
    found: list[ReferenceRecord] = []
    for sentence in split_sentences(text):
        found.extend(_sentence_references(sentence))
    return list(dict.fromkeys(found))


def _sentence_references(sentence: str) -> list[ReferenceRecord]:
    conferences = _conference_mentions(sentence)
    references = []
    for match in _TOP.finditer(sentence):
        nummer = _conference_for(match, sentence, conferences)
        if nummer is not None:
            references.append(ReferenceRecord(nummer, match.group("top"), match.group("ziffer")))
    return references


def _conference_mentions(sentence: str) -> list[tuple[int, int | None]]:
    """(position, IntMK number or None for another conference), in order."""
    mentions: list[tuple[int, int | None]] = [
        (m.start(), int(m.group("nummer"))) for m in _INTMK.finditer(sentence)
    ]
    mentions += [(m.start(), None) for m in _OTHER_CONFERENCE.finditer(sentence)]
    return sorted(mentions, key=lambda mention: mention[0])


def _conference_for(
    match: re.Match[str], sentence: str, conferences: list[tuple[int, int | None]]
) -> int | None:
    """The IntMK a TOP belongs to: the one named right after it ("TOP 2.6 der 17. IntMK"),
    else the conference named last before it in the sentence, if that is an IntMK."""
    following = _FOLLOWING_CONFERENCE.match(sentence[match.end() :])
    if following and following.group("nummer"):
        return _intmk_number(sentence[match.end() :])
    before = [number for position, number in conferences if position < match.start()]
    return before[-1] if before else None


def _intmk_number(rest: str) -> int | None:
    intmk = re.match(r"^\s+der\s+(\d{1,2})\.\s*(?:IntMK|Integrationsministerkonferenz)\b", rest)
    return int(intmk.group(1)) if intmk else None
