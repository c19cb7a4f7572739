"""Downloading an old site's media (--fetch-media): politely, boundedly, per file.

Each file comes from a host on an explicit allow-list (the old site's hosts and
the hosts its attachment records name), never from a private or loopback address
unless that address is allowed by name, is streamed to a temporary file and
abandoned past the size limit, and must carry the content type its kind needs.
A refused or failed file is one line in the report, never the end of the import.
"""

import ipaddress
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

USER_AGENT = "Lantana WordPress import (one site moving its own media)"
CHUNK = 64 * 1024
# Content types a document attachment may carry; images must be image/*.
DOCUMENT_TYPES = ("application/", "audio/", "video/", "text/plain", "text/csv")


class Refused(Exception):
    """This file is not fetched; the message says why, for the report."""


@dataclass
class Fetched:
    url: str
    path: Path | None = None
    content_type: str = ""
    problem: str = ""


@dataclass
class FetchPolicy:
    hosts: set[str]  # host names files may come from (and redirect to)
    allowed_private: set[str]  # addresses or names allowed although private
    max_bytes: int = 25 * 1024 * 1024
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    workers: int = 4


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an allowed host; anything else is refused."""

    def __init__(self, fetcher: "MediaFetcher"):
        self.fetcher = fetcher

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.fetcher.check_url(newurl, redirected=True)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class MediaFetcher:
    def __init__(self, policy: FetchPolicy):
        self.policy = policy
        self.hosts = {host.lower() for host in policy.hosts if host}
        self.allowed_private = {name.lower() for name in policy.allowed_private}
        self.folder = Path(tempfile.mkdtemp(prefix="wordpress-media-"))
        self.opener = urllib.request.build_opener(_Redirects(self))
        self.count = 0

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # Checks ------------------------------------------------------------------
    def check_url(self, url: str, redirected: bool = False) -> None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            raise Refused(f"not an http(s) address ({url[:80]})")
        if host not in self.hosts:
            where = "redirects to" if redirected else "is on"
            raise Refused(f"{where} {host}, not one of the old site's hosts")
        if host in self.allowed_private:
            return
        for address in self.addresses(host, parts.port):
            if not ipaddress.ip_address(address).is_global:
                raise Refused(
                    f"{host} is a private address ({address}); allow it with "
                    "--allow-private-host if it really is the old site"
                )

    def addresses(self, host: str, port: int | None) -> set[str]:
        try:
            return {
                info[4][0].split("%")[0]
                for info in socket.getaddrinfo(
                    host, port or 443, type=socket.SOCK_STREAM
                )
            }
        except (socket.gaierror, UnicodeError) as error:
            raise Refused(f"{host} cannot be found ({error})") from None

    # Fetching ------------------------------------------------------------------
    def fetch_all(self, requests: Iterable[tuple[str, str]]) -> dict[str, Fetched]:
        """(url, kind) pairs, kind "image" or "document"; a few at a time."""
        wanted = dict(requests)
        with ThreadPoolExecutor(max_workers=self.policy.workers) as pool:
            results = pool.map(lambda pair: self.fetch(*pair), wanted.items())
            return {result.url: result for result in results}

    def fetch(self, url: str, kind: str) -> Fetched:
        """One file, retried with backoff on a timeout or a server error."""
        attempt = 0
        while True:
            try:
                return self._fetch_once(url, kind)
            except Refused as reason:
                return Fetched(url=url, problem=str(reason))
            except urllib.error.HTTPError as error:
                if error.code < 500 or attempt >= self.policy.retries:
                    return Fetched(
                        url=url, problem=f"the old site answered {error.code}"
                    )
            except (urllib.error.URLError, OSError) as error:
                if attempt >= self.policy.retries:
                    reason = getattr(error, "reason", error)
                    return Fetched(url=url, problem=f"could not be fetched ({reason})")
            attempt += 1
            time.sleep(self.policy.backoff * 2 ** (attempt - 1))

    def _fetch_once(self, url: str, kind: str) -> Fetched:
        self.check_url(url)
        # check_url allowed only http(s) on the allow-listed hosts.
        request = urllib.request.Request(  # noqa: S310
            _quoted(url), headers={"User-Agent": USER_AGENT}
        )
        with self.opener.open(request, timeout=self.policy.timeout) as response:
            content_type = response.headers.get_content_type()
            if kind == "image" and not content_type.startswith("image/"):
                raise Refused(f"is labelled {content_type}, not an image")
            if kind == "document" and not content_type.startswith(DOCUMENT_TYPES):
                raise Refused(f"is labelled {content_type}, not a document")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise Refused(
                    f"is {int(declared) / 1024 / 1024:.0f} MB, over the "
                    f"{self.policy.max_bytes / 1024 / 1024:.0f} MB limit"
                )
            name = Path(urlsplit(url).path).name or "file"
            handle, target = tempfile.mkstemp(dir=self.folder, suffix=f"-{name[-80:]}")
            size = 0
            with open(handle, "wb") as out:
                while chunk := response.read(CHUNK):
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        out.close()
                        Path(target).unlink(missing_ok=True)
                        raise Refused(
                            f"is over the {self.policy.max_bytes / 1024 / 1024:.0f} MB "
                            "limit; stopped reading"
                        )
                    out.write(chunk)
        return Fetched(url=url, path=Path(target), content_type=content_type)


def _quoted(url: str) -> str:
    """Spaces and non-ASCII in a path, as WordPress sites have, made safe to send."""
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(path=quote(parts.path, safe="/%:@!$&'()*+,;=")))
