"""`territory-map add URL...`: fetch news pages and save each as a seed. The only part of
the package that uses the network.

A page is saved as `seeds/HOST-PATH-HASH.html` (UTF-8 with a byte-order mark, so its
encoding is never guessed again) with a sidecar `.yaml` holding the address it came from;
its title, date and outlet are read from the page's own metadata at build time
(mapping.pages). What is fetched is untrusted like any seed: only http and https
(redirects too), only text/html, at most MAX_PAGE_BYTES, within a time-out; a page with no
article text in it is not saved. Each failure is one line naming the address and why.

Why the standard library (urllib) rather than requests: one GET with these limits is all
that is needed, and it adds no dependency.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import SeedError
from .files import write_atomic
from .pages import read_page
from .seeds import MAX_SEED_BYTES, decode_page, one_line

MAX_PAGE_BYTES = MAX_SEED_BYTES  # a larger page would be skipped by the build anyway
TIMEOUT_SECONDS = 20.0  # for the whole fetch of one page, not per read
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class FetchError(Exception):
    """One address that could not be saved; str() says why, in one line."""


@dataclass
class Fetched:
    url: str  # the address asked for
    final_url: str  # after redirects
    data: bytes
    charset: str  # from the Content-Type header, "" if none


def check_address(url: str) -> str:
    """The address if it is http(s) with a host; FetchError otherwise."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError("not a web address") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("only http:// and https:// addresses are fetched")
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise FetchError("the address holds spaces or control characters")
    return url


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, limit: int = MAX_PAGE_BYTES) -> Fetched:
    """GET one page within `timeout` seconds in all and `limit` bytes; FetchError if not."""
    from . import __version__

    check_address(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(
        url, headers={"User-Agent": f"territory-map/{__version__}", "Accept": "text/html"}
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as resp:
            ctype = resp.headers.get_content_type()
            if ctype not in HTML_TYPES:
                raise FetchError(f"not a web page (Content-Type {ctype}); only text/html is saved")
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(f"page is {int(length):,} bytes, over the {limit:,}-byte limit")
            data = _read_limited(resp, limit, deadline, timeout)
            charset = resp.headers.get_content_charset() or ""
            return Fetched(url, resp.geturl(), data, charset)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, FetchError):
            raise reason from None
        if isinstance(reason, TimeoutError):
            raise FetchError(f"no answer within {timeout:g} s") from None
        raise FetchError(f"cannot connect ({reason})") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"connection failed ({exc.strerror or exc})") from None


def _read_limited(resp, limit: int, deadline: float, timeout: float) -> bytes:
    """At most limit + 1 bytes, and only until the deadline: a server that sends one byte
    a second (each read within the socket's time-out) cannot hold the command forever."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        if time.monotonic() > deadline:
            raise FetchError(f"page not received within {timeout:g} s")
        chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise FetchError(f"page is over the {limit:,}-byte limit")


def page_name(url: str) -> str:
    """A file name from the address: host and path in lower-case letters, digits and
    dashes (at most 60), and 8 hex digits of its hash, so two addresses never collide."""
    parts = urlsplit(url)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}".lower()).strip("-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:60].strip('-') or 'page'}-{digest}.html"


def page_text(fetched: Fetched) -> str:
    """The page as text: by the charset the server sent, else as a saved page is read."""
    codec = ""
    if fetched.charset:
        try:
            codec = codecs.lookup(fetched.charset).name
        except LookupError:
            codec = ""
    if codec:
        return fetched.data.decode(codec, "replace")
    try:
        return decode_page(fetched.data)[0]
    except SeedError as exc:
        raise FetchError(str(exc).removesuffix("; skipped")) from None


def save(fetched: Fetched, seeds_dir: Path) -> tuple[Path, str]:
    """Save a fetched page as a seed with its sidecar; (path, its title). FetchError when
    the page holds no article, or the file is there already (kept as it is)."""
    html = page_text(fetched)
    try:
        page = read_page(html)
    except SeedError as exc:
        raise FetchError(str(exc).removesuffix("; skipped")) from None
    path = Path(seeds_dir) / page_name(fetched.url)
    if path.exists():
        raise FetchError(f"already saved as {path}; kept (delete it to fetch again)")
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")
    # JSON strings are YAML double-quoted scalars: any address is written safely.
    sidecar = (
        f"url: {json.dumps(fetched.final_url)}\n"
        f"note: {json.dumps(f'fetched {now} by territory-map add')}\n"
    )
    try:
        Path(seeds_dir).mkdir(parents=True, exist_ok=True)
        write_atomic(path.with_suffix(".yaml"), sidecar.encode("utf-8"))
        write_atomic(path, codecs.BOM_UTF8 + html.encode("utf-8"))
    except OSError as exc:
        raise FetchError(f"cannot write {path} ({exc.strerror or exc})") from None
    return path, page.meta.get("title", "")


def add(
    urls: list[str], seeds_dir: Path, timeout: float = TIMEOUT_SECONDS
) -> tuple[list[str], int]:
    """Fetch and save each address: (one line per address, how many failed)."""
    lines, failed = [], 0
    for url in urls:
        try:
            path, title = save(fetch(url, timeout), seeds_dir)
        except FetchError as exc:
            failed += 1
            lines.append(one_line(f"failed: {url}: {exc}"))
        else:
            lines.append(one_line(f"saved: {url} -> {path}" + (f" ({title})" if title else "")))
    return lines, failed
