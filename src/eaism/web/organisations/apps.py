from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "eaism.web.organisations"
    label = "organisations"
