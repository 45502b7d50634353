"""The palette and the measures: every colour the UI uses, named once by its hue and depth, and
the font sizes, radii and margins the style sheet and the pages share. Widgets never read this
module: they ask ``theme.roles`` for what a colour is for (quiet text, warning, card)."""

from __future__ import annotations

# Greys, lightest first. Near-identical greys that served one purpose were folded into one.
WHITE = "#ffffff"
GREY_25 = "#f8f9fb"  # the alternate row of a table
GREY_50 = "#f5f6f8"  # the window behind the pages
GREY_100 = "#f3f4f6"  # a table's header, a board column, a retired card
GREY_150 = "#eceff3"  # the sidebar
GREY_200 = "#e3e6eb"  # a card's border
GREY_300 = "#cfd5dd"  # a control's border
GREY_400 = "#8b939e"  # faded: a row that no longer counts, a placeholder
GREY_500 = "#6b7280"  # quiet text
GREY_600 = "#4b5563"  # captions
GREY_700 = "#374151"  # small headings
GREY_900 = "#111827"  # ink

BLUE_50 = "#eef2ff"
BLUE_100 = "#dbe6fe"
BLUE_300 = "#93a5cf"
BLUE_600 = "#2563eb"
BLUE_700 = "#1d4ed8"
BLUE_900 = "#1e3a8a"
INDIGO_500 = "#6366f1"
INDIGO_800 = "#3730a3"
VIOLET_600 = "#7c3aed"

GREEN_100 = "#dcfce7"
GREEN_600 = "#16a34a"
GREEN_700 = "#15803d"
GREEN_800 = "#166534"

AMBER_100 = "#fef3c7"
AMBER_500 = "#f59e0b"
AMBER_600 = "#d97706"
AMBER_700 = "#b45309"
AMBER_800 = "#92400e"

RED_50 = "#fef2f2"
RED_100 = "#fee2e2"
RED_600 = "#dc2626"
RED_700 = "#b91c1c"
RED_800 = "#991b1b"

# Font sizes in px, smallest first.
FONT_SMALL = 11  # a card's or a tile's fine print
FONT_CAPTION = 12  # captions, hints, errors beside a field
FONT_BODY = 13  # tables, summaries
FONT_SUBHEADING = 14  # a panel's title, the navigation
FONT_SECTION = 16  # a section of a page, a rung's name
FONT_LARGE = 18  # the brand, a referral KPI
FONT_FIGURE = 20  # a card's price, a client's name
FONT_TITLE = 22  # a page's title, a dashboard tile's figure

# Corner radii in px.
RADIUS_SMALL = 6  # tables in a pane, kpi tiles, controls
RADIUS = 8  # cards and the roster

PAGE_MARGINS = (24, 20, 24, 20)  # left, top, right, bottom of a page's content
