from django.apps import AppConfig


class ProvisioningConfig(AppConfig):
    name = "eaism.web.provisioning"
    label = "provisioning"
