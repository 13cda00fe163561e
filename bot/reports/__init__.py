"""Intervention reports and ideas: routing, reference numbers, storage (no HTTP)."""
