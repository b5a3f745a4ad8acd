"""German wording rules: which sentence carries which kind of clause or demand, and to whom.

The kinds follow the table in shared/DOMAIN.md ("Kinds of clause").  ``RULES`` is the one table
to read and to extend; this module holds only the table and its row type.  ``find_demands`` and
``statement_kinds`` in ``demands`` only apply it.  Who can be addressed is not listed here: the
rules are built from the table of addressees in ``addressees`` (``wording(rows)``), so that a
new addressee is one row there.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from beschluesse.importer.addressees import ADDRESSEES, AddresseeRow, AddresseeTable
from beschluesse.models import Kind

_ADVERBS = (
    r"(?:(?:daher|deshalb|ferner|zudem|außerdem|weiterhin|erneut|jedoch|insbesondere|auch)\s+)*"
)
_VERB_GAP = r"(?:\S+\s+){0,4}?"
# "die Länder" as the subject on their own, not the end of a list ("Bund und die Länder").
_LAENDER_SUBJECT = r"(?<!und\s)(?<!,\s)(?<!sowie\s)\b[Dd]ie\s+Länder"
# Rest of the same sentence; dots of ordinals and list numbers ("der 18. IntMK", "1. der") stay.
_SAME_SENTENCE = r"(?:[^.;]|(?<=\d)\.)*?"


class Addressee(Enum):
    """How a rule finds whom the sentence addresses."""

    GROUP = "group"  # the regex group ``adr``; one demand per name listed there
    LAENDER = "laender"  # the Länder themselves ("Die Länder sagen zu")
    PRECEDING = "preceding"  # none named: the addressee of the nearest preceding demand
    NONE = "none"  # a statement: it sets the clause's kind but is not followed up


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    kind: Kind
    addressee: Addressee
    example: str  # a sentence from real minutes that the rule must match (tested)
    trigger: str  # the rule is only tried on sentences containing this (lower case) text


def _rule(pattern: str, kind: Kind, addressee: Addressee, example: str, *, trigger: str) -> Rule:
    return Rule(re.compile(pattern), kind, addressee, example, trigger)


G, LAENDER, NONE = Addressee.GROUP, Addressee.LAENDER, Addressee.NONE
PRECEDING = Addressee.PRECEDING


def _rules(addressees: AddresseeTable) -> list[Rule]:
    one = addressees.one  # "den Bund", "das Bundesministerium … (BMI)"
    # "Bund und Länder", "Bund, Länder und Kommunen", "den Bund und nachfolgend auch die Länder"
    many = rf"{one}(?:(?:\s*,\s*|\s+und\s+(?:nachfolgend\s+auch\s+)?){one})*"
    # Working groups and the chair are the conference's own bodies: asking them is an order.
    internal = addressees.internal
    return [
        # --- Auftrag: orders to the conference's own bodies come first, before "bittet …" ---
        _rule(
            rf"\bbeauftragt\s+(?:die\s+IntMK\s+)?(?:hiermit\s+)?(?P<adr>{one})",
            Kind.AUFTRAG,
            G,
            "In Ergänzung dieses Beschlusses beauftragt die IntMK hiermit das Land Hessen, …",
            trigger="beauftragt",
        ),
        _rule(
            rf"\bbitte[tn]\s+{_ADVERBS}(?P<adr>{internal})\b",
            Kind.AUFTRAG,
            G,
            "Die IntMK bittet das Vorsitzland der 19. IntMK, die Gespräche zu führen.",
            trigger="bitte",
        ),
        # --- Prüfbitte: the specific "… zu prüfen" forms before the general "bittet" ---
        _rule(
            rf"\bbitte[tn]\s+{_ADVERBS}(?P<adr>{one})\b{_SAME_SENTENCE}\bzu\s+prüfen\b",
            Kind.PRUEFBITTE,
            G,
            "Die IntMK bittet den Bund ferner zu prüfen, ob und wie das BAMF …",
            trigger="prüfen",
        ),
        _rule(
            rf"\b(?P<adr>{one})\s+wird\s+{_VERB_GAP}gebeten,?\s+zu\s+prüfen\b",
            Kind.PRUEFBITTE,
            G,
            "Der Bund wird zudem gebeten zu prüfen, inwiefern praktische Hürden …",
            trigger="prüfen",
        ),
        _rule(
            rf"\bwird\s+(?P<adr>{one})\s+{_VERB_GAP}gebeten,?\s+zu\s+prüfen\b",
            Kind.PRUEFBITTE,
            G,
            "Um Abhilfe zu schaffen, wird der Bund gebeten, zu prüfen, mit welchen Systemen …",
            trigger="prüfen",
        ),
        _rule(
            rf"\b(?P<adr>{one})\s+wird\s+{_VERB_GAP}um\s+Prüfung\s+gebeten\b",
            Kind.PRUEFBITTE,
            G,
            "Die Bundesregierung wird um Prüfung gebeten, wie die Verpflichtungen "
            "umgesetzt werden.",
            trigger="prüfung",
        ),
        _rule(
            rf"\bPrüfbitte\s+an\s+(?P<adr>{many})",
            Kind.PRUEFBITTE,
            G,
            "In einem ersten Schritt wird daher eine Prüfbitte an den Bund gerichtet, ob …",
            trigger="prüfbitte",
        ),
        # "aufgefordert zu prüfen" asks for an examination, so it is a Prüfbitte, not a Forderung.
        _rule(
            rf"\b(?P<adr>{many})\s+(?:werden|wird)\s+{_VERB_GAP}aufgefordert,?\s+zu\s+prüfen\b",
            Kind.PRUEFBITTE,
            G,
            "Bund und Länder werden aufgefordert zu prüfen, wie Angebote sich besser einstellen.",
            trigger="prüfen",
        ),
        # --- Forderung ---
        _rule(
            rf"\bforder(?:t|n)\s+(?:die\s+IntMK\s+)?{_ADVERBS}(?P<adr>{one})\s+{_VERB_GAP}auf\b",
            Kind.FORDERUNG,
            G,
            "Die IntMK fordert den Bund erneut auf, die Regelung auf den Weg zu bringen.",
            trigger="forder",
        ),
        _rule(
            rf"\bwird\s+(?P<adr>{one})\s+{_VERB_GAP}aufgefordert\b",
            Kind.FORDERUNG,
            G,
            "Um das Angebot zu erhöhen, wird der Bund aufgefordert, die Finanzierung zu sichern.",
            trigger="aufgefordert",
        ),
        _rule(
            rf"\b(?P<adr>{many})\s+(?:werden|wird)\s+{_VERB_GAP}aufgefordert\b",
            Kind.FORDERUNG,
            G,
            "Die Bundesregierung wird aufgefordert, das Gesetz zu ändern.",
            trigger="aufgefordert",
        ),
        _rule(
            r"\bmuss\s+(?P<adr>der\s+Bund|die\s+Bundesregierung)\b",
            Kind.FORDERUNG,
            G,
            "Hier muss der Bund nachsteuern.",
            trigger="muss",
        ),
        _rule(
            r"\b(?P<adr>[Dd]er\s+Bund|[Dd]ie\s+Bundesregierung)\s+muss\b",
            Kind.FORDERUNG,
            G,
            "Der Bund muss hierfür möglichst zügig die angekündigten Finanzmittel bereitstellen.",
            trigger="muss",
        ),
        # A demand made before and reaffirmed: "bekräftigt die IntMK daher ihre Forderung im Sinne
        # des Beschlusses 5.1 der 18. IntMK, dass der Bund … hinwirkt" asks the Bund again.
        _rule(
            rf"\bbekräftig(?:t|en)\s+{_SAME_SENTENCE}\b(?:ihre|seine|die|unsere)\s+(?:\w+\s+)?"
            rf"Forderung(?:en)?\b{_SAME_SENTENCE},?\s+dass\s+(?P<adr>{many})\b",
            Kind.FORDERUNG,
            G,
            "Daher bekräftigt die IntMK ihre Forderung im Sinne des Beschlusses 5.1 der 18. IntMK, "
            "dass der Bund auf einen Ausbau hinwirkt.",
            trigger="bekräftig",
        ),
        _rule(
            rf"\bbekräftig(?:t|en)\s+{_SAME_SENTENCE}\b(?:ihre|seine|die|unsere)\s+(?:\w+\s+)?"
            rf"Forderung(?:en)?\s+an\s+(?P<adr>{many})",
            Kind.FORDERUNG,
            G,
            "Die IntMK bekräftigt ihre Forderung an den Bund, die Mittel zu verstetigen.",
            trigger="bekräftig",
        ),
        # "Die Länder sind … gefordert" on their own: the Länder commit themselves.  Before the
        # general row below, which would read it as a Forderung to the Länder.
        _rule(
            rf"{_LAENDER_SUBJECT}\s+sind\s+(?:\S+\s+){{0,10}}?gefordert\b",
            Kind.SELBSTVERPFLICHTUNG,
            LAENDER,
            "Die Länder sind gleichermaßen beim Rechtsanspruch für das Landesrecht gefordert.",
            trigger="gefordert",
        ),
        _rule(
            rf"\b(?P<adr>{many})(?:\s+und\s+[^.;,]{{0,60}}?)?\s+sind\s+(?:\S+\s+){{0,10}}?gefordert\b",
            Kind.FORDERUNG,
            G,
            "Bund, Länder und Kommunen sind gefordert, die Bedarfe zu berücksichtigen.",
            trigger="gefordert",
        ),
        # "fordert die IntMK … die Wiedereinführung …": no addressee named (and none right after the
        # verb, nor a "dass" clause); the demand goes to the addressee of the preceding demand.
        _rule(
            rf"\bforder[tn]\s+(?>(?:die\s+IntMK\b\s*)?{_ADVERBS})(?!,|dass\b|{one}\b)(?=\S)",
            Kind.FORDERUNG,
            PRECEDING,
            "Ferner fordert die IntMK jedoch insbesondere auch die Wiedereinführung eines Bonus.",
            trigger="forder",
        ),
        # --- Bitte / Appell ---
        _rule(
            rf"\b(?P<adr>{one})\s+wird\s+{_VERB_GAP}gebeten\b",
            Kind.BITTE,
            G,
            "Die Bundesregierung wird gebeten, § 44 Absatz 1 AufenthG zu ändern.",
            trigger="gebeten",
        ),
        _rule(
            rf"\bbitte[tn]\s+{_ADVERBS}(?P<adr>{one})\b",
            Kind.BITTE,
            G,
            "Die IntMK bittet das Bundesministerium des Innern und für Heimat (BMI), …",
            trigger="bitte",
        ),
        _rule(
            rf"\bappellier(?:t|en)\s+{_ADVERBS}an\s+(?P<adr>{one})",
            Kind.BITTE,
            G,
            "Sie appellieren deshalb erneut an den Bund, einen Regelansatz zu entwickeln.",
            trigger="appellier",
        ),
        _rule(
            rf"\berinner(?:t|n)\s+(?P<adr>{one})\b",
            Kind.BITTE,
            G,
            "Sie erinnert den Bund an sein Bekenntnis im Beschluss der MPK.",
            trigger="erinner",
        ),
        # --- Empfehlung: followed up only when addressed ---
        _rule(
            rf"\bempfiehlt\s+(?:die\s+IntMK\s+)?{_ADVERBS}(?P<adr>{one})",
            Kind.EMPFEHLUNG,
            G,
            "Die IntMK empfiehlt dem Bundesamt für Migration und Flüchtlinge (BAMF) …",
            trigger="empf",
        ),
        _rule(
            rf"\breg(?:t|en)\s+(?:die\s+IntMK\s+)?{_ADVERBS}an\b",
            Kind.EMPFEHLUNG,
            PRECEDING,
            "Um nicht abhängig zu sein, regt die IntMK an, die EOK gesetzlich zu verankern.",
            trigger="reg",
        ),
        _rule(
            r"\bempfehlen?\b|\bempfiehlt\b",
            Kind.EMPFEHLUNG,
            NONE,
            "Die IntMK empfiehlt daher, wissenschaftliche Forschung zu stärken.",
            trigger="empf",
        ),
        # --- Selbstverpflichtung ---
        _rule(
            rf"{_LAENDER_SUBJECT}\s+bekennen\s+sich\b",
            Kind.SELBSTVERPFLICHTUNG,
            LAENDER,
            "Die Länder bekennen sich zur Fortsetzung der Zusammenarbeit mit dem Bund.",
            trigger="bekennen",
        ),
        _rule(
            r"\b[Dd]ie\s+Länder\s+sagen\s+(?:\S+\s+){0,2}?zu\b",
            Kind.SELBSTVERPFLICHTUNG,
            LAENDER,
            "Die Länder sagen zu, weitere Möglichkeiten für politische Partizipation "
            "zu überprüfen.",
            trigger="sagen",
        ),
        # --- Statements: not followed up ---
        _rule(
            r"\bbegrüß(?:t|en)\b",
            Kind.BEGRUESSUNG,
            NONE,
            "Die IntMK begrüßt die Reform des Staatsangehörigkeitsrechtes.",
            trigger="begrüß",
        ),
        _rule(
            r"\bstell(?:t|en)\s+(?:\S+\s+){0,3}?fest\b",
            Kind.FESTSTELLUNG,
            NONE,
            "Die IntMK stellt mit Sorge fest, dass Einstellungen hohen Zulauf erfahren.",
            trigger="fest",
        ),
        _rule(
            r"\bsieht\b",
            Kind.FESTSTELLUNG,
            NONE,
            "Die IntMK sieht die Ausländerbehörden als integralen Bestandteil an.",
            trigger="sieht",
        ),
        _rule(
            r"\bsehen\b",
            Kind.FESTSTELLUNG,
            NONE,
            "Die Länder (IntMK) sehen in der Bewertung von Berufskompetenzen ein "
            "wichtiges Instrument.",
            trigger="sehen",
        ),
        _rule(
            rf"\b(?:nimmt|nehmen)\b{_SAME_SENTENCE}\bzur\s+Kenntnis\b",
            Kind.KENNTNISNAHME,
            NONE,
            "Die IntMK nimmt den mündlichen Bericht zur Kenntnis.",
            trigger="kenntnis",
        ),
    ]


@dataclass(frozen=True, eq=False)
class Wording:
    """The wording rules and the table of addressees they were built from."""

    addressees: AddresseeTable
    rules: tuple[Rule, ...]


def wording(rows: Iterable[AddresseeRow] = ADDRESSEES) -> Wording:
    """The wording rules for the addressees of ``rows`` (by default the table ``ADDRESSEES``)."""
    table = AddresseeTable(rows)
    return Wording(table, tuple(_rules(table)))


WORDING = wording()
RULES = WORDING.rules
"""The wording rules, most specific first.

