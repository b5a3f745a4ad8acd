from django.apps import AppConfig


class IntmkConfig(AppConfig):
    name = "intmk"
    verbose_name = "IntMK (Stammdaten)"
