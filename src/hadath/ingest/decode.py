"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256; binary refused.

Arabic news archives from before ~2010 are often Windows-1256. Such a file is almost never valid
UTF-8 (Arabic letters sit at bytes C1-ED and rarely form a valid two-byte sequence), so the test
is: when UTF-8 decoding fails on a large share of the non-ASCII bytes and the Windows-1256
reading is mostly Arabic, the file is Windows-1256. Otherwise it stays UTF-8 and every invalid
byte becomes U+FFFD, counted and warned about.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import regex

#: How much of a stream decides binary-or-text and the encoding.
SNIFF_BYTES = 64 * 1024
_UTF8_REPLACEMENT = "\ufffd".encode()
_ASCII = bytes(range(128))
# Control bytes that never appear in text files (TAB, LF, VT, FF, CR and ESC aside).
_CONTROL_BYTES = bytes([*range(0, 9), 14, 15, *range(16, 27), 28, 29, 30, 31, 127])
_ARABIC_LETTER = regex.compile(r"(?V1)[\p{Script=Arabic}&&\p{L}]")
_NON_ASCII_CHAR = regex.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class EncodingGuess:
    """The encoding a stream will be read with, or why it cannot be read as text."""

    encoding: str | None  # a Python codec name; None when the stream is not text
    skip_reason: str | None = None


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    invalid_bytes: int  # bytes replaced by U+FFFD


def guess_encoding(head: bytes) -> EncodingGuess:
    """Decide from the first bytes of a stream how to read it (or that it is binary)."""
    if head.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8-sig")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingGuess("utf-16")
    if b"\x00" in head:
        return EncodingGuess(None, "binary file (contains NUL bytes)")
    if head and len(head) - len(head.translate(None, _CONTROL_BYTES)) > 0.05 * len(head):
        return EncodingGuess(None, "binary file (mostly control bytes, not text)")
    if _utf8_fails_badly(head) and _mostly_arabic(head.decode("cp1256", "replace")):
        return EncodingGuess("cp1256")
    return EncodingGuess("utf-8-sig")


def _utf8_fails_badly(data: bytes) -> bool:
    non_ascii = len(data) - len(data.translate(None, _ASCII))
    if not non_ascii:
        return False
    invalid = count_invalid_utf8(data, data.decode("utf-8", "replace"))
    # A UTF-8 file with a few broken bytes keeps most of its multi-byte sequences valid.
    return invalid > 0.3 * non_ascii


def _mostly_arabic(text: str) -> bool:
    non_ascii = len(_NON_ASCII_CHAR.findall(text))
    return non_ascii > 0 and len(_ARABIC_LETTER.findall(text)) >= 0.6 * non_ascii


def count_invalid_utf8(data: bytes, decoded: str) -> int:
    """Replacement characters that decoding added (a literal U+FFFD in the input is not one)."""
    return max(decoded.count("\ufffd") - data.count(_UTF8_REPLACEMENT), 0)


class StreamDecoder:
    """Incremental decoding of a byte stream in the guessed encoding, counting replacements."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.invalid_bytes = 0
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")

    def decode(self, block: bytes, final: bool = False) -> str:
        text = self._decoder.decode(block, final)
        if self.encoding.startswith("utf-8"):
            self.invalid_bytes += count_invalid_utf8(block, text)
        else:
            self.invalid_bytes += text.count("\ufffd")
        return text


def decode_bytes(data: bytes) -> DecodedText | EncodingGuess:
    """Decode a whole byte string; an `EncodingGuess` with a skip reason when it is not text."""
    guess = guess_encoding(data[:SNIFF_BYTES])
    if guess.encoding is None:
        return guess
    decoder = StreamDecoder(guess.encoding)
    text = decoder.decode(data, final=True)
    return DecodedText(text, guess.encoding, decoder.invalid_bytes)
