"""Dip sampling (action plan 5.1): five reports drawn each month and checked against a checklist.

`services.py` draws and records (no Flask), `forms.py` and `views.py` serve the pages under
`/review/dip-samples`; the review's figures read the pass rates.
"""
