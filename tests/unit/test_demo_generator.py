"""The demo data generator: the same seed gives the same data, and every report is a valid exchange record."""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from reporting.demo import generator
from reporting.domain.exchange import format_errors, validate_record
from reporting.domain.passwords import password_problems
from reporting.domain.references import is_valid_reference
from reporting.domain.ukdates import uk_date

NOW = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def reports():
    return generator.generate_reports(600, 2026, NOW)


def test_the_same_seed_gives_the_same_reports(reports):
    again = generator.generate_reports(600, 2026, NOW)
    assert [report.record for report in again] == [report.record for report in reports]
    assert [report.referrals for report in again] == [report.referrals for report in reports]
    other = generator.generate_reports(600, 7, NOW)
    assert {r.record["reference"] for r in other}.isdisjoint({r.record["reference"] for r in reports})


def test_every_report_is_a_valid_exchange_record(reports):
    centres = {centre.code for centre in generator.CENTRES}
    areas = {code for code, _ in generator.wards()}
    for report in reports:
        errors, _ = validate_record(report.record, centres, areas, uk_date(NOW))
        assert format_errors(errors) == [], report.record


def test_references_are_valid_and_unique(reports):
    references = [report.record["reference"] for report in reports]
    assert all(is_valid_reference(reference) for reference in references)
    assert len(set(references)) == len(references)


def test_reports_cover_fourteen_months_and_never_the_future(reports):
    moments = [datetime.fromisoformat(report.record["reported_at"]) for report in reports]
    assert max(moments) <= NOW
    assert min(moments) >= NOW - timedelta(days=427)
    assert len({moment.strftime("%Y-%m") for moment in moments}) == 15  # 14 months and the part month before


def test_the_mix_is_varied_but_realistic(reports):
    records = [report.record for report in reports]
    channels = Counter(record["channel"] for record in records)
    assert 0.5 < channels["assisted"] / len(records) < 0.8
    assert all(record["centre"] is None for record in records if record["channel"] == "self")
    languages = Counter(record["language"] for record in records)
    assert languages.most_common(1)[0][0] == "en"
    assert {"ur", "pl", "ar", "ro", "bn", "pa", "zh-Hans", "so"} <= set(languages)
    categories = Counter(code for record in records for code in record["categories"])
    assert categories.most_common(1)[0][0] == "race"
    assert 0 < categories["disability"] < 0.06 * len(records)
    assert sum(len(record["categories"]) > 1 for record in records) > 0.08 * len(records)
    answered = sum(record["satisfaction"] is not None for record in records)
    assert 0.3 < answered / len(records) < 0.5


def test_contact_details_are_fictional_and_only_with_named_consent(reports):
    contacts = [report.record for report in reports if "contact" in report.record]
    assert contacts
    assert all(record["police_consent"] == "named" for record in contacts)
    assert all(record["contact"]["phone"].startswith("07700 900") for record in contacts)
    assert all(record["contact"]["email"].endswith("@example.org") for record in contacts)


def test_referred_and_closed_reports_have_their_referrals(reports):
    statuses = Counter(report.status for report in reports)
    assert statuses["referred"] and statuses["closed"] and statuses["received"]
    for report in reports:
        if report.status == "referred":
            assert report.referrals and report.referred_at == min(r["sent_at"] for r in report.referrals)
        police = [r for r in report.referrals if r["recipient"] == "police"]
        assert not police or report.record["police_consent"] != "none"


def test_centres_include_overdue_and_inactive_ones_and_leave_some_wards_without():
    today = uk_date(NOW)
    centres = generator.demo_centres(today)
    assert 10 <= len(centres) <= 14
    assert 1 <= sum(not centre["active"] for centre in centres) <= 2
    trained = [centre["last_training_on"] for centre in centres]
    assert any(day is None or (today - day).days > 365 for day in trained)
    assert any(day and (today - day).days < 365 for day in trained)
    assert any((today - centre["last_contact_on"]).days > 183 for centre in centres)
    wards = {code for code, _ in generator.wards()}
    assert len(wards - {centre["area"] for centre in centres}) >= 3


def test_the_demo_password_is_acceptable_for_staff_accounts():
    assert password_problems(generator.DEMO_PASSWORD) == []
    assert {user.role for user in generator.DEMO_USERS} == {"volunteer", "centre_lead", "partnership", "admin"}
