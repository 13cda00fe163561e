"""The report form's slots: one list for every action that starts, files or empties it.

Why here: starting a report (``actions/reports.py``) and following an earlier one
instead (``actions/duplicates.py``) both empty the whole form; each kept its own copy
of the list, and the copy in the follow action had missed the category questions.
"""

from __future__ import annotations

from actions.report_details import DETAIL_SLOT, DETAILS_SLOT

# What the form asks, in the order it asks it (the category questions come in between,
# actions/reports.py).
SLOTS = [
    "report_category",
    "report_location",
    "report_description",
    "report_photo",
    "report_photo_public",  # asked only after a photo (actions/report_photo.py)
    "report_contact_consent",
    "report_contact",
    "report_confirmation",
]
# Filled from a location shared on Telegram (provide_location), stored as lat/long.
COORDINATES = ["report_lat", "report_lon"]
# The category questions (actions/report_details.py), asked after the description.
DETAILS = [DETAIL_SLOT, DETAILS_SLOT]
# The number of the open report shown to the resident; set: the question was asked.
DUPLICATE_SLOT = "report_duplicate"
# Everything a finished, cancelled or followed report leaves behind.
EVERY_SLOT = [*SLOTS, *COORDINATES, *DETAILS, DUPLICATE_SLOT]
