"""Natural order of TOP numbers: "A", "B", "A3" first, then 1 < 1.2 < 1.10 < 2 < 2.9b."""

import re

_TOKEN = re.compile(r"\d+|[A-Za-z]+")


def top_sort_key(top: str) -> str:
    tokens = _TOKEN.findall(top)
    if not tokens:
        return "9|" + top.lower()
    group = "0" if tokens[0].isalpha() else "1"
    parts = [f"{int(t):04d}" if t.isdigit() else t.lower() for t in tokens]
    return group + "|" + ".".join(parts)
