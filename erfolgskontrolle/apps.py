from django.apps import AppConfig


class ErfolgskontrolleConfig(AppConfig):
    name = "erfolgskontrolle"
    verbose_name = "Erfolgskontrolle"

    def ready(self) -> None:
        from beschluesse.extensions import (
            register_demand_annotator,
            register_demand_search,
            register_follow_up_counter,
        )
        from erfolgskontrolle.follow_up import (
            annotate_follow_up,
            annotate_published_state,
            entry_counts,
            search_entries,
        )
        from intmk.page_cache import generation, register_version_source

        register_demand_annotator(annotate_follow_up)
        register_demand_annotator(annotate_published_state)
        register_demand_search(search_entries)
        # Cached pages (intmk/page_cache.py): public register pages show the newest published
        # state (publications are append-only); signed-in pages show all of the follow-up: the
        # Sachstände by the counters of their Länder (migration 0010), the rest by its generation.
        register_version_source("(SELECT max(id) FROM erfolgskontrolle_publication)", public=True)
        register_version_source(
            "(SELECT string_agg(value::text, '.' ORDER BY name) FROM intmk_data_generation"
            " WHERE name LIKE 'entries-%')",
            public=False,
        )
        register_version_source(generation("followup"), public=False)
        register_follow_up_counter(entry_counts)
