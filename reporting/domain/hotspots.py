"""Hotspots: the wards with the most reported incidents, and those of them that have no active centre.

The action plan asks whether centres are placed where incidents happen (item 3.2). A ward is a
*hotspot* when it is in the top third of the wards by incidents: the third of the wards with the most
(rounded up, so 7 of Trafford's 21), together with any ward tied with the last of them, so that two
wards with the same count are never told apart. A ward with no incidents is never a hotspot. A
*hotspot without a centre* is a hotspot with no active centre in it.

Incidents are counted over the 12 whole months up to the end of the review period (`hotspot_period`):
half a year is too few reports a ward to tell where incidents cluster, and whole months are what may
be released to partners (see `periods`).
"""

import math
from collections.abc import Hashable, Mapping
from datetime import timedelta

from .periods import Period, last_complete_months

SHARE_OF_WARDS = 3  # the top third
HOTSPOT_MONTHS = 12


def hotspot_period(period: Period) -> Period:
    """The 12 whole months up to the end of `period`: ending with the month `period` ends in when it ends with
    that month, else with the month before."""
    return last_complete_months(period.last + timedelta(days=1), HOTSPOT_MONTHS)


def hotspot_count(wards: int) -> int:
    """How many wards the top third holds before ties: a third of `wards`, rounded up."""
    return math.ceil(wards / SHARE_OF_WARDS)


def hotspots(incidents: Mapping[Hashable, int]) -> set[Hashable]:
    """The wards (keys of `incidents`, every ward counted, none left out) in the top third by incidents."""
    ranked = sorted(incidents.values(), reverse=True)
    if not ranked:
        return set()
    threshold = max(ranked[hotspot_count(len(ranked)) - 1], 1)
    return {ward for ward, count in incidents.items() if count >= threshold}


def hotspots_without_centre(incidents: Mapping[Hashable, int], centres: Mapping[Hashable, int]) -> set[Hashable]:
    """The hotspots that have no active centre (`centres` is each ward's number of active centres)."""
    return {ward for ward in hotspots(incidents) if not centres.get(ward)}
