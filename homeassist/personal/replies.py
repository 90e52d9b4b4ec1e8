"""What the personal assistant returns: a reply to a request, or an announcement of its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from homeassist.i18n import Language
from homeassist.understand.intent import Intent

AnnouncementKind = Literal["timer", "alarm", "reminder", "missed", "suggestion"]


@dataclass(frozen=True)
class PersonalReply:
    """The answer to one request.

    `text` is spoken first. `intent`, when set, is a device command for the
    assistant to plan, execute and report as for any other command (a
    remembered setpoint, an accepted suggestion). `stop_speaking` asks the
    assistant to cut off any speech or ring in progress and end the turn.
    """

    text: str
    language: Language
    intent: Intent | None = None
    stop_speaking: bool = False


@dataclass(frozen=True)
class Announcement:
    """Something to say unprompted; `ring` plays the chime first."""

    text: str
    language: Language
    kind: AnnouncementKind
    ring: bool
