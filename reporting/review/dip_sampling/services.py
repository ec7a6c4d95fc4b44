"""Dip sampling (action plan 5.1): five reports drawn at random each month and checked against a checklist.

The draw is reproducible: it is made from the month's reports in id order with a stored random
seed, so the same seed over the same reports always draws the same ones (`replay`), and the
drawn report ids are stored so the draw can be shown again even after reports change.
"""

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ... import audit
from ...domain.periods import month_bounds
from ...domain.places import NO_CENTRE
from ...models import Report, utcnow
from .models import CHECKLIST, FINDINGS, DipFinding, DipSample, DipSampleItem

SAMPLE_SIZE = 5


class AlreadyDrawn(Exception):
    """The month already has its draw."""


class NothingToDraw(Exception):
    """No reports were received in the month."""


def eligible_report_ids(session, month: str) -> list[int]:
    """The ids of the reports received in the UK month `YYYY-MM` (drafts never), in id order."""
    start, end = month_bounds(month)
    query = (
        select(Report.id)
        .where(Report.submitted, Report.reported_at >= start, Report.reported_at < end)
        .order_by(Report.id)
    )
    return list(session.scalars(query))


def draw_ids(population: list[int], seed: str, size: int = SAMPLE_SIZE) -> list[int]:
    """`size` ids drawn without replacement from `population` (all of it when smaller), by `seed`."""
    return random.Random(seed).sample(sorted(population), min(size, len(population)))


def find_sample(session, month: str) -> DipSample | None:
    query = select(DipSample).where(DipSample.month == month)
    return session.scalar(query.options(selectinload(DipSample.items).selectinload(DipSampleItem.findings)))


def list_samples(session) -> list[DipSample]:
    query = select(DipSample).options(selectinload(DipSample.items)).order_by(DipSample.month.desc())
    return list(session.scalars(query))


def draw(session, month: str, user, seed: str | None = None) -> DipSample:
    """Draw the month's sample, store it with its seed, audit it and commit."""
    if find_sample(session, month) is not None:
        raise AlreadyDrawn(month)
    population = eligible_report_ids(session, month)
    if not population:
        raise NothingToDraw(month)
    seed = seed or secrets.token_hex(16)
    sample = DipSample(month=month, seed=seed, population=len(population), drawn_by_id=getattr(user, "id", None))
    centres = dict(session.execute(select(Report.id, Report.centre_id).where(Report.id.in_(population))).all())
    for position, report_id in enumerate(draw_ids(population, seed), start=1):
        centre_key = centres[report_id] or NO_CENTRE
        sample.items.append(DipSampleItem(position=position, report_id=report_id, centre_key=centre_key))
    session.add(sample)
    session.flush()
    audit.record("dip_sample_drawn", "dip_sample", month, detail=f"population={len(population)}", user=user)
    session.commit()
    return sample


def replay(session, sample: DipSample) -> list[int]:
    """Draw again with the stored seed from the month's reports as they are now."""
    return draw_ids(eligible_report_ids(session, sample.month), sample.seed)


def record_findings(session, item: DipSampleItem, findings: dict[str, str], notes: str | None, user) -> None:
    """Store the checklist for one sampled report (replacing earlier findings), audit it and commit."""
    unknown = {key for key in findings if key not in CHECKLIST} | {
        value for value in findings.values() if value not in FINDINGS
    }
    if unknown:
        raise ValueError(f"unknown checklist items or findings: {sorted(unknown)}")
    existing = {finding.checklist_item: finding for finding in item.findings}
    for key, result in findings.items():
        if key in existing:
            existing[key].result = result
        else:
            item.findings.append(DipFinding(checklist_item=key, result=result))
    item.notes = notes or None
    item.reviewed_at = utcnow()
    item.reviewed_by_id = getattr(user, "id", None)
    audit.record("dip_sample_reviewed", "dip_sample", f"{item.sample.month}/{item.position}", user=user)
    session.commit()


@dataclass
class PassRate:
    passed: int = 0
    assessed: int = 0

    @property
    def share(self) -> float | None:
        return self.passed / self.assessed if self.assessed else None


def pass_rates(session, months: list[str]) -> dict[tuple[int | None, str, str], PassRate]:
    """(centre key or None for all centres, month, checklist item) -> passed of assessed.

    "Not applicable" findings are left out of both counts.
    """
    query = (
        select(DipSample.month, DipSampleItem.centre_key, DipFinding.checklist_item, DipFinding.result)
        .join(DipSampleItem, DipSampleItem.sample_id == DipSample.id)
        .join(DipFinding, DipFinding.item_id == DipSampleItem.id)
        .where(DipSample.month.in_(months), DipFinding.result != "not_applicable")
    )
    rates: dict[tuple[int | None, str, str], PassRate] = defaultdict(PassRate)
    for month, centre_key, checklist_item, result in session.execute(query):
        for key in ((centre_key, month, checklist_item), (None, month, checklist_item)):
            rates[key].assessed += 1
            rates[key].passed += result == "pass"
    return dict(rates)
