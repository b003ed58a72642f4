from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eaism.web.accounts"
    label = "accounts"
