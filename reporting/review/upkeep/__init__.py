"""Centre upkeep (action plan 3.4): refresher training every year and partnership contact every six months.

`services.py` works out what is due and records visits (no Flask), `forms.py` and `views.py` serve
the pages under `/review/centres`; the review's figures show what is overdue.
"""
