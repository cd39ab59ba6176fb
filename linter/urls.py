"""Where a URL in a published page points, read the way a browser reads it (WHATWG URL parsing).

One implementation for the linter (PM802, PM809) and the site's sanitizer: both must agree on
what a reader's browser would fetch, or a URL the linter passes as same-site loads from a host
the author controls (issue 16: ``/\\host``, ``\\/host``, ``/&#9;/host`` all mean ``//host``).

What a browser does with an attribute value, in order, and what this module does too:

1. HTML entities are decoded (``&#9;`` is a tab, ``&NewLine;`` a line break).
2. Leading and trailing C0 controls and spaces (U+0000 to U+0020) are stripped.
3. Every ASCII tab, line feed and carriage return is removed, wherever it is.
4. A scheme (``https:``) is read; for the special schemes (http, https, ws, wss, ftp, file)
   a backslash is a slash, and any run of slashes and backslashes after the scheme starts
   the host. A URL without a scheme is resolved against the page (an http(s) page: special):
   two slashes or backslashes in any mix (``//``, ``/\\``, ``\\/``, ``\\\\``) start another host.
5. The host ends at ``/``, ``\\``, ``?`` or ``#``; ``user:password@`` before it is dropped (the
   last ``@`` counts), then it is percent-decoded, lower-cased, IDNA-encoded, and IPv4 written
   as one number or in hex or octal parts (``0x7f.1``) is read as the dotted address.

Where the outcome depends on the page's own scheme (``https:x.png`` is a path on an https page
and the host ``x.png`` on an http one), this module takes the reading that names a host: a
judge that errs towards "another host" refuses a URL, it never lets one through.
"""

from __future__ import annotations

import html
import ipaddress
import re
from dataclasses import dataclass

SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp", "file"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_STRIPPED = "".join(chr(code) for code in range(0x21))  # C0 controls and space
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SLASHES = "/\\"
# Code points that make a domain invalid (WHATWG "forbidden domain code point", plus '%').
_FORBIDDEN_IN_HOST = re.compile(r"[\x00-\x20#/:<>?@\[\\\]^|%\x7f]")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Resolved:
    """What a browser makes of a URL: its scheme and host.

    ``scheme`` is None for a URL relative to the page; ``host`` is None when the URL stays on
    the page's host, ``""`` when it has none (``mailto:``, ``data:``), else the canonical host.
    ``valid_host`` is False when the host cannot be read (the browser fails the URL; a judge
    still treats it as another host, never as an allowed one)."""

    scheme: str | None
    host: str | None
    valid_host: bool = True

    @property
    def same_site(self) -> bool:
        """True when the URL points at the page's own host (a relative URL: path, query, fragment)."""
        return self.scheme is None and self.host is None


def browser_form(url: str, decode_entities: bool = True) -> str:
    """The URL text a browser parses: entities decoded (when read from HTML), C0 controls and
    spaces stripped at both ends, tabs and line breaks removed everywhere."""
    if decode_entities and "&" in url:
        url = html.unescape(url)
    return url.strip(_STRIPPED).translate(_TAB_OR_NEWLINE)


def resolve(url: str, decode_entities: bool = True) -> Resolved:
    """Scheme and host of ``url`` as a browser resolves it on an http(s) page."""
    url = browser_form(url, decode_entities)
    match = _SCHEME.match(url)
    if match is None:
        if len(url) >= 2 and url[0] in _SLASHES and url[1] in _SLASHES:
            return _authority(None, url.lstrip(_SLASHES), special=True)
        return Resolved(None, None)
    scheme = match.group(1).lower()
    rest = url[match.end():]
    if scheme in SPECIAL_SCHEMES:
        if scheme == "file":  # file://host/path; a page on http(s) may not load file: URLs at all
            two_slashes = len(rest) >= 2 and rest[0] in _SLASHES and rest[1] in _SLASHES
            host = _authority(scheme, rest[2:], special=True) if two_slashes else None
            return host if host is not None and host.host else Resolved(scheme, "")
        # As if the page had another scheme: every slash and backslash is skipped to the host.
        return _authority(scheme, rest.lstrip(_SLASHES), special=True)
    if rest.startswith("//"):
        return _authority(scheme, rest[2:], special=False)
    return Resolved(scheme, "")


