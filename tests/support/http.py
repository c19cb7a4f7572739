"""Posting to a live server over real HTTP, as a browser would, without following
redirects: (status, Location, session id)."""

import re
import urllib.error
import urllib.parse
import urllib.request

CSRF = "a" * 32  # Django accepts a matching unmasked secret in cookie and form


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, data: dict) -> tuple[int, str, str]:
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310
    request.add_header("Cookie", f"csrftoken={CSRF}")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=30)
        return response.status, "", ""
    except urllib.error.HTTPError as error:
        session = re.search(r"sessionid=([^;]+)", error.headers.get("Set-Cookie", ""))
        return (
            error.code,
            error.headers.get("Location", ""),
            session and session.group(1),
        )
