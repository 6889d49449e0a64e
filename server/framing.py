"""Cutting the byte stream from the client into JSON-RPC messages, forgiving
the framing mistakes clients make.

LSP frames each message as headers (`Content-Length: N`, CRLF line ends, a
blank line) and N bytes of JSON. pygls trusts that frame completely: one
wrong length (counted in characters, so "Café" is one byte short; too
short; too long), a missing header or LF-only line ends, and it never finds
a message boundary again: it ignores everything, `shutdown` and `exit`
included, until stdin closes.

Here the frame is a hint and the JSON is the truth. Every message is a JSON
object, and no proper prefix of a JSON object is itself a whole JSON
object, so the first whole object after the headers is the message,
whatever the header said:

- the declared N bytes are tried first (one parse, the usual case);
- if they are not one whole object (too short, or counted in characters),
  the object is read from the bytes that are there, as far as it goes;
- when fewer than N bytes have come but they already end in a whole object
  (too long), it is taken at once rather than waiting for bytes the client
  will never send (it is waiting for the answer);
- header lines may end in LF alone, the name is matched in any case, and a
  message with no `Content-Length` at all is read by its JSON.

Bytes that are no message (no header, not JSON, not UTF-8) are reported as
one `Problem` and skipped up to the next `Content-Length` header, where
reading starts again. The caller answers a problem with a JSON-RPC parse
error (id null) the client can see.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

HEADER = re.compile(rb"content-length[ \t]*:", re.IGNORECASE)
HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:[^\r\n]*")  # a token, a colon, a value
PARTIAL_HEADER_LINE = re.compile(rb"[!-9;-~]*([ \t]*:[^\r\n]*)?\r?")
WHITESPACE = b" \t\r\n"
# Headers are a few dozen bytes: this much without the end of a header block is no header.
MAX_HEADER_BYTES = 8192


@dataclass
class Problem:
    """Bytes that were skipped, and why."""

    reason: str


class Unreadable:
    """A whole JSON object that could not be turned into a message (the
    object hook raised): the bytes are consumed, the error is the caller's."""

    def __init__(self, error: Exception) -> None:
        self.error = error


