"""Bytes to text: UTF-8 first, then cp1252/Latin-1, and a refusal for binary data.

News dumps arrive from many tools: most are UTF-8 (sometimes with a BOM), some
old exports are Windows-1252, and a stray image or archive can end up in an
input folder. Decoding never fails silently: the encoding that worked is
returned so that readers record it in ``meta["encoding"]``, and binary data is
refused with one clear line instead of producing an article of garbage.
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

SNIFF_BYTES = 1 << 20  # how much of a stream decides its encoding

# Share of control characters (other than tab, newline, carriage return, form
# feed) above which a sample is treated as binary rather than text.
MAX_CONTROL_RATIO = 0.05

_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


class NotText(ValueError):
    """The bytes are not text (binary data); the message is one clear line."""


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the few bytes cp1252 leaves undefined (0x81, 0x8D...) as Latin-1."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    chunk = err.object[err.start : err.end]
    return bytes(chunk).decode("latin-1"), err.end


codecs.register_error("warta-latin1", _latin1_fallback)


def looks_binary(sample: bytes) -> bool:
    """True when a sample holds NUL bytes or too many control characters."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > MAX_CONTROL_RATIO


def _valid_utf8_prefix(sample: bytes, complete: bool) -> bool:
    """Whether ``sample`` is UTF-8, allowing a sequence cut at the end of a partial read."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def sniff_encoding(sample: bytes, complete: bool = False) -> str:
    """The encoding to read a stream with, decided from its first bytes.

    ``complete`` says whether ``sample`` is the whole input (then a cut
    multi-byte sequence at the end is an error, not a read boundary).
    Raises NotText for binary data.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if looks_binary(sample):
        raise NotText("binary file, not text")
    if _valid_utf8_prefix(sample, complete):
        return "utf-8"
    return "cp1252"


def errors_for(encoding: str) -> str:
    """The error handler that goes with an encoding chosen by sniff_encoding.

    UTF-8 past the sniffed prefix may still hold a stray bad byte: it becomes
    U+FFFD rather than aborting a long file; cp1252 maps its undefined bytes
    to Latin-1 so that every byte decodes.
    """
    return "warta-latin1" if encoding == "cp1252" else "replace"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole input; returns ``(text, encoding)``. Raises NotText."""
    encoding = sniff_encoding(data[:SNIFF_BYTES], complete=len(data) <= SNIFF_BYTES)
    if encoding == "utf-8":
        try:
            return data.decode("utf-8"), encoding
        except UnicodeDecodeError:  # a bad byte past the sniffed start
            encoding = "cp1252"
    return data.decode(encoding, errors=errors_for(encoding)), encoding


def text_stream(binary: BinaryIO) -> tuple[io.TextIOWrapper, str]:
    """Wrap a binary stream as text in the encoding sniffed from its start.

    The stream must support ``peek`` (an ``io.BufferedReader``) or ``seek`` so
    that the sniffed bytes are read again. Newlines are left untranslated so
    that the csv module sees quoted line breaks intact. Call ``detach()`` on
    the wrapper when done so that the caller's stream is not closed with it.
    """
    sample = peek(binary, SNIFF_BYTES)
    encoding = sniff_encoding(sample)  # a peek may stop anywhere: never "complete"
    wrapper = io.TextIOWrapper(binary, encoding=encoding, errors=errors_for(encoding), newline="")
    return wrapper, encoding


def peek(binary: BinaryIO, size: int) -> bytes:
    """Read ahead without consuming: seek back when possible, else peek."""
    if binary.seekable():
        pos = binary.tell()
        sample = binary.read(size)
        binary.seek(pos)
        return sample
    peek = getattr(binary, "peek", None)
    if peek is None:
        raise TypeError("stream can neither seek nor peek")
    return peek(size)[:size]
