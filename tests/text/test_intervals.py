"""IntervalSet answers as a brute-force scan over its intervals would."""
from __future__ import annotations

import random

from quotes.text.intervals import IntervalSet


def test_membership_and_overlap_agree_with_a_scan():
    rng = random.Random(7)
    for _ in range(200):
        intervals = [(s, s + rng.randrange(0, 6)) for s in rng.sample(range(60), rng.randrange(0, 8))]
        found = IntervalSet(intervals)
        for position in range(-2, 70):
            assert (position in found) == any(s <= position < e for s, e in intervals)
        for start in range(-2, 66):
            end = start + rng.randrange(1, 8)
            assert found.overlaps(start, end) == any(s < end and start < e for s, e in intervals if s < e)


def test_an_empty_interval_overlaps_nothing():
    assert not IntervalSet([(5, 5)]).overlaps(4, 6)
