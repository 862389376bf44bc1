"""A mail server for the tests, on 127.0.0.1: STARTTLS required (a certificate made here for 127.0.0.1), AUTH
with user "user" and password "secret", recipients listed in --refuse answered 550, every message accepted
written to OUT/N.eml. Prints READY once it listens.

    python smtp_server.py PORT OUT [--refuse ADDRESS ...]
"""
import argparse
import os
import ssl
import subprocess
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("out")
parser.add_argument("--refuse", nargs="*", default=[])
args = parser.parse_args()

cert, key = os.path.join(args.out, "server.crt"), os.path.join(args.out, "server.key")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
               check=True, capture_output=True)
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in args.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        count = len([name for name in os.listdir(args.out) if name.endswith(".eml")])
        with open(os.path.join(args.out, f"{count}.eml"), "wb") as out:
            out.write(envelope.original_content)
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    valid = isinstance(auth_data, LoginPassword) and auth_data.login == b"user" and auth_data.password == b"secret"
    # handled=False: the server answers 535 itself (aiosmtpd's default leaves a failure unanswered).
    return AuthResult(success=valid, handled=False)


controller = Controller(Handler(), hostname="127.0.0.1", port=args.port, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=True)
controller.start()
print("READY", flush=True)
threading.Event().wait()
