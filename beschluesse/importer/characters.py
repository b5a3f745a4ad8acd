"""Characters that converters put into the text and that mean nothing else than a plain one.

PDF extraction and Word leave typographic ligatures ("ﬁ"), soft hyphens (U+00AD: invisible
inside a line, a hyphen where the line broke), non-breaking and narrow spaces, zero-width
characters and form feeds between pages (pdftotext).  They are replaced before the parser
reads the lines, so that every rule sees one spelling: "Qualiﬁzierung" is "Qualifizierung",
"Integrations\\u00adkurse" is "Integrationskurse", "16\\u00a0:\\u00a00" is "16 : 0".  Tabs stay:
they separate table cells.
"""

import re

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# no-break, figure, narrow, thin and other fixed-width spaces, the ideographic space
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# zero-width space and joiners, word joiner, byte order mark
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_HYPHENS = re.compile("[\u2010\u2011]")  # hyphen, non-breaking hyphen
_SOFT_HYPHEN_AT_BREAK = re.compile("\u00ad[ \t]*(?=\n)")


def normalise_characters(text: str) -> str:
    """The text with plain characters for ligatures, special spaces and hyphens; soft hyphens
    dropped inside a line and written as "-" at a line end (the word was hyphenated there);
    form feeds dropped, vertical tabs (Word's manual line break) made line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "")
    if text.isascii():
        return text
    text = text.translate(_LIGATURES)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _HYPHENS.sub("-", text)
    text = _SOFT_HYPHEN_AT_BREAK.sub("-", text)
    return text.replace("\u00ad", "")
