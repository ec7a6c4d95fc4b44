"""Retention and erasure of personal details, and database backup and restore."""
