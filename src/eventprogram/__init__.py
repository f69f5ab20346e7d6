"""eventprogram: make an event programme correct once and publish it everywhere."""

from __future__ import annotations

from importlib.metadata import version as _version

from ._model import (
    KINDS,
    ROLES,
    Contribution,
    Day,
    Image,
    ImageKind,
    Kind,
    Link,
    Organisation,
    Organiser,
    OrganiserRole,
    Person,
    Programme,
    Role,
    Room,
    Session,
    Slot,
    Venue,
)
from ._source import FORMAT_MARKER, dumps, load, load_images, loads
from ._timeline import OPEN_END, Appearance, Item, Timeline, timeline
from ._validation import Finding, Report, Severity
from .errors import EventprogramError, PluginError, Problem, SourceError
from .rules import validate

__version__ = _version("eventprogram")

__all__ = [
    "FORMAT_MARKER",
    "KINDS",
    "OPEN_END",
    "ROLES",
    "Appearance",
    "Contribution",
    "Day",
    "EventprogramError",
    "Finding",
    "Image",
    "ImageKind",
    "Item",
    "Kind",
    "Link",
    "Organisation",
    "Organiser",
    "OrganiserRole",
    "Person",
    "PluginError",
    "Problem",
    "Programme",
    "Report",
    "Role",
    "Room",
    "Session",
    "Severity",
    "Slot",
    "SourceError",
    "Timeline",
    "Venue",
    "__version__",
    "dumps",
    "load",
    "load_images",
    "loads",
    "timeline",
    "validate",
]
