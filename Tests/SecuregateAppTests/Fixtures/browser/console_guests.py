"""The console's guest list in Chromium (Selenium): a CSV file imported (its preview naming the bad rows' lines
and reasons, the progress bar followed to the end, the summary), imported again (nothing new), the list
searched and filtered, two guests accepted together, one guest's status changed on their page and its history
line read, the export fetched as the page's link fetches it, signing out. Prints what it saw as JSON and saves
screenshots of each page.

    python console_guests.py SERVER ADMIN_KEY SCREENSHOT_DIR EVENT CSV_FILE
"""
import json
import sys
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from page_browser import PageBrowser

server, admin, shots, event, csv_file = sys.argv[1:6]
seen = {}
browser = PageBrowser(shots, seen)
driver = browser.driver

# Every value the progress bar shows, kept across the reload that ends the import.
RECORD_PROGRESS = """
const done = document.querySelector('[data-done]');
sessionStorage.setItem('progress', '[]');
new MutationObserver(() => {
  const values = JSON.parse(sessionStorage.getItem('progress'));
  values.push(Number(document.getElementById('import-bar').value));
  sessionStorage.setItem('progress', JSON.stringify(values));
}).observe(done, {childList: true, characterData: true, subtree: true});
"""


def import_file(name):
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Import a CSV file").click())
    driver.find_element(By.ID, "file").send_keys(csv_file)
    Select(driver.find_element(By.ID, "notify")).select_by_value("0")
    browser.press("Read the file")
    preview = {"h1": browser.texts("h1"), "summary": browser.texts("main .card p")[0],
               "refused": [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "td")]
                           for row in driver.find_elements(By.CSS_SELECTOR, "[data-refusals] tbody tr")],
               "first_rows": len(driver.find_elements(By.CSS_SELECTOR, "table.guests")[0].find_elements(By.CSS_SELECTOR, "tbody tr"))}
    browser.shot("console-guests-%s-preview" % name, width=820, height=1180)
    browser.audit("%s_preview" % name)
    driver.execute_script(RECORD_PROGRESS)
    button = driver.find_element(By.CSS_SELECTOR, "form[data-import] button")
    preview["button"] = button.text
    browser.following(button.click, timeout=60)
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-import-summary]"))
    summary = {"h1": browser.texts("h1"), "facts": browser.texts("[data-import-summary] dd"),
               "progress": json.loads(driver.execute_script("return sessionStorage.getItem('progress')") or "[]"),
               "max": None}
    browser.shot("console-guests-%s-summary" % name, width=820, height=1180)
    browser.audit("%s_summary" % name)
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "See the guests").click())
    return preview, summary


def rows():
    return [row.find_elements(By.CSS_SELECTOR, "td")[2].text for row in driver.find_elements(By.CSS_SELECTOR, "table.guests tbody tr")]


