"""Jumelage: find, meet, check and track cross-border innovation partners."""

__version__ = "0.1.0"
