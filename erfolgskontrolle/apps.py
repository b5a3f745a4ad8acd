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

        register_demand_annotator(annotate_follow_up)
        register_demand_annotator(annotate_published_state)
        register_demand_search(search_entries)
        register_follow_up_counter(entry_counts)
