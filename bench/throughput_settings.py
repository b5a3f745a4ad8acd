"""Production settings plus one trivial view, for bench/bench_throughput.py only.

The trivial view runs through the same middleware as every page: the share of its requests per
second that a page reaches says what the page itself costs, whatever the machine.
"""

from intmk.settings import *  # noqa: F403

ROOT_URLCONF = "throughput_urls"
