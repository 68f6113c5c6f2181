"""Fetching a URL safely: http(s) only, public addresses only, bounded in time and size.

A URL handed to bilateral may come from a feed or a document someone else
wrote, so fetching one must not become a way to reach the machine's own
network (a router's admin page, a cloud metadata service, an internal API).
Every address a host name resolves to is checked before connecting, the
connection goes to exactly the address that was checked (so DNS cannot answer
differently a moment later), and redirects are followed here, one hop at a
time, with the same checks.

Only the standard library is used; proxies from the environment are not: a
proxy would make the request on our behalf to an address we did not check.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from bilateral.errors import FetchError, UsageError
from bilateral.read.limits import DEFAULT_MAX_BYTES, check_max_bytes

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/pdf"})
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "bilateral/0.1 (document reader)"

# Cloud instance metadata services (AWS, GCP, Azure, ... on the link-local
# address; AWS's IPv6 one on a unique-local address). They hand out
# credentials, so they stay refused even with allow_private=True: no document
# lives there, and allow_private is meant for intranet and test servers.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset({
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
})

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CHUNK = 64 * 1024
# Characters left as they are when re-quoting a path: everything a URL may
# legitimately contain, including "%" so existing escapes survive.
_URL_SAFE = "/%:@!$&'()*+,;=-._~?"
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into its lower-cased media type and charset."""
    if not header:
        return "", None
    media_type = header.split(";", 1)[0].strip().lower()
    charset = _CHARSET.search(header)
    return media_type, charset.group(1) if charset else None


