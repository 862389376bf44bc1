"""The door page in Chromium (Selenium), as door staff use it: pairs a device from its link, scans a code the
way a keyboard-wedge scanner does (the code and Enter) twice, measures how soon a scan by another device
through the API moves the page's counter, scans with the camera (Chromium's fake camera playing a video of a
QR code), sees the device revoked and sent back to pairing, and with a second device scans a `Both` invite
whose code and face are in one frame. Prints what it saw as JSON and saves screenshots of each page.

    python door_page.py SCENE_JSON

SCENE_JSON: {"pairing": [link, link], "codes": {name: code}, "videos": [qr.y4m, both.y4m], "server": url,
"admin": key, "device": key, "event": id, "shots": folder}
"""
import json
import sys
import time
import urllib.request

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from page_browser import PageBrowser

scene = json.loads(sys.argv[1])
shots = scene["shots"]
seen = {}


def camera_browser(video):
    """A browser whose camera plays `video` in a loop, allowed without asking."""
    return PageBrowser(shots, seen, extra_flags=[
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + video])


def api(method, path, key, body=None):
    """Calls the API as `key`; returns the answer's JSON."""
    request = urllib.request.Request(scene["server"] + path, method=method, headers={"x-api-key": key},
                                     data=json.dumps(body).encode() if body is not None else None)
    if body is not None:
        request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def overlay_shown(driver):
    return driver.execute_script("var o = document.querySelector('[data-overlay]'); return o && !o.hidden")


def answer_shown(driver, timeout=10):
    """Waits for the page's answer over the scanning page; returns its colour class and words."""
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(overlay_shown)
    overlay = driver.find_element(By.CSS_SELECTOR, "[data-overlay]")
    return {"class": overlay.get_attribute("class"), "text": overlay.text}


def pair(browser, link):
    browser.driver.get(link)
    browser.press("Pair this device")


def scan_by_keyboard(driver, code):
    # A keyboard-wedge scanner types into whatever holds the focus, then Enter.
    driver.switch_to.active_element.send_keys(code + Keys.ENTER)


