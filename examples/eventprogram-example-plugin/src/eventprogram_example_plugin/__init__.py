"""An example plug-in for eventprogram: a door-sign format and a rule for descriptions.

- :data:`eventprogram_example_plugin.doorsign.FORMAT`: ``door-sign``, a plain-text timetable
  for the sign beside a room's door.
- :data:`eventprogram_example_plugin.descriptions.RULE`: ``XY101``
  ``session-without-description``, an info for every session that has no description.

Both are found by eventprogram through the entry points in ``pyproject.toml``.
"""
