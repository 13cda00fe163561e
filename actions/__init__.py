"""Rasa action server for KCK Assistant (run with ``python -m bot.action_server``).

One module per concern; this package may import ``bot``'s domain modules but
never its web parts.
"""

from actions.answers import ActionReadAnswer
from actions.callback import (
    ActionAskCallbackWindow,
    ActionStartCallback,
    ActionSubmitCallback,
    ValidateCallbackForm,
)
from actions.duplicates import ActionFollowReport, ActionStopFollowing
from actions.fallback import ActionCoreFallback, ActionDefaultFallback, ActionSuggestTopics
from actions.greeting import ActionGreet
from actions.handoff import ActionHandoff
from actions.ideas import (
    ActionAskIdeaConfirmation,
    ActionStartIdea,
    ActionSubmitIdea,
    ValidateIdeaForm,
)
from actions.report_details import ActionAskReportDetail
from actions.report_status import ActionReportStatus
from actions.reports import (
    ActionAskReportCategory,
    ActionAskReportConfirmation,
    ActionStartReport,
    ActionSubmitReport,
    ValidateReportForm,
)

__all__ = [
    "ActionAskCallbackWindow",
    "ActionAskIdeaConfirmation",
    "ActionAskReportCategory",
    "ActionAskReportConfirmation",
    "ActionAskReportDetail",
    "ActionCoreFallback",
    "ActionDefaultFallback",
    "ActionFollowReport",
    "ActionGreet",
    "ActionHandoff",
    "ActionReadAnswer",
    "ActionReportStatus",
    "ActionStartCallback",
    "ActionStartIdea",
    "ActionStartReport",
    "ActionStopFollowing",
    "ActionSubmitCallback",
    "ActionSubmitIdea",
    "ActionSubmitReport",
    "ActionSuggestTopics",
    "ValidateCallbackForm",
    "ValidateIdeaForm",
    "ValidateReportForm",
]