def _authority(scheme: str | None, text: str, special: bool) -> Resolved:
    end = len(text)
    for stop in ("/", "?", "#", "\\") if special else ("/", "?", "#"):
        found = text.find(stop)
        if 0 <= found < end:
            end = found
    authority = text[:end]
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        closing = host.find("]")
        host = host[:closing + 1] if closing >= 0 else host
    else:
        host = host.partition(":")[0]
    canonical = canonical_host(host)
    if canonical is None:
        return Resolved(scheme, host.lower(), valid_host=False)
    return Resolved(scheme, canonical)


def canonical_host(text: str) -> str | None:
    """The host a browser connects to for ``text`` (lower-cased, IDNA, IPv4 and IPv6 in their
    canonical form), or None when a browser refuses it."""
    if not text:
        return None
    if text.startswith("["):
        if not text.endswith("]"):
            return None
        try:
            return f"[{ipaddress.IPv6Address(text[1:-1]).compressed}]"
        except ValueError:
            return None
    if "%" in text:
        try:
            text = _PERCENT.sub(lambda m: chr(int(m.group(1), 16)), text).encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
    domain = _to_ascii(text)
    if domain is None or not domain or _FORBIDDEN_IN_HOST.search(domain):
        return None
    if _ends_in_number(domain):
        return _ipv4(domain)
    return domain


def _to_ascii(text: str) -> str | None:
    if text.isascii():
        return text.lower()
    try:  # IDNA 2003 (Python's codec): maps full-width dots and letters as UTS 46 does
        return text.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def _ends_in_number(domain: str) -> bool:
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    last = parts[-1]
    if last.isdigit() and last.isascii():
        return True
    return last[:2] in ("0x", "0X") and all(char in "0123456789abcdefABCDEF" for char in last[2:])


def _ipv4_number(part: str) -> int | None:
    base = 10
    if part[:2] in ("0x", "0X"):
        part, base = part[2:], 16
        if not part:
            return 0
    elif len(part) > 1 and part.startswith("0"):
        part, base = part[1:], 8
    try:
        return int(part, base) if part and part.isascii() and part.isalnum() else None
    except ValueError:
        return None


def _ipv4(domain: str) -> str | None:
    """The WHATWG IPv4 parser: 1 to 4 parts, the last filling the remaining bytes."""
    parts = domain.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if len(parts) > 4:
        return None
    numbers = [_ipv4_number(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):  # type: ignore[operator]
        return None
    value = last  # type: ignore[assignment]
    for index, number in enumerate(leading):
        value += number * 256 ** (3 - index)  # type: ignore[operator]
    return str(ipaddress.IPv4Address(value))


def resource_problem(url: str, allowed_hosts: frozenset[str] | set[str] = frozenset(),
                     decode_entities: bool = True) -> str | None:
    """Why a browser loading ``url`` as an image (or other resource) would reach a host the
    site does not allow, or None when it stays on the site, on an allowed host, or loads
    nothing from a network (``data:``, ``mailto:``: PM802 judges schemes that run script)."""
    resolved = resolve(url, decode_entities)
    if resolved.same_site or (resolved.valid_host and not resolved.host):
        return None  # the page's own host, or no host at all: nothing leaves for another server
    if resolved.valid_host and resolved.host in allowed_hosts:
        return None
    if not resolved.valid_host:
        return f"it points at another host ('{resolved.host}', which browsers cannot read)"
    return f"it loads from the host '{resolved.host}'"


_SRCSET_URL = re.compile(r"[\s,]*([^\s]+)")
_DESCRIPTORS = re.compile(r"(?:[^,(]|\([^)]*\)?)*,?")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` value (``a.png 1x, //b/c.png 2x``), split as the HTML spec's
    srcset parser does: a URL runs to whitespace; trailing commas end the candidate, else its
    descriptors run to the next comma outside parentheses."""
    urls: list[str] = []
    position = 0
    while True:
        match = _SRCSET_URL.match(value, position)
        if match is None:
            return urls
        url = match.group(1)
        position = match.end()
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            position = _DESCRIPTORS.match(value, position).end()
        if url:
            urls.append(url)