try:
    driver.get(server + "/console")
    driver.find_element(By.ID, "key").send_keys(admin)
    browser.press("Sign in")
    browser.following(lambda: driver.get(server + "/console/events/" + event))
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Guest list").click())
    seen["empty"] = browser.texts("main .card p")
    seen["first_preview"], seen["first_summary"] = import_file("first")
    seen["list"] = {"h1": browser.texts("h1"), "rows": len(rows()), "next": bool(driver.find_elements(By.CSS_SELECTOR, "a[rel=next]"))}
    browser.shot("console-guests-list", width=1280, height=900)
    browser.shot("console-guests-list-tablet", width=820, height=1180)
    browser.shot("console-guests-list-phone")
    browser.audit("guests")
    seen["second_preview"], seen["second_summary"] = import_file("second")

    # Search by email, then by name.
    field = driver.find_element(By.ID, "q")
    field.send_keys("guest0043")
    browser.press("Show")
    seen["search_email"] = rows()
    field = driver.find_element(By.ID, "q")
    field.clear()
    field.send_keys("Hopper")
    browser.press("Show")
    seen["search_name"] = rows()
    browser.shot("console-guests-search", width=820, height=900)

    # Two guests selected and accepted together; the status filter finds them.
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Everyone").click())
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=invite]")
    boxes[1].click()
    boxes[3].click()
    browser.press("Accept")
    seen["accepted_notice"] = browser.texts(".notice.ok")
    Select(driver.find_element(By.ID, "status")).select_by_value("accepted")
    browser.press("Show")
    seen["filter_accepted"] = rows()
    browser.shot("console-guests-accepted", width=820, height=900)

    # One guest's page: the status changed, the history's newest line read.
    browser.following(lambda: driver.find_element(By.CSS_SELECTOR, "table.guests tbody tr td a").click())
    seen["invite_h1"] = browser.texts("h1")
    Select(driver.find_element(By.ID, "new-status")).select_by_value("rejected")
    browser.press("Change")
    seen["status_notice"] = browser.texts(".notice.ok")
    seen["history"] = browser.texts(".history li")
    seen["invite_email"] = driver.find_elements(By.CSS_SELECTOR, ".facts dd")[0].text
    seen["qr_loaded"] = driver.execute_script("const img = document.querySelector('img.qr'); return img.complete && img.naturalWidth > 0")
    seen["copy_shown"] = driver.find_element(By.CSS_SELECTOR, "[data-copy]").is_displayed()
    browser.shot("console-guests-invite", width=820, height=1180)
    browser.shot("console-guests-invite-phone")
    browser.audit("invite")

    # The export, fetched as the list's link fetches it (same origin, the session's cookie).
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Guests").click())
    href = driver.find_element(By.LINK_TEXT, "Export CSV").get_attribute("href")
    seen["export"] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done)", href)

    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Add a guest").click())
    browser.audit("guest_form")
    browser.shot("console-guests-add", width=820, height=1180)

    # The door: a new door paired from its link, listed; a scan through the API appears in the ledger live.
    browser.following(lambda: driver.get(server + "/console/events/" + event))
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Doors and scans").click())
    driver.find_element(By.ID, "gate").send_keys("north")
    browser.press("Pair a new door")
    link = driver.find_element(By.ID, "pairing-link").get_attribute("value")
    seen["pairing"] = {"h2": browser.texts("#pairing-title"), "qr": bool(driver.find_elements(By.CSS_SELECTOR, ".pairing-qr svg")),
                       "listed": browser.texts(".doors li")}
    browser.shot("console-door-pairing", width=820, height=1180)
    browser.shot("console-door-pairing-phone")
    browser.audit("door")
    pair = urllib.request.Request(link, method="POST", data=b"", headers={"sec-fetch-site": "same-origin"})
    try:
        urllib.request.urlopen(pair, timeout=10)
    except urllib.error.HTTPError as redirect:  # the pairing answers 303 to /door, which needs the new cookie
        pass
    browser.following(lambda: driver.get(server + "/console/events/" + event + "/door"))
    seen["paired"] = browser.texts(".doors li")
    accepted = json.loads(urllib.request.urlopen(urllib.request.Request(
        server + "/events/%s/invites?status=accepted" % event, headers={"x-api-key": admin}), timeout=10).read())
    scan = urllib.request.Request(server + "/events/%s/checkins" % event, method="POST",
                                  headers={"x-api-key": admin, "content-type": "application/json"},
                                  data=json.dumps({"code": accepted[0]["session_code"], "gate": "north"}).encode())
    urllib.request.urlopen(scan, timeout=10).read()
    name = accepted[0]["first_name"] + " " + accepted[0]["last_name"]
    try:
        WebDriverWait(driver, 8).until(lambda d: name in d.find_element(By.CSS_SELECTOR, "[data-ledger-url]").text)
        seen["ledger"] = browser.texts("[data-ledger-url] tr")
    except Exception:
        seen["ledger"] = ["not updated"] + browser.texts("[data-ledger-url] tr")
    browser.shot("console-door-ledger", width=1280, height=900)
    # The account's keys and webhooks: a key made and shown once, an endpoint added with its secret.
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "API keys").click())
    driver.find_element(By.ID, "label").send_keys("CRM sync")
    browser.press("Make the key")
    seen["made_key"] = driver.find_element(By.ID, "made-key").get_attribute("value")
    browser.shot("console-keys", width=820, height=1180)
    browser.audit("keys")
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Webhooks").click())
    driver.find_element(By.ID, "url").send_keys("https://hooks.example.org/securegate")
    browser.press("Add the endpoint")
    seen["webhook_secret"] = driver.find_element(By.ID, "secret").get_attribute("value")
    browser.press("Send a test")
    seen["webhook_deliveries"] = browser.texts(".deliveries .event-title")
    browser.shot("console-webhook", width=820, height=1180)
    browser.audit("webhook")
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "Webhooks").click())
    browser.audit("webhooks")
    browser.shot("console-webhooks", width=820, height=1180)
    browser.press("Sign out")
    seen["after_sign_out"] = browser.texts("h1")
    driver.get(server + "/console/events/" + event + "/guests")
    seen["list_after_sign_out"] = browser.texts("h1")
finally:
    driver.quit()
print(json.dumps(seen))
