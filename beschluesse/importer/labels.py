"""The labelled lines of a resolution page's header: applicants, rapporteur, lead, vote.

"Antragsteller: Berlin, Bremen", "Berichterstatter: Hessen", "Federführung: Berlin", the
vote as a formula ("Die IntMK hat einstimmig beschlossen:"), a label ("Abstimmungsergebnis:
16:0:0", "Beschluss: einstimmig") or counted in words ("Ja: 15 Nein: 0 Enthaltung: 1"), and
"Beschluss:", after which the text begins.  ``pages`` reads the header with these.
"""

import re

from beschluesse.importer.fields import laender

_VOTE_WORD = r"(?i:einstimmig|mehrheitlich)|\d{1,2}\s*:\s*\d{1,2}(?:\s*:\s*\d{1,2})?"
# "Die IntMK hat einstimmig beschlossen:", "… hat mit 15:1 Stimmen beschlossen", and formulas
# that introduce the text: "Die IntMK fasst einstimmig folgenden Beschluss:", "Beschluss
# (einstimmig):", "Einstimmig beschlossen:".
VOTE = re.compile(
    rf"\b({_VOTE_WORD})\b(?:.*\bbeschlossen\b|.*\b(?:beschließt|beschließen|Beschluss)\b.*:$)"
    rf"|^Beschluss\s*\(\s*({_VOTE_WORD})\s*\)\s*:$"
)
VOTE_LABEL = re.compile(
    r"^(?:Abstimmungsergebnis|Abstimmung|Ergebnis(?:\s+der\s+Abstimmung)?|Stimmergebnis"
    r"|Abstimmungsverhalten|Annahme|Beschlussfassung|Votum)\s*:\s*(?P<rest>.*)$"
)
# The vote alone after "Beschluss:" or in brackets after the title: "einstimmig",
# "(mehrheitlich)", "16:0:0", "einstimmig angenommen"
VOTE_ONLY = re.compile(
    rf"^\(?\s*(?:{_VOTE_WORD})\s*\)?(?:\s+(?:beschlossen|angenommen|gefasst))?\s*\.?$"
)
TITLE_VOTE = re.compile(rf"\s*[(\[]\s*(?P<vote>{_VOTE_WORD})\s*[)\]]\s*$")
# "Antragsteller:", "Antragstellende Länder:", "Berichterstatterin:", "Berichterstattung:",
# "Beschluss:", "Federführung:", "Federführendes Land:" …
LABEL = re.compile(
    r"^(?P<label>Antragstell(?:er(?:in(?:nen)?)?|ende(?:\s+Länder)?)|Berichterstatt(?:er(?:in)?|ung)"
    r"|Beschluss|Veröffentlichung|Federführ(?:ung|end(?:es\s+Land)?))\s*:\s*(?P<rest>.*)$"
)
# A line that goes on with the Länder of the label before: the label's last line ended with a
# comma, "und", a hyphen ("Mecklenburg-"), or this line is only Länder.
_LIST_OPEN = re.compile(r"(?:[,/-]|\b(?:und|sowie|außer|ohne))\s*$")
_ONLY_LAENDER = re.compile(
    r"^(?:(?:[A-ZÄÖÜ][\w-]*|\(\s*(?:federführend|ff\.?)\s*\))[\s,;]*|und\s+|sowie\s+)+\.?$"
)


def opens_resolution(text: str) -> bool:
    """A label or vote line that only a resolution page has (``text`` is cleaned)."""
    return bool(LABEL.match(text) or VOTE_LABEL.match(text) or VOTE.search(text))


def continues_label(label: list[str], text: str) -> bool:
    """Does ``text`` go on with the Länder of the label read so far?"""
    return bool(_LIST_OPEN.search(label[-1]) or (laender(text) and _ONLY_LAENDER.match(text)))