To extend: a new addressee (a ministry, an agency, a body of the conference) is a row of
``addressees.ADDRESSEES``, not a change here.  A new wording is a row of ``_rules`` with a
regular expression, the kind and how the addressee is found.  With ``Addressee.GROUP`` the
expression must capture the addressee(s) in a group named ``adr`` (use ``one`` for one
addressee, ``many`` for lists such as "Bund und Länder", ``internal`` for the conference's own
bodies; all three come from the table of addressees).

``Addressee.PRECEDING`` is for demands worded without an addressee ("… regt die IntMK an, die
EOK gesetzlich zu verankern", "fordert die IntMK … die Wiedereinführung eines „Alphabonus“"):
such a demand takes the addressee and level of the nearest preceding demand in the same
resolution (earlier in the sentence, or in an earlier sentence or clause); the parser passes it
in as ``preceding``.  Without a preceding demand the sentence carries no demand and no kind.

``Addressee.LAENDER`` rows are the Länder's self-commitments: "Die Länder sagen zu", "Die
Länder bekennen sich zu …", and "Die Länder sind … gefordert" when the Länder stand alone (in
"Bund, Länder und Kommunen sind gefordert" all three are asked: a Forderung).  "Die IntMK
bekennt sich dazu, …" is a statement of the conference and no demand.

``trigger`` is a lower-case word the sentence must contain before the expression is tried (it
keeps parsing fast).  Put the row before more general rows that would match the same verb:
where two rows match overlapping text, only the earlier row counts (so "bittet den Bund zu
prüfen" is a Prüfbitte, not a Bitte).  Give a real example sentence;
tests/beschluesse/test_rules.py checks every row against its example.
"""
