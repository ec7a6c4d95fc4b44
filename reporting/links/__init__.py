"""Linked reports: fingerprints of who made a report, suggested and confirmed links, people and series."""
