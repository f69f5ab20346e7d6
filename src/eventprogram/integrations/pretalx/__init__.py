"""The pretalx plugin: eventprogram's exports of a released pretalx schedule.

pretalx finds this Django app through the entry point group ``pretalx.plugin``
(``eventprogram = "eventprogram.integrations.pretalx"``). Once an organiser
enables it for an event, the event's schedule offers eventprogram's accessible
HTML programme, Markdown, iCalendar and JSON under
``/<event>/schedule/export/eventprogram.<ext>``, and, where the ``pdf`` extra is
installed, the printable PDF programme (``eventprogram.pdf``) and the A4 flyer
(``eventprogram.flyer.pdf``).

Install it with ``pip install 'eventprogram[pretalx]'`` into pretalx's
environment. :func:`eventprogram.integrations.pretalx.adapter.programme_of`
turns an event and a schedule into a :class:`eventprogram.Programme`.
"""
