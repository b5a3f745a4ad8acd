from django.apps import AppConfig


class IntmkConfig(AppConfig):
    name = "intmk"
    verbose_name = "IntMK (Stammdaten)"

    def ready(self) -> None:
        from intmk.audit import connect_auth_signals

        connect_auth_signals()
