"""Reads a received message with Python's email package and prints what the tests check, as JSON: headers,
the MIME tree, both texts, the inline QR code decoded by zbarimg, and the calendar file read by icalendar."""
import email
import email.policy
import json
import subprocess
import sys
import tempfile

import icalendar


def structure(part):
    if part.is_multipart():
        return "%s(%s)" % (part.get_content_type(), ",".join(structure(p) for p in part.iter_parts()))
    return part.get_content_type()


def decoded_qr(png):
    with tempfile.NamedTemporaryFile(suffix=".png") as image:
        image.write(png)
        image.flush()
        result = subprocess.run(["zbarimg", "--raw", "-q", image.name], capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else None


message = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
found = {"text": None, "html": None, "image": None, "calendar": None}
for part in message.walk():
    kind = part.get_content_type()
    if kind == "text/plain":
        found["text"] = part.get_content()
    elif kind == "text/html":
        found["html"] = part.get_content()
    elif kind == "image/png":
        found["image"] = {
            "content_id": str(part["Content-ID"]),
            "disposition": part.get_content_disposition(),
            "qr": decoded_qr(part.get_content()),
        }
    elif kind == "text/calendar":
        calendar = icalendar.Calendar.from_ical(part.get_content())
        events = list(calendar.walk("VEVENT"))
        event = events[0]
        found["calendar"] = {
            "filename": part.get_filename(),
            "disposition": part.get_content_disposition(),
            "method": str(calendar.get("METHOD")),
            "events": len(events),
            "uid": str(event.get("UID")),
            "summary": str(event.get("SUMMARY")),
            "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
            "description": str(event.get("DESCRIPTION")) if event.get("DESCRIPTION") else None,
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat(),
            "organizer": event.get("ORGANIZER") is not None,
        }
print(json.dumps({
    "from": str(message["From"]),
    "to": str(message["To"]),
    "subject": str(message["Subject"]),
    "message_id": str(message["Message-ID"]),
    "date": str(message["Date"]),
    "auto_submitted": str(message["Auto-Submitted"]),
    "content_type": message.get_content_type(),
    "structure": structure(message),
    **found,
}))
