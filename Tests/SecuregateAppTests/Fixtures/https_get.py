"""GETs PATH from https://localhost:PORT, verifying the server's certificate against CAFILE (and its name);
prints {"status", "body", "sha256"} (the certificate's fingerprint), or {"error"} when the handshake or the
verification fails.

    python https_get.py CAFILE PORT PATH"""
import hashlib
import http.client
import json
import ssl
import sys

cafile, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
context = ssl.create_default_context(cafile=cafile)
try:
    connection = http.client.HTTPSConnection("localhost", port, context=context, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    certificate = connection.sock.getpeercert(binary_form=True)
    print(json.dumps({"status": response.status, "body": response.read().decode(), "sha256": hashlib.sha256(certificate).hexdigest()}))
except (ssl.SSLError, OSError) as error:
    print(json.dumps({"error": str(error)}))
