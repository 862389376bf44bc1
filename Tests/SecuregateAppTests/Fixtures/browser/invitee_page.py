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
import urllib.parse
import urllib.request

import icalendar
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

link, shots = sys.argv[1], sys.argv[2]
os.makedirs(shots, exist_ok=True)

options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
             "--window-size=390,844"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
seen = {}


def metrics(width, height):
    """Lays the page out at `width` CSS pixels: a headless window is never narrower than 500."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def shot(name, width=390, height=844):
    metrics(width, height)
    full = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    metrics(width, max(height, full))
    driver.save_screenshot(os.path.join(shots, name + ".png"))
    metrics(390, 844)


def audit(name):
    """Runs axe-core's WCAG 2 A and AA rules on the page; records what fails, and whether 320 px overflow."""
    axe = Axe(driver)
    axe.inject()
    result = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
    seen.setdefault("accessibility", {})[name] = ["%s: %s" % (v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
    seen.setdefault("rules_passed", {})[name] = len(result["passes"])
    metrics(320, 800)
    seen.setdefault("overflow_320", {})[name] = driver.execute_script("return document.documentElement.scrollWidth") > 320
    metrics(390, 844)


def texts(selector):
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, selector)]


def press(text):
    """Presses a form's button and waits for the page the post leads to."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, "//button[text()='%s']" % text).click()
    WebDriverWait(driver, 10).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def buttons():
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, "form.answers button")]


try:
    metrics(390, 844)
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
    parts = urllib.parse.urlsplit(link)
    action = link + "/answer"
    driver.get("data:text/html,<form method=post action='%s'><input name=answer value=decline></form>"
               "<script>document.forms[0].submit()</script>" % action)
    WebDriverWait(driver, 10).until(lambda d: d.current_url.startswith("http") and d.find_elements(By.TAG_NAME, "h1"))
    seen["cross_site_h1"] = texts("h1")
    shot("invitee-phone-4-cross-site-refused")
    audit("refused")
    driver.get(link)
    seen["h2_after_cross_site"] = texts("h2")
finally:
    driver.quit()
print(json.dumps(seen))
