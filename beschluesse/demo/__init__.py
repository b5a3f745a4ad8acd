"""Synthetic but realistic demo conferences, to see how the pages behave with many years of data.

``conference.demo_conference`` builds one conference as an exchange document from
``random.Random(f"{seed}-{number}")``, so the same number and seed always give the same
conference, whichever others exist; ``words`` holds the vocabulary it draws from. The command
``generate_demo`` writes them through ``conference_import`` like a real one.
"""
