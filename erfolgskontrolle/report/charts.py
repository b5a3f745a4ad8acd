"""Charts of the report as server-rendered SVG: the same markup in the page, the HTML file and
the PDF, nothing fetched, no script.

A chart is never alone: the report prints its numbers as a table right next to it, which is the
text alternative; the SVG carries role="img" and a <title> that says the same in one sentence.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from erfolgskontrolle.report.schema import Share
from intmk.formatting import percent_de

# Colours per category, dark enough against white (WCAG 1.4.11: 3:1 for graphics).
CATEGORY_COLOURS = {
    "done": "#1b6b34",
    "partly_done": "#3f8f4f",
    "begun": "#2044aa",
    "not_begun": "#8a5a00",
    "not_done": "#a4262c",
    "obsolete": "#5b5f79",
    "none": "#8d92ab",
}
PALETTE = ["#2044aa", "#1b6b34", "#8a5a00", "#a4262c", "#5b5f79", "#6b3fa0", "#00697a"]
WIDTH, HEIGHT = 600, 36


def colour(share: Share, index: int) -> str:
    return CATEGORY_COLOURS.get(share["key"], PALETTE[index % len(PALETTE)])


def percent_label(value: float) -> str:
    """German percent with a non-breaking space: "30,5 %"."""
    return percent_de(value, space="\u00a0")


def stacked_bar(shares: list[Share], *, title: str, chart_id: str) -> SafeString:
    """A horizontal bar of 100 %, one segment per share with a count."""
    total = sum(share["count"] for share in shares)
    sentence = (
        f"{title}: "
        + ", ".join(
            f"{share['label']} {percent_label(share['percent'])}"
            for share in shares
            if share["count"]
        )
        if total
        else f"{title}: keine Forderungen"
    )
    segments = []
    x = 0.0
    for index, share in enumerate(shares):
        if not share["count"]:
            continue
        width = WIDTH * share["count"] / total
        segments.append(
            format_html(
                '<rect x="{}" y="0" width="{}" height="{}" fill="{}"/>',
                f"{x:.2f}",
                f"{width:.2f}",
                HEIGHT,
                colour(share, index),
            )
        )
        x += width
    if not segments:
        segments.append(
            format_html('<rect x="0" y="0" width="{}" height="{}" fill="#e8e9ef"/>', WIDTH, HEIGHT)
        )
    return format_html(
        '<svg class="report-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="none" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        sentence,
        mark_safe("".join(segments)),  # segments come from format_html
    )


def swatch(share: Share, index: int) -> SafeString:
    """The colour of a share in the table beside its chart (decorative: the label says it).
    An SVG with a fill rather than a style attribute, which the Content-Security-Policy refuses."""
    return format_html(
        '<svg class="report-swatch" viewBox="0 0 1 1" aria-hidden="true" focusable="false">'
        '<rect width="1" height="1" fill="{}"/></svg>',
        colour(share, index),
    )
