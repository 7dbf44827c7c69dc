"""Helpers for the user-store tests: a writer run as a real subprocess, and shared code."""
