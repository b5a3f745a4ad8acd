"""Facets and full-text search of the demand list (/forderungen/).

Parameter names are German and short, so that a bookmarked URL reads like the form:
``/forderungen/?konferenz=19&art=forderung&adressat=Bund&q=Sprachmittlung``.
"""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import F, Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from beschluesse import access, extensions, search
from beschluesse.models import Demand, Kind, Level, Vote
from intmk.laender import LAENDER

# ts_headline cannot escape the text it cuts from, so it marks matches with characters from the
# Private Use Area that never occur in minutes; the template tag escapes the text and only then
# turns these into <mark> tags (see beschluesse_tags.highlight).
MARK_START = "\ue000"
MARK_STOP = "\ue001"

LAND_CHOICES = [(code, name) for code, name in sorted(LAENDER, key=lambda land: land[1])]
YES_NO = [("", "alle"), ("true", "ja"), ("false", "nein")]


class PlainSelect(forms.Select):
    """A <select> rendered in Python.

    Django renders every <option> through its own template; with the ~150 options of this form
    that was most of the page's server time. Same markup, no per-option templates.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:  # type: ignore[no-untyped-def]
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class DemandFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter has no type hints
    q = django_filters.CharFilter(label="Volltextsuche", method="search", widget=forms.SearchInput)
    konferenz = django_filters.ChoiceFilter(
        label="Konferenz",
        field_name="clause__resolution__conference__number",
        choices=access.conference_choices,
        empty_label="alle Konferenzen",
    )
    gruppe = django_filters.ChoiceFilter(
        label="Themenblock (TOP-Gruppe)",
        field_name="clause__resolution__agenda_item__group",
        choices=access.group_choices,
        empty_label="alle Themenblöcke",
    )
    antragsteller = django_filters.ChoiceFilter(
        label="Antragsteller (Land)",
        field_name="clause__resolution__applicants__code",
        choices=LAND_CHOICES,
        empty_label="alle Länder",
    )
    federfuehrend = django_filters.ChoiceFilter(
        label="Federführendes Land",
        field_name="clause__resolution__lead__code",
        choices=LAND_CHOICES,
        empty_label="alle Länder",
    )
    art = django_filters.ChoiceFilter(
        label="Art", field_name="kind", choices=Kind.choices, empty_label="alle Arten"
    )
    adressat = django_filters.ChoiceFilter(
        label="Adressat",
        field_name="addressee",
        choices=access.addressee_choices,
        empty_label="alle Adressaten",
    )
    ebene = django_filters.ChoiceFilter(
        label="Ebene", field_name="level", choices=Level.choices, empty_label="alle Ebenen"
    )
    abstimmung = django_filters.ChoiceFilter(
        label="Abstimmung",
        field_name="clause__resolution__vote",
        choices=Vote.choices,
        empty_label="alle",
    )
    gruene_liste = django_filters.BooleanFilter(
        label="Grüne Liste",
        field_name="clause__resolution__consent_list",
        widget=forms.Select(choices=YES_NO),
    )

    class Meta:
        model = Demand
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            if isinstance(field.widget, forms.Select):
                plain = PlainSelect(attrs=field.widget.attrs)
                plain.choices = field.widget.choices
                field.widget = plain
            css = "kern-form-input__input" if name == "q" else "kern-form-input__select"
            field.widget.attrs["class"] = css
            # Django's own text ("Bitte eine gültige Auswahl treffen. …") reads like a form error
            # the user made; a filter value from an old link is just no longer offered.
            field.error_messages["invalid_choice"] = (
                "Diesen Wert gibt es in der Auswahl nicht (mehr); bitte wählen Sie neu."
            )
            field.error_messages["invalid"] = "Dieser Wert passt nicht zum Filter."
        self.form.fields["q"].widget.attrs["aria-describedby"] = "id_q_hinweis"

    def search(self, queryset: QuerySet[Demand], name: str, value: str) -> QuerySet[Demand]:
        query = search.full_text(value)
        condition = Q(clause__search_vector=query)
        if parts := search.word_parts(value, "clause__search_words"):
            condition |= parts
        if more := extensions.more_search_conditions(self.request, value):
            condition |= more
        return (
            queryset.filter(condition)
            .annotate(
                rank=SearchRank(F("clause__search_vector"), query),
                wording_headline=SearchHeadline(
                    "wording",
                    query,
                    config="german",
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    highlight_all=True,
                ),
                clause_headline=SearchHeadline(
                    "clause__text",
                    query,
                    config="german",
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", *queryset.query.order_by)
        )
