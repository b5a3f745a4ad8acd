"""Minutes uploaded in the browser and kept until their uploader confirms them (issue 9, 2).

``models`` the pending import, ``corrections`` the curator's changes to its exchange data,
``services`` the writes (upload, correct, confirm), ``preview`` what the preview page shows,
``forms`` and ``views`` the pages under ``/verwaltung/import/``.
"""
