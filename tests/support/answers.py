"""Answers to every step of the assisted report, as a browser posts them.

No imports: the tests, the benchmark and the Locust load test all use these.
"""

# A complete set of answers, one entry per step, as a browser posts them.
ASSISTED_ANSWERS = {
    "who-is-reporting": {"reporter_role": "victim"},
    "what-happened": {"incident_types": ["verbal_abuse", "threats"], "description": "Shouted at outside the shop."},
    "safeguarding": {"safeguarding_referral": "yes"},
    "why": {"categories": ["race", "religion"]},
    "when": {"occurred_on-day": "13", "occurred_on-month": "3", "occurred_on-year": "2026", "occurred_time": "evening",
             "ongoing": "no"},
    "reported-before": {"reported_before": "no"},
    "where": {"location_type": "street"},
    "place": {"area": "sale_central", "postcode": "m33 7xy", "location_description": "Outside the Co-op."},
    "online-abuse": {"online_links": "https://example.com/post/1"},
    "witnesses": {"witnesses": "one", "witnesses_willing": "yes"},
    "evidence": {"action": "continue"},
    "responsible": {"perpetrator_description": "Two men in their twenties.", "perpetrator_known": "no"},
    "harm-and-support": {"injured": "no", "support_wanted": "yes", "support_kinds": ["emotional", "safety"]},
    "police": {"police_consent": "named"},
    "police-contact": {"police_contact": ["phone", "officer_sex"], "police_officer_sex": "female"},
    "contact": {"name": "Sam Example", "preferred_method": "phone", "phone": "07700 900 982", "email": "",
                "address": "", "safe_times": "Weekday mornings", "safe_to_leave_message": "no"},
    "accessibility-and-language": {"language": "ur", "communication_needs": ["interpreter"],
                                   "interpreter_language": "Urdu", "accessibility_needs": ""},
    "identifying-details": {"identifying_fields": ["description"]},
    "equality": {"age_band": "25_34", "sex": "prefer_not", "religion": "muslim"},
}  # fmt: skip