def address_refusal(address: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why a connection to ``address`` is refused ("a loopback address"), or None if it is allowed."""
    if address in METADATA_ADDRESSES:
        return "a cloud metadata service address"
    if allow_private:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address reach that IPv4 address.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_refusal(embedded, allow_private=False)
            if inner is not None:
                return f"{inner} ({embedded}) in IPv6 form"
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        # Before is_private, which also covers the reserved 240.0.0.0/4.
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
        ("is_site_local", "a site-local address"),
    )
    for attribute, reason in checks:
        if getattr(address, attribute, False):
            return reason
    if not address.is_global:
        # Shared address space (100.64.0.0/10, carrier-grade NAT) and the like.
        return "not a public address"
    return None


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    accept: frozenset[str] = ALLOWED_CONTENT_TYPES,
) -> tuple[bytes, str, str]:
    """Fetch ``url`` and return ``(body, content_type, final_url)``.

    Only http and https; at most ``MAX_REDIRECTS`` redirects, each checked like
    the first URL; the whole fetch must finish within ``timeout`` seconds; a
    body over ``max_bytes`` (decompressed) is refused while it streams in; the
    Content-Type must be one of ``accept`` (by default HTML, XHTML, plain text
    or PDF). Unless
    ``allow_private``, hosts that resolve to loopback, private, link-local,
    multicast, unspecified or reserved addresses are refused before any
    connection is made; cloud metadata addresses are refused always.

    Raises ``FetchError`` (naming ``url`` and the reason) for every failure,
    ``UsageError`` for a limit that is not positive.
    """
    check_max_bytes(max_bytes)
    if not timeout > 0:
        raise UsageError(f"timeout must be a positive number of seconds, not {timeout!r}")
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        where = "" if current == url else f"redirect to {current}: "
        target = _target(url, current, where)
        addresses = _checked_addresses(url, target, where, allow_private=allow_private)
        outcome = _request(url, target, addresses, where, deadline=deadline, timeout=timeout, max_bytes=max_bytes,
                           accept=accept)
        if isinstance(outcome, str):
            current = outcome
            continue
        body, content_type = outcome
        return body, content_type, current
    raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")


def _target(url: str, current: str, where: str) -> _Target:
    try:
        parts = urlsplit(current.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(url, f"{where}malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "a URL without a scheme"
        raise FetchError(url, f"{where}only http and https URLs can be fetched, not {shown}")
    if parts.username is not None or parts.password is not None:
        raise FetchError(url, f"{where}URLs with a user name or password are not supported")
    host = parts.hostname
    if not host:
        raise FetchError(url, f"{where}URL without a host name")
    host = _ascii_host(url, host, where)
    path = quote(parts.path or "/", safe=_URL_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_URL_SAFE)
    return _Target(current, scheme, host, port or (443 if scheme == "https" else 80), path)


def _ascii_host(url: str, host: str, where: str) -> str:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    try:
        # International domain names travel as punycode ("xn--...").
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(url, f"{where}invalid host name {host!r}") from None
    if not re.fullmatch(r"[a-z0-9.-]+", ascii_host, re.IGNORECASE):
        raise FetchError(url, f"{where}invalid host name {host!r}")
    return ascii_host


def _checked_addresses(url: str, target: _Target, where: str, *, allow_private: bool) -> list[str]:
    """Resolve the host and check every address; refuse if any one is not allowed.

    All of them, not just the first: the connection may fall back to any of
    them, and a host name that mixes public and private addresses is a classic
    way around a check that looks at one.
    """
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(url, f"{where}cannot resolve host name {target.host} ({exc.strerror})") from None
    except (OSError, UnicodeError) as exc:
        raise FetchError(url, f"{where}cannot resolve host name {target.host} ({exc})") from None
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(url, f"{where}host name {target.host} has no addresses")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        reason = address_refusal(ip, allow_private=allow_private)
        if reason is None:
            continue
        subject = f"{ip} is" if ip.compressed == target.host else f"{target.host} resolves to {ip},"
        hint = "" if allow_private or ip in METADATA_ADDRESSES else " (allow_private=True allows it)"
        raise FetchError(url, f"{where}refused: {subject} {reason}{hint}")
    return addresses


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to addresses already checked, whatever DNS says later.

    The Host header and the TLS server name stay the host name of the URL.
    """

    def __init__(self, target: _Target, addresses: list[str], timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._addresses = addresses
        self._tls = ssl.create_default_context() if target.scheme == "https" else None
        self.raw_socket: socket.socket | None = None

    def connect(self) -> None:
        error: OSError | None = None
        for address in self._addresses:
            try:
                sock = socket.create_connection((address, self.port), self.timeout)
                break
            except OSError as exc:
                error = exc
        else:
            raise error or OSError("no address to connect to")
        if self._tls is not None:
            try:
                sock = self._tls.wrap_socket(sock, server_hostname=self.host)
            except BaseException:
                sock.close()
                raise
        self.sock = sock
        self.raw_socket = sock


def _request(
    url: str, target: _Target, addresses: list[str], where: str, *, deadline: float, timeout: float, max_bytes: int,
    accept: frozenset[str],
) -> tuple[bytes, str] | str:
    """One GET: the body and Content-Type, or the URL a redirect points to."""
    connection = _PinnedConnection(target, addresses, timeout=_remaining(url, where, deadline, timeout))
    try:
        connection.request("GET", target.path, headers={
            "User-Agent": USER_AGENT,
            "Accept": ", ".join(sorted(accept)),
            # Compressed bodies would need decompressing within the size limit;
            # ask for none (and cope if a server compresses anyway).
            "Accept-Encoding": "identity",
            "Connection": "close",
        })
        _set_timeout(connection, url, where, deadline, timeout)
        response = connection.getresponse()
        status = response.status
        if status in _REDIRECT_STATUSES:
            location = response.getheader("Location")
            if not location:
                raise FetchError(url, f"{where}HTTP {status} redirect without a Location header")
            return urljoin(target.url, location.strip())
        if not 200 <= status < 300:
            raise FetchError(url, f"{where}HTTP {status} {response.reason}".rstrip())
        content_type = response.getheader("Content-Type") or ""
        media_type, _charset = parse_content_type(content_type)
        if media_type not in accept:
            shown = f"content type {media_type}" if media_type else "no Content-Type"
            raise FetchError(url, f"{where}{shown}; only {', '.join(sorted(accept))} are read")
        body = _read_body(url, where, response, connection, deadline=deadline, timeout=timeout, max_bytes=max_bytes)
        body = _decompress(url, where, body, response.getheader("Content-Encoding"), max_bytes)
        return body, content_type
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(url, f"{where}timed out after {timeout:g} s") from None
    except ssl.SSLCertVerificationError as exc:
        raise FetchError(url, f"{where}TLS certificate not valid ({exc.verify_message})") from None
    except ssl.SSLError as exc:
        raise FetchError(url, f"{where}TLS error ({exc.reason or exc})") from None
    except ConnectionRefusedError:
        raise FetchError(url, f"{where}connection refused by {target.host}:{target.port}") from None
    except http.client.HTTPException as exc:
        raise FetchError(url, f"{where}invalid HTTP response ({type(exc).__name__}: {exc})") from None
    except OSError as exc:
        raise FetchError(url, f"{where}connection failed ({exc.strerror or exc})") from None
    finally:
        connection.close()


def _read_body(
    url: str, where: str, response: http.client.HTTPResponse, connection: _PinnedConnection,
    *, deadline: float, timeout: float, max_bytes: int,
) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"{where}response is {int(declared):,} bytes, over the limit of {max_bytes:,} bytes")
    chunks: list[bytes] = []
    total = 0
    while True:
        # Each read gets only the time left: a server trickling one byte at a
        # time must not stretch the fetch past its deadline.
        _set_timeout(connection, url, where, deadline, timeout)
        chunk = response.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(url, f"{where}response is larger than the limit of {max_bytes:,} bytes")
        chunks.append(chunk)


def _decompress(url: str, where: str, body: bytes, encoding: str | None, max_bytes: int) -> bytes:
    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip"):
        attempts = (31,)
    elif encoding == "deflate":
        # "deflate" is meant to be zlib-wrapped; some servers send it raw.
        attempts = (15, -15)
    else:
        raise FetchError(url, f"{where}unsupported Content-Encoding {encoding!r}")
    for wbits in attempts:
        decompressor = zlib.decompressobj(wbits)
        try:
            # Bounded output: a small compressed body can expand enormously.
            data = decompressor.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(data) > max_bytes:
            raise FetchError(url, f"{where}response is larger than the limit of {max_bytes:,} bytes once decompressed")
        return data
    raise FetchError(url, f"{where}corrupt {encoding} response body")


def _remaining(url: str, where: str, deadline: float, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(url, f"{where}timed out after {timeout:g} s")
    return left


def _set_timeout(connection: _PinnedConnection, url: str, where: str, deadline: float, timeout: float) -> None:
    left = _remaining(url, where, deadline, timeout)
    sock = connection.raw_socket
    # Once the whole body is in, http.client closes the socket (fileno -1);
    # the next read then just returns b"".
    if sock is not None and sock.fileno() != -1:
        sock.settimeout(left)
