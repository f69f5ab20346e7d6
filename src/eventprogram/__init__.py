"""eventprogram: make an event programme correct once and publish it everywhere."""

from __future__ import annotations

from importlib.metadata import version as _version

from ._changes import (
    CHANGES_FORMAT,
    Change,
    Changes,
    Field,
    FieldChange,
    PersonChange,
    PersonStatus,
    Status,
    diff,
)
from ._feed import atom_feed
from ._model import (
    KINDS,
    ROLES,
    Contribution,
    Day,
    Image,
    ImageKind,
    Kind,
    Layout,
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
from ._notices import Notice, notices
from ._releases import (
    Released,
    latest_release,
    load_release,
    release,
    release_name,
    releases,
    releases_folder,
)
from ._source import FORMAT_MARKER, dumps, load, load_images, loads
from ._timeline import OPEN_END, Appearance, Item, Timeline, timeline
from ._validation import Finding, Report, Severity
from .errors import EventprogramError, PluginError, Problem, SourceError
from .rules import validate

__version__ = _version("eventprogram")

__all__ = [
    "CHANGES_FORMAT",
    "FORMAT_MARKER",
    "KINDS",
    "OPEN_END",
    "ROLES",
    "Appearance",
    "Change",
    "Changes",
    "Contribution",
    "Day",
    "EventprogramError",
    "Field",
    "FieldChange",
    "Finding",
    "Image",
    "ImageKind",
    "Item",
    "Kind",
    "Layout",
    "Link",
    "Notice",
    "Organisation",
    "Organiser",
    "OrganiserRole",
    "Person",
    "PersonChange",
    "PersonStatus",
    "PluginError",
    "Problem",
    "Programme",
    "Released",
    "Report",
    "Role",
    "Room",
    "Session",
    "Severity",
    "Slot",
    "SourceError",
    "Status",
    "Timeline",
    "Venue",
    "__version__",
    "atom_feed",
    "diff",
    "dumps",
    "latest_release",
    "load",
    "load_images",
    "load_release",
    "loads",
    "notices",
    "release",
    "release_name",
    "releases",
    "releases_folder",
    "timeline",
    "validate",
]
