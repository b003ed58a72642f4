from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "eaism.web.assessments"
    label = "assessments"
