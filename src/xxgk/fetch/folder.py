"""A local folder (a staged build of the site) served for the base URL, as requests sees it."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter

from xxgk.sitehost import HTML_SUFFIXES, file_for


class FolderAdapter(BaseAdapter):
    """Serve a local folder (a staged build of the site) for the base URL, like a static server.

    The path of base_url maps to the folder's root. No Last-Modified is sent: a build's file
    times say when it was built, not when anything was published.
    """

    def __init__(self, root: Path, base_path: str = "/") -> None:
        super().__init__()
        self.root = root.resolve()
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        response = requests.Response()
        response.url = request.url or ""
        response.request = request
        path = self._path(urlsplit(request.url or "").path)
        if path is None or not path.is_file():
            response.status_code = 404
            response.headers["Content-Type"] = "text/html"
            response._content = b"<html><body>404 Not Found</body></html>"
        else:
            response.status_code = 200
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            response.headers["Content-Type"] = "text/html" if path.suffix in HTML_SUFFIXES else kind
            response._content = path.read_bytes()
        response._content_consumed = True  # type: ignore[attr-defined]  # iter_content slices it
        response.encoding = None
        return response

    def close(self) -> None:
        pass

    def _path(self, url_path: str) -> Path | None:
        if not (url_path + "/").startswith(self.base_path):
            return None
        return file_for(self.root, "", url_path[len(self.base_path) - 1 :])
