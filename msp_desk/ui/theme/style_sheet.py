"""The application's look: one style sheet for every page (keyed by objectName and by the
``role``, ``tone`` and ``status`` properties widgets carry), the light ``QPalette`` under it,
and ``restyle`` for a widget whose property changed."""

from __future__ import annotations

from string import Template

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from msp_desk.ui.theme import palette as p
from msp_desk.ui.theme.roles import ROLES, STAGE_MARKS, STATUS_CHIPS, color

_SHEET = Template("""
#central { background: $window; }
#sidebar { background: $sidebar; border-right: 1px solid $border; }
#nav_brand { font-size: ${font_large}px; font-weight: 700; color: $figure; padding: 0 6px; }
#nav_shop { font-size: ${font_caption}px; color: $quiet; padding: 0 6px; }
QListWidget#nav { background: transparent; border: none; font-size: ${font_subheading}px; outline: 0; }
QListWidget#nav::item { padding: 8px 10px; margin: 1px 0; border-radius: ${radius_small}px; color: $heading; }
QListWidget#nav::item:hover { background: $hover; }
QListWidget#nav::item:selected { background: $selection; color: $accent_text; font-weight: 600; }
#page_title { font-size: ${font_title}px; font-weight: 600; color: $text; }
#status_db { color: $quiet; }

/* One table style on every page; the roster, the one big table, reads a size larger. */
QTableView { background: $card; alternate-background-color: $alternate; border: 1px solid $border;
             border-radius: ${radius_small}px; selection-background-color: $selection; selection-color: $text; }
QTableView::item { padding: 0 6px; }
QTableView QHeaderView::section { background: $header; color: $heading; font-weight: 600; padding: 5px 6px;
                                  border: none; border-bottom: 1px solid $border; }
QTableView QHeaderView::section:vertical { padding: 0 6px; }
QTableView#client_table { border-radius: ${radius}px; font-size: ${font_body}px; }
QTableView#client_table::item { padding: 0 8px; }
QTableView#client_table QHeaderView::section { padding: 6px 8px; }

/* Dashboard */
#dashboard_scroll, #dashboard_content { background: transparent; }
#dashboard_period { font-size: ${font_body}px; color: $quiet; padding-bottom: 3px; }
QFrame[role="tile"] { background: $card; border: 1px solid $border; border-left: 4px solid $control_border;
                      border-radius: ${radius}px; }
QFrame[role="tile"][tone="ok"] { border-left-color: $good_mark; }
QFrame[role="tile"][tone="warn"] { border-left-color: $warning_mark; }
QLabel[role="tile_title"] { font-size: ${font_caption}px; font-weight: 600; color: $quiet; border: none; }
QLabel[role="tile_value"] { font-size: ${font_title}px; font-weight: 600; color: $text; border: none; }
QLabel[role="tile_hint"] { font-size: ${font_small}px; color: $quiet; border: none; }
QLabel[role="tile_hint"][tone="ok"] { color: $good; }
QLabel[role="tile_hint"][tone="warn"] { color: $warning; }
#chart_card { background: $card; border: 1px solid $border; border-radius: ${radius}px; }
#chart_title, #client_chart_title { font-size: ${font_body}px; font-weight: 600; color: $heading; border: none; }

/* Clients: the roster and one client's detail */
QLineEdit#client_search { padding: 6px 10px; border: 1px solid $control_border; border-radius: ${radius_small}px;
                          background: $card; font-size: ${font_body}px; }
QLineEdit#client_search:focus { border-color: $accent; }
#client_summary { color: $caption; font-size: ${font_body}px; }
#client_name { font-size: ${font_figure}px; font-weight: 600; color: $text; }
#client_facts { color: $caption; font-size: ${font_body}px; }
#client_status { border-radius: 9px; padding: 2px 10px; font-size: ${font_caption}px; font-weight: 600; }
$status_chips
#client_detail_empty { color: $quiet; font-size: ${font_subheading}px; padding: 40px; }
#client_message { color: $good; }
QTabWidget#client_tabs::pane { border: none; border-top: 1px solid $border; }
#client_tabs QTabBar::tab { padding: 6px 10px; border: none; border-bottom: 2px solid transparent;
                            background: transparent; color: $caption; }
#client_tabs QTabBar::tab:hover { color: $text; }
#client_tabs QTabBar::tab:selected { color: $accent_text; border-bottom-color: $accent; }
#client_profile_scroll, #client_profile_content { background: transparent; }
#client_growth QLabel[role="section"] { font-size: ${font_subheading}px; font-weight: 600; color: $text;
                                        padding-top: 8px; }
#client_growth QLabel[role="muted"] { color: $quiet; }
#client_growth QLabel[role="flag"] { color: $warning; font-weight: 600; }
#client_growth QLabel[role="score"] { font-size: ${font_title}px; font-weight: 600; color: $text; }

/* Ladder */
#ladder_scroll, #ladder_content { background: transparent; }
#ladder_section { font-size: ${font_section}px; font-weight: 600; color: $text; }
#ladder_summary, #ladder_moves { font-size: ${font_body}px; color: $caption; }
#ladder_message { font-size: ${font_body}px; color: $error; }
QFrame[role="rung"], QFrame[role="addon"] { background: $card; border: 1px solid $border; border-radius: ${radius}px; }
QFrame[role="rung"][retired="true"], QFrame[role="addon"][retired="true"] { background: $header; }
QLabel[role="rank_badge"] { background: $selection; color: $accent_text; border-radius: 11px; font-weight: 700;
                            min-width: 22px; max-width: 22px; min-height: 22px; max-height: 22px; }
QLabel[role="card_title"] { font-size: ${font_section}px; font-weight: 600; color: $text; }
QFrame[role="addon"] QLabel[role="card_title"] { font-size: ${font_body}px; }
QLabel[role="retired_badge"] { font-size: ${font_small}px; color: $quiet; border: 1px solid $control_border;
                               border-radius: 4px; padding: 0 4px; }
QLabel[role="card_price"] { font-size: ${font_figure}px; font-weight: 600; color: $figure; }
QLabel[role="card_unit"] { font-size: ${font_caption}px; color: $quiet; padding-bottom: 3px; }
QFrame[role="card_stats"] { background: $tint; border: none; border-radius: ${radius_small}px; }
QLabel[role="stat_value"] { font-size: ${font_subheading}px; font-weight: 600; color: $figure; }
QLabel[role="stat_caption"] { font-size: ${font_small}px; color: $quiet; }
QLabel[role="card_price_small"] { font-size: ${font_caption}px; font-weight: 600; color: $figure; }
QLabel[role="card_upcoming"] { font-size: ${font_caption}px; color: $warning; }
QLabel[role="card_text"] { font-size: ${font_caption}px; color: $caption; }
QLabel[role="card_figures"] { font-size: ${font_caption}px; color: $heading; }
QLabel[role="card_section"] { font-size: ${font_small}px; font-weight: 700; color: $quiet; }
QLabel[role="target_head"] { font-size: ${font_small}px; color: $quiet; }
QLabel[role="target"], QLabel[role="target_priority"] { font-size: ${font_caption}px; color: $heading; }
QPushButton[role="card_button"] { font-size: ${font_caption}px; padding: 3px 10px; border: 1px solid $control_border;
                                  border-radius: 5px; background: $card; color: $text; }
QPushButton[role="card_button"]:hover { background: $tint; border-color: $hover_border; }
QPushButton[role="card_button"]:focus { border-color: $accent; }
QLabel[role="stage_title"] { font-size: ${font_subheading}px; font-weight: 600; color: $text; }
QLabel[role="stage_words"] { font-size: ${font_caption}px; color: $quiet; }
$stage_marks

/* Referrals */
QFrame[role="kpi_tile"] { background: $card; border: 1px solid $border; border-radius: ${radius_small}px; }
QFrame[role="kpi_tile"] QLabel { border: none; background: transparent; }
QLabel[role="kpi_title"], QLabel[role="kpi_note"] { color: $quiet; font-size: ${font_small}px; }
QLabel[role="kpi_value"] { font-size: ${font_large}px; font-weight: 600; color: $text; }
QLabel[role="kpi_value"][tone="good"] { color: $good; }
QLabel[role="kpi_value"][tone="bad"] { color: $error; }
QFrame#referral_column { background: $header; border-radius: ${radius}px; }
#pipeline_board QLabel[role="column_title"] { font-weight: 600; font-size: ${font_body}px; }
#pipeline_board QLabel[role="column_sum"] { color: $quiet; font-size: ${font_small}px; }
QFrame[role="card"] { background: $card; border: 1px solid $control_border; border-radius: ${radius_small}px; }
QFrame[role="card"][overdue="true"] { border: 1px solid $error_mark; background: $error_surface; }
QFrame[role="card"][selected="true"] { border: 2px solid $accent; }
QFrame[role="card"]:focus { border: 2px solid $accent; }
#pipeline_board QLabel[role="company"] { font-weight: 600; }
#pipeline_board QLabel[role="quiet"] { color: $quiet; font-size: ${font_small}px; }
#pipeline_board QLabel[role="late"] { color: $error; font-size: ${font_small}px; font-weight: 600; }
QFrame#unrewarded_strip { background: $warning_surface; border: 1px solid $warning_border;
                          border-radius: ${radius_small}px; }
""")

