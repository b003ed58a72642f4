from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "eaism.web.outbox"
    label = "outbox"
    verbose_name = "E-mail outbox"
