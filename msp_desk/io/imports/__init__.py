"""Import kinds: the canonical fields of each (``fields``), how a file's columns map to them
(``mapping``, with the PSA presets of ``msp_desk.io.presets``), how cells read (``cells``,
``dates``) and the records each kind yields (``clients``, ``contacts``, ``tickets``)."""
