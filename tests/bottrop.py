"""Facts of the printed Bottrop 2025 programme (the seed), shared by the exporters' tests.

``tests/test_example.py`` checks the example model against the full list; the
exporters' tests check that their output shows these.
"""

from __future__ import annotations

TIMES_AND_TITLES = [
    ("09:30", "Ankommen"),
    ("10:00", "Begrüßung und Agenda"),
    ("10:05", "Entschluss zum Handeln"),
    ("10:30", "Rückblick – Strukturen entwickeln"),
    ("11:15", "Analysen"),
    ("12:00", "Gallery Walk"),
    ("12:30", "Mittagspause"),
    ("13:30", "Keynote: Digitalisierung in Kommune und Verwaltung"),
    ("14:30", "Arbeitsgruppenphase – Ziele und Umsetzung"),
    ("16:00", "Reflexion und Weiterentwicklung"),
    ("16:15", "Noch ein letzter Kaffee vor dem Heimweg"),
    ("16:30", "Veranstaltungsende"),
]

WORKING_GROUPS = [
    "Generation Z – Zerfall oder Zukunft?! Wo können wir mit Beteiligung ansetzen?",
    "Daten, Tools, Strategien - Digitale Lösungen für die integrierte Sozialplanung",
    "DIFIS-TransferLab: Wissenstransfer für die Sozialplanung",
    "Klimaanpassung und Sozialplanung zusammengedacht",
    "Thematisch offener Raum/Barcamp",
]

KLEINGRUPPEN = [
    "Transfer als Ressource: Beteiligung/Partizipation in der Sozialplanung",
    "Transfer in der Sozialplanung neu denken: Digitalisierung in Kommune und Verwaltung",
]
