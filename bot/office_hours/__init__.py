"""Office hours of the city contact centre: when a consultant can answer.

Split by job so each part can be read and changed alone:

- ``calendar``: opening windows, holidays, next opening, callback slots;
- ``loader``: reads and checks ``bot/office_hours.yml`` (or
  ``$KCK_OFFICE_HOURS_FILE``) into an ``OfficeCalendar``;
- ``wording``: the Polish words for openings and callback windows.

Importers name the module they need (``bot.office_hours.loader`` ...); this
package re-exports nothing, so each import says which job it depends on.
"""