_MEASURES = {
    "font_small": p.FONT_SMALL,
    "font_caption": p.FONT_CAPTION,
    "font_body": p.FONT_BODY,
    "font_subheading": p.FONT_SUBHEADING,
    "font_section": p.FONT_SECTION,
    "font_large": p.FONT_LARGE,
    "font_figure": p.FONT_FIGURE,
    "font_title": p.FONT_TITLE,
    "radius_small": p.RADIUS_SMALL,
    "radius": p.RADIUS,
}


def _status_chips() -> str:
    return "\n".join(
        f'#client_status[status="{status}"] {{ background: {background}; color: {text}; }}'
        for status, (background, text) in STATUS_CHIPS.items()
    )


def _stage_marks() -> str:
    return "\n".join(
        f"QFrame#stage_{stage} {{ border-top: 3px solid {mark}; }}" for stage, mark in STAGE_MARKS.items()
    )


_VALUES: dict[str, object] = {role: value for role, value in ROLES.items()}
_VALUES.update(_MEASURES, status_chips=_status_chips(), stage_marks=_stage_marks())
# A light look of our own, so cards and tables read the same on every desktop theme.
STYLE_SHEET = _SHEET.substitute(_VALUES)


def light_palette() -> QPalette:
    """The palette under the style sheet (what it does not style: inputs, buttons, tooltips)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: color("window"),
        QPalette.ColorRole.WindowText: color("text"),
        QPalette.ColorRole.Base: color("card"),
        QPalette.ColorRole.AlternateBase: color("alternate"),
        QPalette.ColorRole.Text: color("text"),
        QPalette.ColorRole.Button: color("header"),
        QPalette.ColorRole.ButtonText: color("text"),
        QPalette.ColorRole.Highlight: color("accent"),
        QPalette.ColorRole.HighlightedText: color("on_accent"),
        QPalette.ColorRole.ToolTipBase: color("card"),
        QPalette.ColorRole.ToolTipText: color("text"),
        QPalette.ColorRole.PlaceholderText: color("faded"),
    }
    for role, value in roles.items():
        palette.setColor(role, value)
    return palette


def restyle(widget: QWidget, **properties: object) -> None:
    """Set the properties the style sheet keys on (``tone``, ``status``, ``selected`` ...) and
    apply the look they select at once (a changed property alone does not restyle)."""
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
