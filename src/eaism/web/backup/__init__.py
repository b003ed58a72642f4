"""Backing up and restoring the whole database, on SQLite and PostgreSQL alike.

A backup is one portable file (format described in `file.py` and docs/deployment.md): every row
of every table, read in one consistent snapshot while the server keeps running, with the list of
applied migrations as its schema version and a checksum. Because rows are written as plain
values rather than engine dumps, a SQLite backup restores into PostgreSQL and back, and an older
backup restores into a newer eaism, which then migrates it forward.
"""
