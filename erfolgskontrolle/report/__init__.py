"""The Erfolgskontrolle report: its data (`schema`), how it is built from the log, frozen
editions, and the renderers that turn the same data into HTML, PDF, DOCX, XLSX and CSV."""
