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
    # The review policy: every claim at the edition's review level and above is reviewed, plus
    # this share of the other claims; this share of the people reviewed get a second reviewer.
    review_share = models.FloatField(default=0.10)
    double_review_share = models.FloatField(default=0.10)
    # This share of respondents answers the whole item bank, so the validity report can test
    # the ladder the adaptive path takes for granted. Opening a round sets the edition's share
    # (5 % in 2026.1); a round made any other way has none.
    calibration_share = models.FloatField(default=0.0)

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
    calibration = models.BooleanField(default=False)  # drawn to answer the whole item bank

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


class Review(models.Model):
    """One reviewer's ratings of one person's claims in a round, kept beside the self-rating.

    A person drawn for a double review has two, made independently; where they disagree an
    admin's review of kind `resolution` decides, and until then neither rating counts.
    """

    class Kind(models.TextChoices):
        FIRST = "first", "Review"
        SECOND = "second", "Second, independent review"
        RESOLUTION = "resolution", "Resolution of a disagreement"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reviews")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.FIRST)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)  # the reviewer marked it done

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person", "reviewer", "kind"], name="unique_reviewer_review"
            )
        ]


class ItemReview(models.Model):
    """A reviewer's decision on one answer: confirm it, lower it, or ask for more evidence."""

    class Decision(models.TextChoices):
        CONFIRM = "confirm", "Confirmed"
        LOWER = "lower", "Lowered"
        REQUEST_EVIDENCE = "request_evidence", "More evidence asked for"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items")
    item_id = models.CharField(max_length=120)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    value = models.FloatField(null=True, blank=True)  # the reviewed value; none for a request
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField()
    reply = models.TextField(blank=True)  # the person's answer to a request for evidence
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "item_id"], name="unique_item_review")
        ]


class DomainReview(models.Model):
    """A reviewer's level for a whole domain."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=50)
    level = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "domain"], name="unique_domain_review")
        ]


class Score(models.Model):
    """A person's scored levels in a round, kept on submission so dashboards need no re-scoring."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="scores")
    levels = models.JSONField()  # domain levels in edition order
    progress = models.JSONField()  # progress toward each domain's next level
    operating_level = models.PositiveSmallIntegerField()
    claimed_level = models.PositiveSmallIntegerField()
    # The self-rating beside the result, and the levels reviewers gave: the validity report
    # compares the two without scoring anyone again.
    self_levels = models.JSONField(default=list)  # in edition order; null: not assessed
    reviewed_levels = models.JSONField(default=dict)  # domain id -> level, rated domains only

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="unique_score")]
