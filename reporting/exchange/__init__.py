"""Report exchange: importing (`importing.py`) and exporting (`exporting.py`) reports as JSON Lines, and CSV
for spreadsheets.

No web pages: operators use `flask --app reporting reports import|export` (see `reporting/cli/exchange.py`).
"""
