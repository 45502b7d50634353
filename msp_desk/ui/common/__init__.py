"""What every feature's screens share: the form dialog (``form_dialog``), a form's fields and
errors (``fields``), read-only tables (``tables``), the shop's words (``words``), the filter bar
and the column chooser. The look itself is ``msp_desk.ui.theme``."""
