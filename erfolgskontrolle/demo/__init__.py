"""Synthetic follow-up data for development and the benches, to see the pages with many entries.

``entries`` builds progress entries over all demands of the register from a seeded
``random.Random`` and writes them with COPY; ``manage.py demo_followup --entries N`` and the
scripts in ``bench/`` call it. Never used in production.
"""
