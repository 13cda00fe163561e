"""Helpers shared by test modules.

A test module imports helpers from here, never from another test module: importing
a test module runs its fixtures' imports and couples two suites (tests/unit/test_layout.py)."""
