"""Reading IntMK minutes into the exchange format.

The pipeline: ``readers.read_document(bytes) -> Document`` detects the format from the content
(plain text converted from PDF, a PDF with a text layer, a DOCX, or our own JSON export) and
returns text lines; ``parser.parse_niederschrift(text) -> dict`` turns the text of minutes into
the exchange format; ``write.conference_import`` writes that into the database.

The exchange format is the JSON of ``export_konferenz`` (see docs/design.md)::

    {"konferenz": {"nummer": 19, "jahr": 2024, "ort": "Rostock-Warnemünde",
                   "beginn": "2024-03-20", "ende": "2024-03-21", "vorsitz": "DE-MV",
                   "motto": "Miteinander wachsen"},
     "tagesordnung": [{"top": "3.3", "titel": "…", "gruppe": "…",
                       "antragsteller": ["DE-BE"], "federfuehrend": "DE-BE",
                       "gruene_liste": false}],
     "beschluesse": [{"top": "3.3", "titel": "…", "abstimmung": "mehrheitlich",
                      "gruene_liste": false, "antragsteller": ["DE-BE"], "federfuehrend": "DE-BE",
                      "berichterstatter": null, "zeilen": 57,  # abstimmung: or null
                      "ziffern": [{"nummer": "1" | null, "zeile_von": 1 | null,
                                   "zeile_bis": 10 | null, "text": "…", "art": "feststellung",
                                   "forderungen": [{"adressat": "Bund", "ebene": "bund",
                                                    "art": "pruefbitte", "wortlaut": "…"}]}],
                      "protokollnotizen": [{"land": "DE-BY", "zeile_von": 317,
                                            "zeile_bis": 346, "text": "…"}],
                      "verweise": [{"konferenz": 18, "top": "2.3", "ziffer": null}]}],
     "warnungen": ["…"]}
"""

from beschluesse.importer.errors import NiederschriftError

__all__ = ["NiederschriftError"]
