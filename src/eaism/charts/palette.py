"""Colours of the charts, as presentation attributes so browsers and the PDF renderer agree."""

INK = "#1b1f24"
MUTED = "#5b6470"
LINE = "#d8dde3"
LEVEL_COLOURS = ("#c4cad3", "#7aa7e6", "#3d7fd6", "#1a7f37", "#a15c00", "#7a3db8")  # levels 0-5
PROFILE_COLOURS = ("#1f5fbf", "#1a7f37", "#a15c00", "#7a3db8")
HEAT = ("#f4f6f8", "#dbe7f7", "#a9c6ee", "#5d93db", "#1f5fbf")  # low to high share of people
NOT_APPLICABLE = "#ffffff"
