"""Alembic migrations: every change to the database schema is a numbered revision here.

``0001`` is the schema every install had before migrations existed (release 231169d); each later
revision changes it one step. ``python -m explorer db upgrade`` applies what a database is missing.
"""
