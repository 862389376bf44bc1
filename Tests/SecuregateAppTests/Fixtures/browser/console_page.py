"""The console in Chromium (Selenium): a door's key is refused with the reason next to the field, an admin key
signs in and sees the account's events grouped, a new event is refused with the API's error next to its field
and then created, the pages pass axe's rules and fit a phone, signing out ends the session for good. Prints what it saw as JSON and saves screenshots of each page.

    python console_page.py SERVER ADMIN_KEY DOOR_KEY SCREENSHOT_DIR OPEN_DAY_EVENT CODE
"""
import json
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from page_browser import PageBrowser

server, admin, door, shots, open_day, code = sys.argv[1:7]
seen = {}
browser = PageBrowser(shots, seen)
driver = browser.driver


def sign_in(key):
    field = driver.find_element(By.ID, "key")
    field.clear()
    field.send_keys(key)
    browser.press("Sign in")


try:
    driver.get(server + "/console")
    seen["first_h1"] = browser.texts("h1")
    seen["focused"] = driver.switch_to.active_element.get_attribute("id")
    browser.shot("console-1-sign-in")
    browser.audit("sign_in")
    sign_in(door)
    seen["door_key"] = {"h1": browser.texts("h1"), "error": browser.texts(".field-error"),
                        "described": driver.find_element(By.ID, "key").get_attribute("aria-describedby")}
    browser.shot("console-2-door-key-refused")
    browser.audit("refused")
    sign_in(admin)
    seen["signed_in"] = {"h1": browser.texts("h1"), "groups": browser.texts("h2"), "events": browser.texts(".event-title"),
                         "cookie_visible_to_script": driver.execute_script("return document.cookie")}
    browser.shot("console-3-events")
    browser.shot("console-3-events-tablet", width=820, height=1180)
    browser.audit("events")
    # A new event: first with no start (the form's own check off, as in a browser without it), then right.
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "New event").click())
    seen["form_h1"] = browser.texts("h1")
    driver.find_element(By.ID, "title").send_keys("Harvest fair")
    driver.find_element(By.ID, "city").send_keys("Lyon")
    driver.execute_script("document.querySelector('form[action=\"/console/events\"]').noValidate = true")
    browser.press("Create the event")
    seen["refused_event"] = {"starts": browser.texts("#starts-error"), "alert": browser.texts("[role=alert]"),
                             "title": driver.find_element(By.ID, "title").get_attribute("value")}
    browser.shot("console-4-event-refused")
    browser.audit("event_form")
    driver.execute_script("document.getElementById('starts').value = '2027-05-01T10:00';"
                          "document.getElementById('ends').value = '2027-05-01T18:00'")
    browser.press("Create the event")
    seen["created"] = {"notice": browser.texts(".notice.ok"), "events": browser.texts(".event-title")}
    browser.shot("console-5-event-created")
    # An event's page, its counts following a scan made through the API.
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Open day").click())
    seen["event_page"] = {"h1": browser.texts("h1"), "inside": driver.find_element(By.CSS_SELECTOR, "[data-inside]").text}
    browser.audit("event_page")
    scan = urllib.request.Request(server + "/events/%s/checkins" % open_day, method="POST",
                                  headers={"x-api-key": admin, "content-type": "application/json"},
                                  data=json.dumps({"code": code, "gate": "north"}).encode())
    urllib.request.urlopen(scan, timeout=10).read()
    try:
        WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-inside]").text == "1")
        seen["event_page"]["inside_after_scan"] = "1"
    except Exception:
        seen["event_page"]["inside_after_scan"] = driver.find_element(By.CSS_SELECTOR, "[data-inside]").text
    browser.shot("console-6-event")
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Archive this event…").click())
    browser.shot("console-7-archive-confirm")
    browser.press("Archive")
    seen["archived"] = browser.texts("[role=status]")
    session = driver.get_cookie("securegate_console")
    seen["cookie"] = {"httpOnly": session["httpOnly"], "sameSite": session.get("sameSite"), "path": session["path"]}
    browser.press("Sign out")
    seen["after_sign_out"] = browser.texts("h1")
    # The old session's cookie, put back by hand, opens nothing.
    driver.add_cookie({"name": "securegate_console", "value": session["value"], "path": "/console"})
    driver.get(server + "/console")
    seen["old_cookie"] = browser.texts("h1")
finally:
    driver.quit()
print(json.dumps(seen))
