"""Reads a received message with Python's email package and prints what the tests check, as JSON."""
import email
import email.policy
import json
import sys

message = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(json.dumps({
    "from": str(message["From"]),
    "to": str(message["To"]),
    "subject": str(message["Subject"]),
    "message_id": str(message["Message-ID"]),
    "date": str(message["Date"]),
    "auto_submitted": str(message["Auto-Submitted"]),
    "content_type": message.get_content_type(),
    "parts": [{"type": part.get_content_type(), "text": part.get_content()} for part in message.iter_parts()],
}))
