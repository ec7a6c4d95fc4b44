"""Scheduled jobs: the registry (`registry.py`), the runs kept in `job_runs` (`models.py`), and `runs.py`, which
runs each due job once however many servers run `jobs run` at the same moment. The admin's page is in `admin/`."""
