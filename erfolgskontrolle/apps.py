from django.apps import AppConfig


class ErfolgskontrolleConfig(AppConfig):
    name = "erfolgskontrolle"
    verbose_name = "Erfolgskontrolle"
