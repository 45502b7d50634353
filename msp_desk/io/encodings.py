"""Turn an input file's bytes into text: size cap, binary files refused, the encoding detected.

The rule, in order:

1. A file larger than ``MAX_FILE_BYTES`` is refused whole (nothing is decoded).
2. A known binary signature (zip/XLSX, old Office, PDF, SQLite, images, gzip) is refused with
   one plain sentence naming what it looks like.
3. A byte-order mark decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.
4. Without one, NUL bytes on every other position (ASCII text stored in two bytes) mean UTF-16
   LE or BE; many control bytes otherwise mean a binary file, refused.
5. Valid UTF-8 is read as UTF-8. A file that is not UTF-8 is read as Windows-1252 (what Excel
   on Windows saves as "CSV") provided it decodes as such and holds no valid UTF-8 multi-byte
   sequence: a file mixing the two is UTF-8 with a bad byte, reported at its row and column.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from msp_desk.errors import ValidationError

MAX_FILE_BYTES = 50 * 1024 * 1024  # an import this big is a wrong file, not a shop's history
SAMPLE_BYTES = 8192  # how much of the start decides "UTF-16 without a BOM" and "binary"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel (.xls) workbook or another Office file"),
    (b"%PDF-", "a PDF"),
    (b"SQLite format 3\x00", "an SQLite database, such as an MSP Desk shop file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")  # not TAB, LF, VT, FF, CR
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class WholeFileError(ValidationError):
    """A fault of the whole file rather than of one cell: shown as one plain sentence
    (``row 1: this is not a CSV text file ...``), with no column."""

    @property
    def message(self) -> str:
        return f"row {self.row}: {self.reason}" if self.row is not None else self.reason


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the codec name used, e.g. "utf-8", "utf-16-le", "cp1252"


def check_size(size: int) -> None:
    """Refuse a file over ``MAX_FILE_BYTES`` before reading it."""
    if size > MAX_FILE_BYTES:
        raise WholeFileError(
            "file",
            f"the file is {size / 1024 / 1024:,.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB "
            "limit for an import; split it into smaller files",
        )


def read_limited(path: Path) -> bytes:
    """The bytes of ``path``, refused past ``MAX_FILE_BYTES`` without reading the rest
    (an OSError is the caller's to turn into a message)."""
    with path.open("rb") as fh:
        check_size(os.fstat(fh.fileno()).st_size)
        data = fh.read(MAX_FILE_BYTES + 1)  # a file growing while read is caught too
    check_size(len(data))
    return data


def decode_text(data: bytes, locate: CellLocator | None = None) -> DecodedText:
    """The text of ``data`` by the rule in this module's docstring; a bad byte is reported
    at its row and column (``locate`` names the column from the text before it)."""
    check_size(len(data))
    what = binary_signature(data)
    if what is not None:
        raise not_a_text_file(f"it looks like {what}")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return DecodedText(_decode(data[len(bom) :], codec, locate), codec)
    codec16 = utf16_without_bom(data[:SAMPLE_BYTES])
    if codec16 is not None:
        return DecodedText(_decode(data, codec16, locate), codec16)
    if looks_binary(data[:SAMPLE_BYTES]):
        raise not_a_text_file("it has binary data")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        if _UTF8_MULTIBYTE.search(data) is None:
            try:
                return DecodedText(data.decode("cp1252"), "cp1252")
            except UnicodeDecodeError:
                pass  # neither: report the first byte that is not UTF-8
        return DecodedText(_decode(data, "utf-8", locate), "utf-8")


def binary_signature(data: bytes) -> str | None:
    """What a binary file looks like by its first bytes, or None."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            if signature == b"PK\x03\x04" and b"xl/" in data[: 1024 * 1024]:
                return "an Excel workbook"
            return what
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on every other byte (Latin text in UTF-16), else None."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    enough = max(1, pairs // 4)  # a quarter of the characters at least are Latin
    even_nuls = sample[0 : 2 * pairs : 2].count(0)
    odd_nuls = sample[1 : 2 * pairs : 2].count(0)
    if odd_nuls >= enough and even_nuls * 10 <= odd_nuls:
        return "utf-16-le"
    if even_nuls >= enough and odd_nuls * 10 <= even_nuls:
        return "utf-16-be"
    return None


def looks_binary(sample: bytes) -> bool:
    """Control bytes in more than 5% of the sample: not text (a stray one in a cell is a cell
    error, reported at its row and column by the reader)."""
    controls = len(_CONTROL_BYTES.findall(sample))
    return controls >= 2 and controls * 20 > len(sample)


def not_a_text_file(why: str) -> WholeFileError:
    return WholeFileError("file", f"this is not a CSV text file ({why}); save it as CSV", row=1)


class CellLocator:
    """Names the row and column where a position of the text falls, from the text before it
    (a bad byte is found before the cells are, so this counts lines and delimiters)."""

    def __init__(self, header: tuple[str, ...]) -> None:
        self.header = header

    def where(self, before: str) -> tuple[int, str]:
        row = before.count("\n") + 1
        if row == 1:
            return row, "header"
        line = before[before.rfind("\n") + 1 :]
        delimiter = max(",;\t", key=before.split("\n", 1)[0].count)
        index = line.count(delimiter)
        return row, self.header[index] if index < len(self.header) else str(index + 1)


_CODEC_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}


def _decode(data: bytes, codec: str, locate: CellLocator | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode(codec, "replace")
        row, column = (locate or CellLocator(())).where(before)
        bad = " ".join(f"0x{b:02x}" for b in data[exc.start : exc.end])
        name = _CODEC_NAMES[codec]
        raise ValidationError(
            column, f"not {name} text (byte {bad}); save the file as UTF-8 CSV", row=row
        ) from exc
