"""The page's schema.org data, in JSON-LD: the programme as an ``Event``.

Each slot and session is a sub-event, in a programme of at most
:data:`MAX_SUB_EVENTS` of them. A larger one (a congress) is described as one
``Event`` with its dates, place and organisers: what search engines show for a
page; thousands of sub-events would double the page and tell them nothing more
(docs/explanation/calendar-links.md).

Times, rooms, languages and people come from the resolved view
(:func:`eventprogram.timeline`): each sub-event has its resolved room as its
``location``, whether it names the room or inherits it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, Final

from ... import _i18n
from ..._model import Organisation, Programme
from ..._text import clean_data
from ..._timeline import Item, timeline
from ..._urls import safe_href, web_address
from .. import RenderOptions

__all__ = ["MAX_SUB_EVENTS", "json_ld"]

MAX_SUB_EVENTS: Final = 200
"""The most slots and sessions (the end marker not counted) that the JSON-LD lists one by one."""

_JSON_ESCAPES: Final = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(programme: Programme, options: RenderOptions) -> str:
    """The programme as a schema.org ``Event`` in JSON-LD, safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text of the
    programme can end the script element.
    """
    del options  # the data speak the programme's language, whatever the labels'
    data = clean_data(_event(programme))
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=2)
    return text.translate(_JSON_ESCAPES)


_SCHEDULED: Final = "https://schema.org/EventScheduled"
_CANCELLED: Final = "https://schema.org/EventCancelled"
"""A sub-event marked ``cancelled`` (itself or what holds it)."""
_OFFLINE: Final = "https://schema.org/OfflineEventAttendanceMode"


def _event(programme: Programme) -> dict[str, Any]:
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": programme.title,
    }
    if description := programme.description or programme.subtitle:
        event["description"] = description
    if (span := timeline(programme).span()) is not None:
        event["startDate"] = _iso(programme, span[0])
        if span[1] is not None:
            event["endDate"] = _iso(programme, span[1])
    event["eventStatus"] = _SCHEDULED
    event["eventAttendanceMode"] = _OFFLINE
    event["inLanguage"] = programme.language
    event["location"] = _place(programme, None)
    if url := safe_href(programme.url):
        event["url"] = url
    organisers = list(_organizers(programme))
    if organisers:
        event["organizer"] = organisers
    if images := [url for image in programme.images if (url := web_address(image.src))]:
        event["image"] = images
    shown = sum(1 for item in timeline(programme).items if not item.is_marker)
    if shown <= MAX_SUB_EVENTS and (sub_events := list(_slot_events(programme))):
        event["subEvent"] = sub_events
    return event


def _iso(programme: Programme, moment: dt.datetime) -> str:
    return programme.localize(moment).isoformat(timespec="seconds")


def _place(programme: Programme, room_name: str | None) -> dict[str, Any]:
    """The venue as a ``Place``, named with *room_name* (a room's resolved name) where given."""
    venue = programme.venue
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if venue.street:
        address["streetAddress"] = venue.street
    if venue.postal_code:
        address["postalCode"] = venue.postal_code
    if venue.city:
        address["addressLocality"] = venue.city
    if venue.country:
        address["addressCountry"] = venue.country
    place: dict[str, Any] = {
        "@type": "Place",
        "name": f"{room_name}, {venue.name}" if room_name else venue.name,
        "address": address,
    }
    if url := safe_href(venue.url):
        place["url"] = url
    return place


def _organization(programme: Programme, organisation_id: str) -> dict[str, Any]:
    try:
        organisation = programme.organisation(organisation_id)
    except KeyError:
        return {"@type": "Organization", "name": organisation_id}
    return _organization_of(organisation)


def _organization_of(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
    if organisation.short_name:
        data["alternateName"] = organisation.short_name
    if url := safe_href(organisation.url):
        data["url"] = url
    return data


def _organizers(programme: Programme) -> Iterator[dict[str, Any]]:
    for organiser in programme.organisers:
        yield _organization(programme, organiser.organisation)


def _performers(item: Item) -> list[dict[str, Any]]:
    """The people of *item* as schema.org ``Person`` records, each part where schema.org puts it.

    ``honorificPrefix`` is the prefix and honorific (``Pfarrer Dr.``), ``jobTitle``
    the function as printed here and nothing else, ``affiliation`` the organisation
    (the appearance's own text where it gives one), ``homeLocation`` the place.
    """
    performers = []
    seen: set[str] = set()
    for appearance in item.people:
        person = appearance.person
        if person.id in seen:
            continue
        seen.add(person.id)
        if not appearance.known:
            performers.append({"@type": "Person", "name": person.id})
            continue
        data: dict[str, Any] = {
            "@type": "Person",
            "name": " ".join(p.strip() for p in (person.given_name, person.family_name) if p),
        }
        if prefix := " ".join(p.strip() for p in (person.prefix, person.honorific) if p):
            data["honorificPrefix"] = prefix
        if person.given_name:
            data["givenName"] = person.given_name
        data["familyName"] = person.family_name
        if appearance.function:
            data["jobTitle"] = appearance.function
        own = appearance.contribution.organisation
        if isinstance(own, str):
            data["affiliation"] = {"@type": "Organization", "name": own}
        elif appearance.organisation is not None:
            data["affiliation"] = _organization_of(appearance.organisation)
        if person.place:
            data["homeLocation"] = {"@type": "Place", "name": person.place}
        performers.append(data)
    return performers


def _sub_event(programme: Programme, item: Item) -> dict[str, Any]:
    """A slot or session as an ``Event``, its sessions as its sub-events; all resolved.

    ``location`` names the item's room, its own or the one it inherits;
    ``inLanguage`` says the language it is held in where it is not the programme's.
    """
    source = item.source
    event: dict[str, Any] = {"@type": "Event", "name": item.title}
    if description := source.description or source.subtitle:
        event["description"] = description
    event["startDate"] = _iso(programme, item.start)
    if not item.open_end and item.end_utc > item.start_utc:
        event["endDate"] = _iso(programme, item.end)
    event["eventStatus"] = _CANCELLED if item.cancelled else _SCHEDULED
    event["eventAttendanceMode"] = _OFFLINE
    event["location"] = _place(programme, None if item.room is None else item.room.name)
    _add_access(event, item, _i18n.language_of(programme))
    if url := web_address(source.url):
        event["url"] = url
    elif url := safe_href(programme.page_url):  # the item's anchor on the published page
        event["url"] = f"{url.split('#', 1)[0]}#{item.id}"
    if source.language or not _i18n.same_language(item.language, programme.language):
        event["inLanguage"] = item.language
    if performers := _performers(item):
        event["performer"] = performers
    if children := [_sub_event(programme, child) for child in item.children]:
        event["subEvent"] = children
    return event


ACCESSIBILITY_FEATURES: Final = {
    "sign-language": "signLanguage",
    "captioning": "captions",
    "audio-description": "audioDescription",
}
"""Provisions with a value in schema.org's ``accessibilityFeature`` vocabulary."""

_AMENITIES: Final = (
    ("step_free", "Stufenloser Zugang", "Step-free access"),
    ("induction_loop", "Induktionsschleife", "Induction loop"),
    ("wheelchair_places", "Rollstuhlplätze", "Wheelchair spaces"),
)


def _add_access(event: dict[str, Any], item: Item, language: _i18n.Language) -> None:
    """Add what schema.org can say of the item's access, where there is anything.

    ``accessibilityFeature`` takes the provisions its vocabulary names (``signLanguage``,
    ``captions``, ``audioDescription``; schema.org defines it for creative works, and
    search engines read it on events too); ``accessibilitySummary`` lists every provision
    in words, in the programme's language; the room's stated facts become ``amenityFeature``
    of the ``location``.
    """
    provisions = item.provisions
    if features := list(
        dict.fromkeys(f for p in provisions if (f := ACCESSIBILITY_FEATURES.get(p.id)))
    ):
        event["accessibilityFeature"] = features
    if provisions:
        event["accessibilitySummary"] = "; ".join(
            _i18n.provision_line(p, language) for p in provisions
        )
    room = item.room
    if room is None:
        return
    amenities = [
        {
            "@type": "LocationFeatureSpecification",
            "name": de if language == "de" else en,
            "value": value,
        }
        for field, de, en in _AMENITIES
        if (value := getattr(room, field)) is not None
    ]
    if amenities:
        event["location"]["amenityFeature"] = amenities


def _slot_events(programme: Programme) -> Iterator[dict[str, Any]]:
    for item in timeline(programme).slots():
        if not item.is_marker:
            yield _sub_event(programme, item)
