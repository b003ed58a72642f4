"""Assessment rounds, the answers given in them, and the scores kept for fast dashboards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from eaism.web.organisations.models import Organisation, Person, Team


class Round(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(max_length=200)
    edition = models.CharField(max_length=20, default="2026.1")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    opens_at = models.DateTimeField(null=True, blank=True)  # None: open from its creation
    closes_at = models.DateTimeField(null=True, blank=True)  # closed automatically then
    teams = models.ManyToManyField(Team, blank=True, related_name="rounds")  # none: everyone
    reminder_days = models.PositiveSmallIntegerField(null=True, blank=True)  # None: no schedule
    # Invited, started and submitted per team when the round closed: people who leave later
    # do not change a closed round's figures.
    closing_counts = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    @property
    def is_open(self) -> bool:
        """Open for answers: not closed, and its opening time (if any) has come."""
        started = self.opens_at is None or self.opens_at <= timezone.now()
        return self.status == self.Status.OPEN and started

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.OPEN and not self.is_open


class Response(models.Model):
    """One source's answers about one person in one round (self, or a reviewer)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="responses")
    source = models.CharField(max_length=20, default="self")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    carried_from = models.ForeignKey(  # answers offered from an earlier round as a start
        "Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person", "source"], name="unique_response")
        ]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(max_length=120)
    value = models.FloatField()
    evidence = models.TextField(blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item_id"], name="unique_answer")
        ]


class ReviewedDomain(models.Model):
    """A reviewer's confirmation or correction of one domain; the self-rating is kept beside it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviews")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reviews")
    domain = models.CharField(max_length=50)
    level = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person", "domain"], name="unique_review")
        ]


class Score(models.Model):
    """A person's scored levels in a round, kept on submission so dashboards need no re-scoring."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="scores")
    levels = models.JSONField()  # domain levels in edition order
    progress = models.JSONField()  # progress toward each domain's next level
    operating_level = models.PositiveSmallIntegerField()
    claimed_level = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="unique_score")]
