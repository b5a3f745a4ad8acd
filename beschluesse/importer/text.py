"""Line cleanup for minutes converted from PDF/DOCX to text.

The converters leave markdown and HTML noise (``#``, ``**``, ``<b>``, ``<u>``, ``<sup>1</sup>``),
print the per-resolution line numbers in several forms ("- 1 …", "1 …", "  - 14 …",
"### 93 Reform …", "32beitsmarkt"), hyphenate words across lines and repeat page headers and
footers.  These helpers turn one raw line into a :class:`Line` and join lines back into text;
they know nothing about the structure of minutes.
"""

import re
from dataclasses import dataclass

from intmk.laender import LAENDER

_TAG = re.compile(r"</?(?:b|u|i|p|sup|em|strong|br)\s*/?>", re.IGNORECASE)
# A footnote reference inside running text ("Nettozuwanderung<sup>1</sup>") is dropped with its
# number; the footnote itself is skipped as a whole line.
_FOOTNOTE_REF = re.compile(r"<sup>[^<]*</sup>", re.IGNORECASE)
_HEADING_HASHES = re.compile(r"^#+\s*")
_DASH_NUMBER = re.compile(r"^-\s+(\d{1,4})(?:\s+(.*))?$")
_PLAIN_NUMBER = re.compile(r"^(\d{1,4})(?:\s+(.*))?$")
# "32beitsmarkt": the converter lost the space between line number and a word fragment.
_GLUED_NUMBER = re.compile(r"^(\d{1,4})([a-zäöüß].*)$")
_MAX_LINE_GAP = 2
_BULLET = re.compile(r"^(?:[-•▪◦·]\s+|[•▪◦·])")

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
# A place name on one line: "Göttingen", "Rostock-Warnemünde", "Frankfurt am Main", "Halle
# (Saale)", "Bad Homburg vor der Höhe"; capitalised words, joined by the small words of place
# names, or a part in brackets.  It never crosses a line break or punctuation.
PLACE = (
    r"[A-ZÄÖÜ][\w-]*"
    r"(?:[ \t]+(?:(?:am|an|der|im|in|ob|vor|bei)[ \t]+)*[A-ZÄÖÜ][\w-]*|[ \t]*\([^()\n]+\))*"
)
_DAY_OR_DATE = (
    rf"\d{{1,2}}\.(?:\s*(?:[-–/]|und|bis)\s*\d{{1,2}}\.)?\s*(?:{'|'.join(MONTHS)})(?:\s+\d{{4}})?"
    r"|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?:\s*(?:[-–/]|und|bis)\s*\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)?"
)
# Headers and footers are whole lines: a wrapped line of text that merely starts like one
# ("19. Integrationsministerkonferenz (TOP 3.3) gefordert, …") is text.
_PAGE_FURNITURE = re.compile(
    r"^(?:"
    r"\d{1,2}\.\s*Integrationsministerkonferenz\s+\d{4}"  # "19. Integrationsministerkonferenz 2024"
    rf"|Hauptkonferenz am\s+(?:{_DAY_OR_DATE})\s+in\s+{PLACE}"  # "… am 20. - 21. März 2024 in …"
    r"|Seite\s*\|?\s*\d+(?:\s*(?:von|/)\s*\d+)?"  # "Seite 2 von 40", "Seite | 2", "Seite 2/40"
    r"|\d+\s+von\s+\d+"  # "2 von 95"
    r"|[-–—]\s*\d+\s*[-–—]"  # "- 2 -", "– 2 –" (but not "- 21", an empty printed line)
    rf"|Stand\s*:?\s*(?:{_DAY_OR_DATE})"  # "Stand: 22.03.2024", the version in a footer
    r"|(?!https?:|www\.)[^\s<>]+\.(?:docx?|pdf|odt|rtf)"  # the file name in a footer
    r"|\(GL = Grüne Liste\)"
    r")$"
)
# Characters of the Private Use Area mean nothing outside the font that drew them, and the
# application uses them itself (search highlighting); the bullets of the Symbol and Wingdings
# fonts that Word and PDF converters leave there become real bullets.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_PRIVATE_USE_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪"})

# A hyphen at the end of a line followed by one of these words is a real hyphen of an elided
# compound ("Berufsbildungsvalidierungs-" + "und digitalisierungsgesetzes").
_CONJUNCTIONS = ("und", "oder", "bis", "sowie", "bzw.")


@dataclass(frozen=True)
class Line:
    """One cleaned line: the printed line number candidate, the text and layout hints."""

    number: int | None
    text: str
    heading: bool = False  # markdown heading or a line that is bold as a whole
    glued: bool = False  # number and text were glued together ("32beitsmarkt")


def strip_private_use(text: str) -> str:
    """Drop characters of the Private Use Area (U+E000–U+F8FF); symbol-font bullets become "•"."""
    if not _PRIVATE_USE.search(text):
        return text
    return _PRIVATE_USE.sub("", text.translate(_PRIVATE_USE_BULLETS))


