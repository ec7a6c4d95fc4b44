"""The review's figures: what is reported, where, how often each centre is used and how consistently.

Counting (`counting.py`) and the review summary (`summary/`) follow the review's counting rules
and never import Flask; `review_figures.py` computes every figure of a period from the summary,
`services.py` gathers them with satisfaction, dip samples and centre upkeep; `table_builders.py`,
`sections.py`, `findings.py` and `presentation.py` turn them into tables, charts and sentences for
the dashboard (`views.py`), the review pack (`pack.py`, PDF) and the CSV bundle (`bundle.py`).
`commands.py` holds `flask review counts`, `review pack` and `review refresh-summary`.
"""
