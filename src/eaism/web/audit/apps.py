from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "eaism.web.audit"
    label = "audit"

    def ready(self) -> None:
        from eaism.web.audit import record  # noqa: F401  (connects the sign-in receivers)