def strip_markup(text: str) -> str:
    """Remove markdown/HTML emphasis, footnote references, heading hashes and characters of
    the Private Use Area; close the gaps a PDF extraction put into the words of headers and
    labels ("Hauptkonf erenz")."""
    text = strip_private_use(text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _TAG.sub("", text)
    text = text.replace("**", "").replace("\\*", "*")
    text = _HEADING_HASHES.sub("", text.strip())
    return repair_split_words(" ".join(text.split()))


# Words of headers, labels and the Länder that PDF extraction is seen to split by a space
# ("Hauptkonf erenz", "Antragst eller"), because of kerning or a font change inside the word.
# Only these: a split word of running text cannot be told from two words without a dictionary.
_SPLIT_PRONE = (
    "Integrationsministerkonferenz", "Hauptkonferenz", "Konferenz", "Beschlussniederschrift",
    "Ergebnisniederschrift", "Niederschrift", "Tagesordnung", "Antragsteller",
    "Berichterstatter", "Abstimmungsergebnis", "Veröffentlichung", "Umlaufverfahren",
    "Protokollnotiz", "Federführung", "federführend", "Tagesordnungspunkt", "einstimmig",
    "mehrheitlich", "beschlossen",
    *sorted({part for _, name in LAENDER for part in name.split("-") if len(part) > 5}),
)  # fmt: skip
_SPLIT_SET = frozenset(_SPLIT_PRONE)
_EDGE = re.compile(r"^(?P<head>.*[^\w-]|.*-|)(?P<left>\w+)$")  # "(Westf" → "(", "Westf"
_TAIL = re.compile(r"^(?P<right>\w+)(?P<rest>\W*)$")  # "alen)," → "alen", "),"


def repair_split_words(text: str) -> str:
    """ "Hauptkonf erenz am …" → "Hauptkonferenz am …" for the words of ``_SPLIT_PRONE``:
    two neighbouring pieces are joined when together they make one of those words."""
    if " " not in text:
        return text
    parts = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts):
            left, right = _EDGE.match(parts[i]), _TAIL.match(parts[i + 1])
            if left and right and left.group("left") + right.group("right") in _SPLIT_SET:
                out.append(parts[i] + parts[i + 1])
                i += 2
                continue
        out.append(parts[i])
        i += 1
    return " ".join(out)


def is_footnote(raw: str) -> bool:
    """The footnote rule ("---") and footnote texts ("<sup>1</sup> Statistische …")."""
    stripped = raw.strip()
    return stripped == "---" or stripped.lower().startswith("<sup>")


def is_page_furniture(text: str) -> bool:
    """Page headers and footers repeated on every page; ``text`` is already cleaned."""
    return bool(_PAGE_FURNITURE.search(text))


def clean_line(raw: str) -> Line:
    """Split a raw line into line-number candidate and cleaned text.

    The number is only a candidate: whether "2024 wurde …" starts with a line number or with a
    year is decided by the caller, who knows which number comes next (see ``accept_number``).
    """
    stripped = raw.strip()
    heading = stripped.startswith("#")
    text = strip_markup(stripped)
    bold = "**" in stripped or "<b>" in stripped.lower()
    if (match := _DASH_NUMBER.match(text)) or (match := _PLAIN_NUMBER.match(text)):
        number, rest = int(match.group(1)), match.group(2) or ""
    elif match := _GLUED_NUMBER.match(text):
        return Line(int(match.group(1)), match.group(2), heading=heading, glued=True)
    else:
        number, rest = None, text
    rest = normalise_bullet(rest)
    if bold and rest and not heading:
        heading = _is_bold_heading(stripped, rest)
    return Line(number, rest, heading=heading)


def _is_bold_heading(raw: str, text: str) -> bool:
    """A line bold as a whole and without closing punctuation reads as a heading."""
    inner = re.sub(r"^[-\s\d]*", "", raw.strip().lstrip("#").strip())
    whole_bold = inner.startswith(("**", "<b>")) and inner.endswith(("**", "</b>"))
    return whole_bold and not text.endswith((".", ",", ":", ";"))


def normalise_bullet(text: str) -> str:
    """Bullets come as "•", "▪" or a markdown "- "; they all become "• "."""
    if _BULLET.match(text) and not re.match(r"^-\s*\d+\s*-$", text):
        return "• " + _BULLET.sub("", text, count=1).strip()
    return text


def accept_number(line: Line, expected: int | None) -> bool:
    """Is the number candidate the printed line number (and not a year or amount)?

    Line numbers count up by one per resolution, so only the expected next number is taken,
    allowing a gap of up to two lines the converter may have dropped; the first line of a
    resolution must be 1.
    """
    if line.number is None:
        return False
    if expected is None:
        return line.number == 1
    return expected <= line.number <= expected + _MAX_LINE_GAP


