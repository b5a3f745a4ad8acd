"""A corpus of IntMK minutes rendered from the exchange format in many layouts.

``conferences`` holds the conferences (the parsed seed and synthetic ones of other years),
``layouts`` renders one as printed text in a given layout, ``documents`` as a DOCX (Word's
automatic numbering) or a PDF (WeasyPrint, line numbers in the margin), and ``compare`` says
field by field what a parse got right.  Used by tests/beschluesse/test_parser_corpus.py and
bench/bench_parser.py.
"""
