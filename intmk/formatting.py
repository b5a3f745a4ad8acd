"""Numbers written the German way, for texts, messages, templates and the report's files."""


def number_de(number: int) -> str:
    """4812 → "4.812": thousands separated by a dot, independent of locale settings."""
    return f"{int(number):,}".replace(",", ".")


def percent_de(value: float, *, space: str = " ") -> str:
    """30.2 → "30,2 %": one decimal, a decimal comma and a space before the sign (DIN 5008);
    charts pass a non-breaking space."""
    return f"{value:.1f}".replace(".", ",") + f"{space}%"