def unnumbered(line: Line) -> str:
    """The full text of a line whose number candidate was rejected."""
    if line.number is None:
        return line.text
    joiner = "" if line.glued else " "
    return f"{line.number}{joiner}{line.text}".strip()


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into running text, undoing hyphenation at the line ends."""
    result = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        result = join_hyphenated(result, line) if result else line
    return repair_land_names(result)


def join_hyphenated(left: str, right: str) -> str:
    """Join two lines; "Ge-" + "setz" → "Gesetz", but "Job-" + "Berufssprachkurse" keeps its
    hyphen (capital after it), as do "Aus- und" (conjunction) and "nehmen -" (a dash).  A hyphen
    after a digit is always a real one: "18-" + "jährigen" → "18-jährigen"."""
    if not re.search(r"[^\W_]-$", left):
        return f"{left} {right}"
    first_word = right.split(" ", 1)[0]
    if first_word in _CONJUNCTIONS:
        return f"{left} {right}"
    if right[:1].islower() and not left[-2].isdigit():
        return left[:-1] + right
    return left + right


def _land_pattern(name: str) -> str:
    # "Mecklenburg- Vorpommern", "Nord-\nrhein-Westfalen" (joined as "Nord- rhein-Westfalen")
    parts = [re.escape(p) for p in name.split("-")]
    parts[0] = parts[0].replace("Nordrhein", r"Nord-?\s*rhein")
    return r"-\s*".join(parts)


_SPLIT_LAND = [
    (re.compile(_land_pattern(name)), name) for _, name in LAENDER if "-" in name or "rhein" in name
]


def repair_land_names(text: str) -> str:
    """Close the gaps the converter put into hyphenated Land names."""
    for pattern, name in _SPLIT_LAND:
        text = pattern.sub(name, text)
    return text


def normalise_for_compare(text: str) -> str:
    """Typography-free form for comparing titles: no quotes, one dash, single spaces."""
    text = re.sub(r"[„“”\"‚‘’'«»]", "", text)
    text = re.sub(r"\s*[-–—]\s*", "-", text)
    text = re.sub(r"§\s*", "§ ", text)
    return " ".join(text.split()).casefold()


# Abbreviations whose period does not end a sentence ("gem. § 44", "z. B. Frauen").
_ABBREVIATIONS = frozenset(
    [
        "gem",
        "Nr",
        "Abs",
        "Art",
        "bzw",
        "ca",
        "vgl",
        "z",
        "B",
        "d",
        "h",
        "u",
        "a",
        "e",
        "V",
        "S",
        "St",
        "Dr",
        "Prof",
        "ggf",
        "inkl",
        "evtl",
        "usw",
        "sog",
        "Ziff",
    ]
)
_SENTENCE_END = re.compile(r"[.!?][“”\"')]?(?=\s+[A-ZÄÖÜ„\"])|(?<=[^\s,;:])\n(?=[A-ZÄÖÜ„])")


# Words that typically open a German sentence.  After "ab dem Jahr 2026." one of them starts a
# new sentence; an ordinal is followed by a noun instead ("18. IntMK", "4. Quartal", "1. Juni").
SENTENCE_OPENERS = frozenset([
    "Die", "Der", "Das", "Dies", "Diese", "Dieser", "Dieses", "Den", "Dem", "Ein", "Eine", "Es",
    "Er", "Sie", "Wir", "Man", "Ziel", "Dabei", "Hierzu", "Hierbei", "Hierfür", "Dazu", "Dafür",
    "Damit", "Dadurch", "Daher", "Deshalb", "Deswegen", "Darüber", "Zudem", "Ferner", "Außerdem",
    "Auch", "Allerdings", "Jedoch", "Gleichzeitig", "Insbesondere", "Zugleich", "So", "Um", "Mit",
    "In", "Im", "Für", "Bei", "Nach", "Zur", "Zum", "Aus", "Aufgrund", "Angesichts", "Trotz",
    "Seit", "Ab", "Bis", "Vor",
])  # fmt: skip
_YEAR = re.compile(r"(?:\d{1,2}\.\d{1,2}\.)?(?:19|20)\d\d")


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences.

    A period after an abbreviation does not end a sentence.  A period after a number ends one
    only when the number ends a date or a year ("bis 2024. Der …", "am 02.02.2024. Die …") or
    when the next word is a typical sentence opener (``SENTENCE_OPENERS``: "Die", "Es", "Zudem",
    "Um" …); so ordinals before a noun ("der 18. IntMK", "im 4. Quartal", "am 1. Juni 2022")
    and list numbers at the start of a line ("1. Die …") stay inside the sentence.  A line break
    ends a sentence when the next line starts with a capital (a heading, or a new paragraph),
    but not before list items ("1. die …", "• …"), which belong to their intro.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(0).startswith(".") and not _period_ends_sentence(
            text[: match.start()], text[match.end() :]
        ):
            continue
        end = match.end()
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _period_ends_sentence(before: str, after: str) -> bool:
    word = re.search(r"(\S+)$", before)
    if not word:
        return True
    token = word.group(1).lstrip('(„"')
    if token in _ABBREVIATIONS:
        return False
    if not re.fullmatch(r"[\d.]+", token):
        return True
    if re.search(r"(?:^|\n)\s*\S+$", before) and re.fullmatch(r"\d{1,2}", token):
        return False  # a list number: "\n1. Die Verstetigung …"
    next_word = after.split(maxsplit=1)[0].strip('„"') if after.strip() else ""
    return bool(_YEAR.fullmatch(token)) or next_word in SENTENCE_OPENERS
