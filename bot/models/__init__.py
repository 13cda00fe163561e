"""Tables of the app database (see ../shared/design/ARCHITECTURE.md, "Data model").

One module per group of tables; importing the package registers them all on ``Base``
(Alembic's autogenerate and the migration test compare against ``Base.metadata``), and
``from bot.models import Report`` names a table wherever it lives.
"""

from bot.models.base import Base, as_utc, new_id, utcnow
from bot.models.console import AuditEntry, ConsoleSession, Consultant, ConsultantNote, ReadyAnswer
from bot.models.conversations import CallbackRequest, Conversation, Handoff, Message
from bot.models.ratings import ChatRating
from bot.models.reports import Report, ReportFollower, ReportStatusChange, TelegramReportChat

__all__ = [
    "AuditEntry",
    "Base",
    "CallbackRequest",
    "ChatRating",
    "ConsoleSession",
    "Consultant",
    "ConsultantNote",
    "Conversation",
    "Handoff",
    "Message",
    "ReadyAnswer",
    "Report",
    "ReportFollower",
    "ReportStatusChange",
    "TelegramReportChat",
    "as_utc",
    "new_id",
    "utcnow",
]
