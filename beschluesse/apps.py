from django.apps import AppConfig


class BeschluesseConfig(AppConfig):
    name = "beschluesse"
    verbose_name = "Beschlussregister"
