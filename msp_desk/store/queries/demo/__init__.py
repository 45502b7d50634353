"""The demo shops' queries: the anchor a demo file is marked with, read with the driver alone
(``anchor``: opening a current demo), and the builder's lookups and bulk writes (``builder``)."""