class Framer:
    """Bytes in (`feed`), messages out (`next`). `hook` turns each decoded
    JSON object into a message (pygls' `structure_message`)."""

    def __init__(self, hook: Callable[[dict], Any] = lambda d: d) -> None:
        self.buffer = bytearray()
        self.ended = False
        self._skipping = False  # inside a run of bytes that are no message
        self._decoder = json.JSONDecoder(object_hook=self._guarded(hook))

    def _guarded(self, hook: Callable[[dict], Any]) -> Callable[[dict], Any]:
        def guarded(data: dict) -> Any:
            try:
                return hook(data)
            except Exception as exc:  # noqa: BLE001 - reported by the caller, never raised into the decoder
                return Unreadable(exc)
        return guarded

    def feed(self, data: bytes) -> None:
        if data:
            self.buffer += data
        else:
            self.ended = True

    def next(self) -> Any | Problem | None:
        """The next message, a Problem, or None when more bytes are needed."""
        while True:
            start = _skip_whitespace(self.buffer, 0)
            if start == len(self.buffer):
                self.buffer.clear()
                return None
            size_before = len(self.buffer)
            headers = self._headers(start)
            if headers is None:
                if self.ended:
                    return self._skip(len(self.buffer), "the input ended inside a message's headers")
                return None
            if isinstance(headers, str):
                problem = self._skip(self._next_header(start + 1), headers)
            else:
                body_start, declared = headers
                found = self._body(body_start, declared)
                if found is None:
                    if self.ended:
                        return self._skip(len(self.buffer), "the input ended inside a message")
                    return None
                if not isinstance(found, str):
                    message, end = found
                    del self.buffer[:end]
                    self._skipping = False
                    return message
                problem = self._skip(self._resume_point(body_start, declared), found)
            if problem is not None:
                return problem
            if len(self.buffer) == size_before and not self.ended:
                return None  # nothing could be dropped yet: wait for more bytes

    # --- the pieces ---------------------------------------------------------------------

    def _headers(self, start: int) -> tuple[int, int | None] | str | None:
        """(where the body starts, the declared length or None), a reason the
        bytes at `start` are no headers, or None if the block is not complete yet."""
        if self.buffer[start:start + 1] == b"{":
            return start, None  # no headers at all: the JSON says where it ends
        declared: int | None = None
        position = start
        while True:
            line_end = self.buffer.find(b"\n", position)
            if line_end < 0:
                if self.buffer[position:position + 1] == b"{":
                    return position, declared  # the body right after the headers, without the blank line
                if len(self.buffer) - start > MAX_HEADER_BYTES:
                    return "a header line longer than any header"
                if not PARTIAL_HEADER_LINE.fullmatch(self.buffer, position):
                    return "bytes that are not a message header"
                return None  # the rest of the line is still coming
            line_start, position = position, line_end + 1
            line = bytes(self.buffer[line_start:line_end]).rstrip(b"\r")
            if not line:
                return position, declared
            if line.startswith(b"{"):  # the body right after the headers, without the blank line
                return line_start, declared
            if not HEADER_LINE.fullmatch(line):
                return "bytes that are not a message header"
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                value = value.strip()
                declared = int(value) if value.isdigit() else None

    def _body(self, start: int, declared: int | None) -> tuple[Any, int] | str | None:
        """(the message, where it ends), a reason the bytes at `start` are no
        message, or None if it has not all come yet."""
        available = len(self.buffer) - start
        if declared is not None and available >= declared:
            found = self._decode(start, start + declared)
            if found is not None:
                return found
        elif declared is not None:
            last = _last_non_whitespace(self.buffer, start)
            if last != ord("}"):
                return None  # still coming
        found = self._decode(start, len(self.buffer))
        if found is not None:
            return found
        if declared is not None and available < declared and not self.ended:
            return None  # not whole yet, and not all the declared bytes are here: wait
        if self._resume_point(start, declared) < len(self.buffer) or self.ended:
            return "a message that is not whole JSON"
        return None

    def _resume_point(self, start: int, declared: int | None) -> int:
        """Where to look for the next message after a body that is none: the
        first header after the declared length (one inside the body would be
        text that mentions a header), or after `start` if none follows it."""
        if declared is not None:
            after = self._next_header(min(start + declared, len(self.buffer)))
            if after < len(self.buffer):
                return after
        return self._next_header(start)

    def _decode(self, start: int, end: int) -> tuple[Any, int] | None:
        """The JSON object at `start` and where it ends, if it is whole before `end`."""
        chunk = bytes(self.buffer[start:end])
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A character cut at the end, or bytes that are not UTF-8: a whole
            # object, if there is one, ends before them.
            text = chunk[:exc.start].decode("utf-8")
        begin = len(text) - len(text.lstrip())
        if not text.startswith("{", begin):
            return None
        try:
            message, stop = self._decoder.raw_decode(text, begin)
        except json.JSONDecodeError:
            return None
        whole = len(text) == len(chunk) and not text[stop:].strip()
        return message, start + (len(chunk) if whole else len(text[:stop].encode("utf-8")))

    def _next_header(self, after: int) -> int:
        match = HEADER.search(self.buffer, after)
        return match.start() if match else len(self.buffer)

    def _skip(self, to: int, reason: str) -> Problem | None:
        """Drop the bytes before `to`. A run of skipped bytes is reported once,
        when it starts; the next message read ends the run."""
        if to == len(self.buffer) and not self.ended:
            to = max(0, to - len(b"content-length:"))  # keep what may be the start of a header
        del self.buffer[:to]
        if self._skipping:
            return None
        self._skipping = True
        return Problem(reason)


def _skip_whitespace(buffer: bytearray, start: int) -> int:
    while start < len(buffer) and buffer[start] in WHITESPACE:
        start += 1
    return start


def _last_non_whitespace(buffer: bytearray, start: int) -> int | None:
    end = len(buffer)
    while end > start and buffer[end - 1] in WHITESPACE:
        end -= 1
    return buffer[end - 1] if end > start else None
