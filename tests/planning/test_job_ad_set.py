"""The labelled set of job ads is well formed: the ground truth the job-ad benchmark measures against.

These tests check the labels, never the checker's accuracy: that is `bench/job_ads.py`'s report.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import yaml

from eaism.model.loader import load_edition
from tests.conftest import ROOT

SET = ROOT / "tests" / "fixtures" / "job_ads" / "labelled.yaml"
FIELDS = {"id", "title", "held_out", "level", "title_claim", "myths", "reason", "text"}
LEVELS = range(0, 6)
ADS: list[dict[str, Any]] = yaml.safe_load(SET.read_text(encoding="utf-8"))["ads"]
MYTH_IDS = {myth.id for myth in load_edition().myths}


def part(held_out: bool) -> list[dict[str, Any]]:
    return [ad for ad in ADS if ad["held_out"] is held_out]


def test_every_ad_has_exactly_the_labelled_fields() -> None:
    for ad in ADS:
        assert set(ad) == FIELDS, ad.get("id")
        assert isinstance(ad["held_out"], bool), ad["id"]
        assert isinstance(ad["title"], str), ad["id"]
        assert ad["title"].strip() == ad["title"] != "", ad["id"]


def test_ids_are_unique_lowercase_words() -> None:
    ids = [ad["id"] for ad in ADS]
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    assert [name for name in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)] == []


def test_the_set_has_at_least_40_ads_and_a_third_or_more_held_out() -> None:
    assert len(ADS) >= 40
    assert len(part(held_out=True)) / len(ADS) >= 0.33
    # Later batches are held out whole; the tuning part stays large enough to tune on.
    assert len(part(held_out=False)) >= 40


def test_levels_and_title_claims_are_in_range() -> None:
    for ad in ADS:
        assert type(ad["level"]) is int, ad["id"]
        assert ad["level"] in LEVELS, ad["id"]
        claim = ad["title_claim"]
        assert claim is None or type(claim) is int, ad["id"]
        assert claim is None or claim in range(1, 6), ad["id"]


def test_myth_labels_are_myths_of_the_edition_without_repeats() -> None:
    for ad in ADS:
        assert isinstance(ad["myths"], list), ad["id"]
        assert set(ad["myths"]) <= MYTH_IDS, ad["id"]
        assert len(set(ad["myths"])) == len(ad["myths"]), ad["id"]


def test_every_level_and_every_myth_is_in_both_parts() -> None:
    for held_out in (False, True):
        ads = part(held_out)
        assert {ad["level"] for ad in ads} == set(LEVELS), held_out
        assert {myth for ad in ads for myth in ad["myths"]} == MYTH_IDS, held_out


def test_a_non_ai_ad_claims_no_level_and_shows_no_myth() -> None:
    # Level 0 means "not an AI job": its title's role words cannot claim an EAISM level.
    for ad in ADS:
        if ad["level"] == 0:
            assert ad["title_claim"] is None, ad["id"]
            assert ad["myths"] == [], ad["id"]


def test_texts_are_120_to_400_words_and_reasons_one_line() -> None:
    for ad in ADS:
        assert 120 <= len(ad["text"].split()) <= 400, ad["id"]
        assert isinstance(ad["reason"], str), ad["id"]
        assert ad["reason"].strip(), ad["id"]
        assert "\n" not in ad["reason"].strip(), ad["id"]


def test_seniority_words_alone_never_carry_a_title_claim() -> None:
    # A title made only of seniority words and a non-AI job claims nothing: every claim comes
    # from role words, so each claimed title names one of them.
    role_words = re.compile(
        r"prompt engineer|\bai\b|artificial intelligence|llm|generative|mlops|llmops|rag\b"
        r"|architect|agent",
        re.IGNORECASE,
    )
    for ad in ADS:
        if ad["title_claim"] is not None:
            assert role_words.search(ad["title"]), ad["id"]
