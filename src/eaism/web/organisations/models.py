"""Organisations, their teams and people, who may see what, and their AI-system inventory."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

from eaism.analysis.competence import ACTION_KINDS, INVOLVEMENTS, PERSON_KINDS, RISK_CLASSES
from eaism.analysis.organisation import SYSTEM_KINDS, SYSTEM_STATUSES

MIN_GROUP_FLOOR = 3


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


class Role:
    """Roles within one organisation, from the widest view to the narrowest."""

    OWNER = "owner"
    ADMIN = "admin"
    ANALYST = "analyst"
    MANAGER = "manager"
    REVIEWER = "reviewer"
    MEMBER = "member"
    CHOICES = (
        (OWNER, "Owner"),
        (ADMIN, "Administrator"),
        (ANALYST, "Analyst"),
        (MANAGER, "Manager"),
        (REVIEWER, "Reviewer"),
        (MEMBER, "Member"),
    )


ADMIN_ROLES = (Role.OWNER, Role.ADMIN)
AGGREGATE_ROLES = (Role.OWNER, Role.ADMIN, Role.ANALYST)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    min_group_size = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(MIN_GROUP_FLOOR)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=0)  # bumped on every change; keys cached analyses
    currency = models.CharField(max_length=3, default="EUR")  # ISO 4217 code for money shown
    # A competence record older than this is due for refresh (see analysis.competence).
    record_max_age_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1)]
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_group_size__gte=MIN_GROUP_FLOOR), name="min_group_size_floor"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=200)
    external_id = models.CharField(max_length=200, null=True, blank=True)  # SCIM externalId

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_team_name")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone assessed in an organisation; may or may not have an account."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    external_id = models.CharField(max_length=100)
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    role = models.CharField(
        max_length=50, blank=True
    )  # an edition role id, such as software_engineer
    title = models.CharField(max_length=200, blank=True)
    # Contractors act on the organisation's behalf and count for AI literacy like staff.
    kind = models.CharField(max_length=20, choices=_choices(PERSON_KINDS), default="employee")
    active = models.BooleanField(default=True)
    # The name the identity provider knows the person by (SCIM userName); None for a person
    # from a roster file, whose e-mail address stands in for it (see web/provisioning/users.py).
    user_name = models.CharField(max_length=254, null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    given_levels = models.JSONField(
        null=True, blank=True
    )  # domain id -> level, when not assessed here

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="unique_person_id"
            ),
            # userName is compared without regard to case (RFC 7643 §4.1.1)
            models.UniqueConstraint(
                "organisation", Lower("user_name"), name="unique_person_user_name"
            ),
            # No name is null, never blank: the SCIM look-ups and the resource then agree on
            # when the e-mail address stands in for it.
            models.CheckConstraint(
                condition=~models.Q(user_name=""), name="person_user_name_not_blank"
            ),
        ]
        # A roster person's e-mail address stands in for their userName: looked up the same way.
        indexes = [models.Index("organisation", Lower("email"), name="person_email_lower")]
        ordering = ["external_id"]

    def __str__(self) -> str:
        return self.name or self.external_id


class Membership(models.Model):
    """An account's role in one organisation; managers see their teams, reviewers their people."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.CHOICES, default=Role.MEMBER)
    teams = models.ManyToManyField(Team, blank=True, related_name="managers")
    reviews = models.ManyToManyField(Person, blank=True, related_name="reviewers")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True)
    role = models.CharField(max_length=20, choices=Role.CHOICES, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)  # None: links made before expiry
    used_at = models.DateTimeField(null=True, blank=True)


class ImportBatch(models.Model):
    """One applied roster import, with what is needed to undo it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="imports")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    mode = models.CharField(max_length=10)  # add, update or sync
    applied_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict)  # counts: created, updated, deactivated, teams
    undo = models.JSONField(default=dict)  # the people and teams as they were before
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-applied_at", "-id"]


class System(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="systems")
    system_id = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=[(kind, kind) for kind in SYSTEM_KINDS], default="other"
    )
    status = models.CharField(
        max_length=20, choices=[(status, status) for status in SYSTEM_STATUSES], default="idea"
    )
    months_in_status = models.FloatField(default=0, validators=[MinValueValidator(0)])
    users = models.PositiveIntegerField(default=0)
    monthly_cost = models.FloatField(default=0, validators=[MinValueValidator(0)])
    success_rate = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(1)]
    )
    # The ids of the readiness checks in place. The edition defines the checks, so a list (not a
    # column each) keeps a check that an edition adds, or one of an earlier edition.
    readiness_checks = models.JSONField(default=list, blank=True)
    risk_class = models.CharField(
        max_length=20, choices=_choices(RISK_CLASSES), default="not_assessed"
    )
    model = models.CharField(max_length=200, blank=True)  # the model or version it runs on
    # When it was added or its status or model last changed: competence records measured
    # before then are due for refresh. None for systems saved before this was kept.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "system_id"], name="unique_system_id")
        ]
        ordering = ["system_id"]

    @property
    def checks(self) -> frozenset[str]:
        return frozenset(self.readiness_checks or ())


class SystemInvolvement(models.Model):
    """A person who builds, operates or oversees an AI system."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(max_length=20, choices=_choices(INVOLVEMENTS))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["system", "person", "kind"], name="unique_system_involvement"
            )
        ]
        ordering = ["kind", "person__external_id"]


class CompetenceAction(models.Model):
    """What was planned about a person's competence gap for a system: training, a mentor, a
    reassignment; whether it worked shows in the next measurement."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="actions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=_choices(ACTION_KINDS))
    note = models.TextField(blank=True)
    planned_at = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["planned_at", "id"]


class CompetenceRequirement(models.Model):
    """One cell an organisation raises above the edition's for an involvement and risk class;
    the core takes the higher of the two, so a raised cell only ever adds to what counts."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="competence_requirements"
    )
    involvement = models.CharField(max_length=20, choices=_choices(INVOLVEMENTS))
    risk_class = models.CharField(max_length=20, choices=_choices(RISK_CLASSES))
    domain = models.CharField(max_length=100)  # a domain id of the edition
    level = models.PositiveSmallIntegerField()  # one of the domain's cells in the edition
    why = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["involvement", "risk_class", "domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "involvement", "risk_class", "domain"],
                name="unique_competence_requirement",
            )
        ]


class Practice(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="practices"
    )
    indicator_id = models.CharField(max_length=100)
    value = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "indicator_id"], name="unique_practice")
        ]


class PlannedHire(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="planned_hires"
    )
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    count = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200, blank=True)


class Publication(models.Model):
    """The figures last published for one view of an organisation's analysis.

    A view is a round and a scope of teams (see organisations.publication). Aggregate viewers
    see `document`; it is published again only when enough people's contributions changed since,
    by comparing `fingerprints` (person id -> a digest of what the analysis used of them).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="publications"
    )
    round = models.ForeignKey(
        "assessments.Round", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    view = models.CharField(max_length=200)  # the round and the scope of teams, as one key
    # JSON text, not a JSON column: PostgreSQL's jsonb would reorder the keys, and the pages
    # list domains and levels in the document's order.
    document = models.TextField()
    fingerprints = models.JSONField()
    context = models.CharField(max_length=64)  # digest of inventory, practices, hires, threshold
    responses = models.PositiveIntegerField(default=0)  # people with a score in the figures
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "view"], name="unique_publication")
        ]
