"""The job-ad check keeps reading the labelled set's tuning part at least at its targets.

The held-out parts are measured by `bench/job_ads.py` only, so that tuning cannot lean on them.
"""

from __future__ import annotations

from bench.job_ads import THRESHOLDS, agreement, load_ads, parts, read

from eaism.model.loader import load_edition

EDITION = load_edition()
READINGS = [read(EDITION, ad) for ad in load_ads()]


def test_the_tuning_part_is_read_at_least_at_the_targets() -> None:
    figures = agreement(parts(READINGS)["tuning part"])
    below = {
        label: figures[label] for label, target in THRESHOLDS.items() if figures[label] < target
    }
    assert below == {}


def test_no_title_mismatch_flag_comes_from_a_seniority_word_alone() -> None:
    assert [reading.ad["id"] for reading in READINGS if reading.seniority_only] == []
