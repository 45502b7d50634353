"""MSP Desk: grow the value of every client account of a small MSP or VA agency, offline."""

__version__ = "0.1.0"
