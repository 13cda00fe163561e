"""The resident's rating of an ended chat (CSAT): asked once, never forced, stored with
who handled the chat; the dashboard reads it (bot/stats/quality.py)."""
