"""The review summary: exact monthly counts per centre, kept current from the reports themselves.

Why: the dashboard reads six months of a million reports several ways at once. Scanning the
reports for each figure takes seconds; the summary holds one row per month, centre and area (or
category, incident type, or delay in days), a few thousand rows in all, and answers in milliseconds.

How it stays exact: database triggers (created by the migration that made these tables) put the
(UTC month, centre) of every report that is added, changed or deleted, and of every change to its
categories or incident types, into `review_summary_queue`, whatever wrote it. `bring_up_to_date`
claims the queue and recounts those months and centres from the reports, so the summary never
drifts; every reader calls it first. Writers of many reports (imports, the demo data) may call it
after their commit so the next reader does not pay for the recount.

Periods that start or end part-way through a month are answered from the summary for the whole
months and from the reports for the part months, with the same counting code.

`rows.py` holds the rows' shapes, `keeping.py` counts them and keeps the tables current, and
`reading.py` reads them for a period.
"""
