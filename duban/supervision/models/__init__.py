from duban.supervision.models.attachment import Attachment
from duban.supervision.models.config import LightSettings, ReminderSettings
from duban.supervision.models.item import DeadlineChange, Item, Milestone, Priority, ReportFrequency, Tag
from duban.supervision.models.reminder import Notification, NotificationKind, ReminderLog, RobotChannel, Urge
from duban.supervision.models.report import Instruction, ProgressReport
from duban.supervision.models.source import Source, SourceKind
from duban.supervision.models.transition import ItemApproval, ItemTransition

__all__ = [
    "Attachment",
    "LightSettings",
    "Notification",
    "NotificationKind",
    "ReminderLog",
    "ReminderSettings",
    "RobotChannel",
    "DeadlineChange",
    "Instruction",
    "Item",
    "ItemApproval",
    "ItemTransition",
    "Milestone",
    "Priority",
    "ProgressReport",
    "ReportFrequency",
    "Source",
    "SourceKind",
    "Tag",
    "Urge",
]