browser = camera_browser(scene["videos"][0])
driver = browser.driver
try:
    driver.get(scene["pairing"][0])
    browser.shot("door-1-pair")
    browser.audit("pair")
    browser.press("Pair this device")
    seen["after_pairing"] = driver.current_url.split("/", 3)[-1]
    seen["h1"] = browser.texts("h1")
    seen["focused"] = driver.switch_to.active_element.get_attribute("id")
    seen["cookie_visible_to_script"] = driver.execute_script("return document.cookie")
    browser.shot("door-2-scan")
    browser.metrics(1280, 800)
    driver.save_screenshot(shots + "/door-2-scan-laptop.png")
    browser.metrics(390, 844)
    browser.audit("door")

    # What the device is told to vibrate and how many tones it plays, recorded beside doing it.
    driver.execute_script("""
        window.vibrations = []; window.tones = 0;
        navigator.vibrate = function (pattern) { window.vibrations.push(pattern); return true; };
        var create = AudioContext.prototype.createOscillator;
        AudioContext.prototype.createOscillator = function () { window.tones += 1; return create.call(this); };""")
    # Typed (or wedge-scanned): answered in place, full screen, then back to scanning after two seconds.
    driver.execute_script("window.securegateOldPage = true")
    scan_by_keyboard(driver, scene["codes"]["ada"])
    seen["first"] = answer_shown(driver)
    shown = time.time()
    seen["first"]["page_stayed"] = driver.execute_script("return window.securegateOldPage === true")
    browser.shot("door-3-ok")
    browser.audit("answer")
    WebDriverWait(driver, 10, poll_frequency=0.05).until(lambda d: not overlay_shown(d))
    seen["back_after_seconds"] = round(time.time() - shown, 1)
    scan_by_keyboard(driver, scene["codes"]["ada"])
    seen["second"] = answer_shown(driver)
    seen["signals"] = driver.execute_script("return {vibrations: window.vibrations, tones: window.tones}")
    browser.shot("door-4-refused")
    browser.metrics(1280, 800)
    driver.save_screenshot(shots + "/door-5-refused-laptop.png")
    browser.metrics(390, 844)
    WebDriverWait(driver, 10).until(lambda d: not overlay_shown(d))
    # Escape dismisses an answer at once, well before its two seconds.
    scan_by_keyboard(driver, scene["codes"]["ada"])
    answer_shown(driver)
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    seen["escape_dismissed"] = not overlay_shown(driver)

    # Another device scans through the API: the counter follows, timed from the API's answer.
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-inside]").text == "1")
    driver.execute_script("""
        var node = document.querySelector('[data-inside]'), before = node.textContent;
        window.countsChangedAt = null;
        new MutationObserver(function () {
          if (node.textContent !== before && window.countsChangedAt === null) window.countsChangedAt = Date.now();
        }).observe(node, {childList: true, characterData: true, subtree: true});""")
    api("POST", "/events/%s/checkins" % scene["event"], scene["device"],
        {"code": scene["codes"]["eve"], "type": "entry", "gate": "side door"})
    answered = time.time() * 1000
    try:
        WebDriverWait(driver, 5, poll_frequency=0.02).until(lambda d: d.execute_script("return window.countsChangedAt"))
        seen["counter_moved"] = True
        seen["counter_latency_ms"] = driver.execute_script("return window.countsChangedAt") - answered
    except Exception:
        seen["counter_moved"] = False
    seen["counter_text"] = driver.find_element(By.CSS_SELECTOR, "[data-inside]").text

    # The camera: the fake one plays a video of cam's code, drawn by qrencode.
    started = time.time()
    driver.find_element(By.XPATH, "//button[text()='Scan with the camera']").click()
    seen["camera"] = answer_shown(driver, timeout=20)
    seen["camera"]["seconds"] = round(time.time() - started, 1)
    browser.shot("door-6-camera")
    browser.audit("camera")
    WebDriverWait(driver, 10).until(lambda d: not overlay_shown(d))
    driver.save_screenshot(shots + "/door-6-camera-on.png")
    browser.metrics(1280, 800)
    driver.save_screenshot(shots + "/door-6-camera-on-laptop.png")
    browser.metrics(390, 844)

    # The organizer revokes this device: its next scan (typed, or a camera frame) sends it back to pairing.
    doors = api("GET", "/events/%s/doors" % scene["event"], scene["admin"])
    north = [door for door in doors if door["gate"] == "north"][0]
    api("DELETE", "/events/%s/doors/%s" % (scene["event"], north["id"]), scene["admin"])
    # The camera's next frame may be the first to hear of it; else the next typed scan.
    try:
        driver.find_element(By.ID, "code").send_keys(scene["codes"]["ada"] + Keys.ENTER)
    except WebDriverException:
        pass
    WebDriverWait(driver, 10).until(lambda d: "This device is not a door" in " ".join(browser.texts("h1")))
    seen["revoked_h1"] = browser.texts("h1")
    browser.shot("door-7-revoked")

    # The link again: it worked once.
    driver.get(scene["pairing"][0])
    browser.press("Pair this device")
    seen["link_again"] = browser.texts("h1")
    browser.shot("door-8-link-used")
finally:
    driver.quit()

# A second device, whose camera sees Biden's code in his own portrait: one look, code and face.
browser = camera_browser(scene["videos"][1])
driver = browser.driver
try:
    pair(browser, scene["pairing"][1])
    started = time.time()
    driver.find_element(By.XPATH, "//button[text()='Scan with the camera']").click()
    seen["both"] = answer_shown(driver, timeout=30)
    seen["both"]["seconds"] = round(time.time() - started, 1)
    browser.shot("door-9-both")
finally:
    driver.quit()
print(json.dumps(seen))
