"""Hand-off to people: the queue, callback requests, who is on duty (no HTTP here)."""
