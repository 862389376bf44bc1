"""A webhook receiver for the tests, on 127.0.0.1. Every request is verified with the Standard Webhooks
specification's own library (`standardwebhooks`) against each secret in OUT/secrets.json ({"name": "whsec_..."}),
and written as one JSON line to OUT/received.jsonl: the path, the three headers, the body parsed, and the names of
the secrets that verify it. What it answers depends on the path:

    /ok       200            /fail/N   500 for the first N requests of each webhook-id, then 200
    /gone     410            /busy     503 with Retry-After: 120
    /hang     200 after 10 s /slow     200 after 0.2 s
    /big      200 with a body of 5 000 bytes

Prints READY once it listens.

    python webhook_receiver.py PORT OUT
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

port, out = int(sys.argv[1]), sys.argv[2]
lock = threading.Lock()
attempts = {}


def verifiers(body, headers):
    """The names of the secrets under which the request verifies."""
    try:
        with open(os.path.join(out, "secrets.json")) as f:
            secrets = json.load(f)
    except FileNotFoundError:
        return []
    names = []
    for name, secret in secrets.items():
        try:
            Webhook(secret).verify(body, headers)
            names.append(name)
        except WebhookVerificationError:
            pass
    return names


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        webhook_id = headers.get("webhook-id", "")
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        record = {
            "path": self.path, "id": webhook_id, "timestamp": headers.get("webhook-timestamp"),
            "signature": headers.get("webhook-signature"), "content_type": headers.get("content-type"),
            "body": parsed, "verified_by": verifiers(body, headers), "received_at": time.time(),
        }
        with lock:
            attempts[webhook_id] = attempts.get(webhook_id, 0) + 1
            seen = attempts[webhook_id]
            with open(os.path.join(out, "received.jsonl"), "a") as f:
                f.write(json.dumps(record) + "\n")
        status, extra, answer = 200, {}, b"thanks"
        parts = self.path.strip("/").split("/")
        if parts[0] == "fail" and seen <= int(parts[1]):
            status, answer = 500, b"not now"
        elif parts[0] == "gone":
            status, answer = 410, b"gone"
        elif parts[0] == "busy":
            status, extra, answer = 503, {"Retry-After": "120"}, b"busy"
        elif parts[0] == "hang":
            time.sleep(10)
        elif parts[0] == "slow":
            time.sleep(0.2)
        elif parts[0] == "big":
            answer = b"x" * 5000
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    # Python's default backlog of 5 drops the connections of a burst, which then wait a second to retry.
    request_queue_size = 256


server = Server(("127.0.0.1", port), Handler)
server.daemon_threads = True
print("READY", flush=True)
server.serve_forever()
