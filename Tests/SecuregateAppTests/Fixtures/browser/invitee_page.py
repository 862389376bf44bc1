"""Drives the invitee's page in Chromium (Selenium) the way a person would, and prints what it saw as JSON.

    python invitee_page.py LINK SCREENSHOT_DIR

Opens the link, accepts, reads the QR code off a screenshot with zbarimg, downloads the calendar file and
parses it, declines and accepts again, and posts the answer form from another origin. Saves screenshots
at phone and desktop widths into SCREENSHOT_DIR.
"""
import json
import os
import subprocess
import sys
import urllib.request

import icalendar
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from page_browser import PageBrowser

link, shots = sys.argv[1], sys.argv[2]
seen = {}
browser = PageBrowser(shots, seen)
driver = browser.driver
shot, audit, texts, press = browser.shot, browser.audit, browser.texts, browser.press


def buttons():
    return texts("form.answers button")


try:
    driver.get(link)
    seen["title"] = driver.title
    seen["lang"] = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    seen["h1"] = texts("h1")
    seen["facts"] = texts(".facts dd")
    seen["buttons_before"] = buttons()
    shot("invitee-phone-1-invited")
    shot("invitee-desktop-1-invited", 1280, 900)
    audit("invited")

    press("Accept")
    seen["after_accept_url"] = driver.current_url
    seen["h2_after_accept"] = texts("h2")
    seen["code"] = texts(".code")
    seen["buttons_after_accept"] = buttons()
    shot("invitee-phone-2-accepted")
    shot("invitee-desktop-2-accepted", 1280, 900)
    shot("invitee-narrow-2-accepted", 320, 640)
    audit("accepted")
    qr_file = os.path.join(shots, "invitee-qr.png")
    driver.find_element(By.CSS_SELECTOR, "img.qr").screenshot(qr_file)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", qr_file], capture_output=True, text=True)
    seen["qr"] = decoded.stdout.strip() if decoded.returncode == 0 else None

    href = driver.find_element(By.LINK_TEXT, "Add to calendar").get_attribute("href")
    with urllib.request.urlopen(href) as answer:
        seen["calendar_type"] = answer.headers.get("Content-Type")
        seen["calendar_disposition"] = answer.headers.get("Content-Disposition")
        calendar = icalendar.Calendar.from_ical(answer.read())
    event = list(calendar.walk("VEVENT"))[0]
    seen["calendar"] = {"uid": str(event.get("UID")), "summary": str(event.get("SUMMARY")),
                        "start": event.decoded("DTSTART").isoformat(), "end": event.decoded("DTEND").isoformat()}

    press("Decline")
    seen["h2_after_decline"] = texts("h2")
    seen["buttons_after_decline"] = buttons()
    shot("invitee-phone-3-declined")
    audit("declined")
    press("Accept")
    seen["h2_after_accepting_again"] = texts("h2")

    # The answer form posted by a page of another origin (a data: URL is an opaque origin).
    action = link + "/answer"
    driver.get("data:text/html,<form method=post action='%s'><input name=answer value=decline></form>"
               "<script>document.forms[0].submit()</script>" % action)
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: d.current_url.startswith("http") and d.find_elements(By.TAG_NAME, "h1"))
    seen["cross_site_h1"] = texts("h1")
    shot("invitee-phone-4-cross-site-refused")
    audit("refused")
    driver.get(link)
    seen["h2_after_cross_site"] = texts("h2")
finally:
    driver.quit()
print(json.dumps(seen))
