from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "eaism.web.sso"
    label = "sso"
    verbose_name = "Single sign-on"
