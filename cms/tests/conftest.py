"""Fixtures shared by the cms tests."""

import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.utils import translation


@pytest.fixture
def vietnamese(tmp_path):
    """Messages in Vietnamese from this part's drafts catalogue (locale/drafts/importing.po),
    compiled here so the tests do not depend on `make catalogue` having merged it yet."""
    from django.conf import settings

    drafts = settings.BASE_DIR / "locale" / "drafts" / "importing.po"
    target = tmp_path / "locale" / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(
        [shutil.which("msgfmt"), "-o", str(target / "django.mo"), str(drafts)], check=True
    )
    with (
        override_settings(LOCALE_PATHS=[tmp_path / "locale", *settings.LOCALE_PATHS]),
        translation.override("vi"),
    ):
        yield


class FileServer(ThreadingHTTPServer):
    """Serves `routes` {path: (status, headers, body)} and counts requests per path in `hits`.
    A header "X-Delay: seconds" makes the answer late, like a slow school server."""

    # A late answer nobody waits for any more must not hold the test up at shutdown.
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FileRequest)
        self.routes, self.hits = {}, {}
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


class FileRequest(BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.hits[self.path] = server.hits.get(self.path, 0) + 1
        status, headers, body = server.routes.get(self.path, (404, {}, b"not found"))
        headers = dict(headers)
        if "X-Delay" in headers:
            time.sleep(float(headers.pop("X-Delay")))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def file_server(settings):
    """Another site on 127.0.0.1 that sheets link to; imports may fetch from it (the local
    network is refused by default, see SOHOA_FETCH_PRIVATE_ADDRESSES)."""
    settings.SOHOA_FETCH_PRIVATE_ADDRESSES = True
    server = FileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
