"""Use cases that print: gather a report's plain data from the shop, hand it to ``msp_desk.reports``,
and return (or write) the PDF. One module per report, sharing ``masthead``."""
