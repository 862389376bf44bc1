"""Drives the invitee's face step in Chromium (Selenium) with a fake camera, and prints what it saw as JSON.

    python invitee_face.py LINK SCREENSHOT_DIR CAMERA_Y4M PHOTO OTHER_PHOTO API_BASE API_KEY EVENT_ID

Accepts, enrolls a face through the file input, checks that POST /identity with OTHER_PHOTO (the same
person) finds the invite, removes the face (then it is not found), and enrolls again through the camera,
which plays CAMERA_Y4M.
"""
import json
import os
import sys
import urllib.error
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

link, shots, camera, photo, other, api, key, event = sys.argv[1:9]
os.makedirs(shots, exist_ok=True)
options = webdriver.ChromeOptions()
for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
             "--window-size=390,844", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
             "--use-file-for-fake-video-capture=" + camera]:
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


def following(action):
    """Runs `action`, which leaves the page, and waits for the next one."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def notices():
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#face .notice") if element.is_displayed()]


def identified():
    """The invite POST /identity finds for OTHER_PHOTO, or None."""
    request = urllib.request.Request(api + "/identity?event_id=" + event, data=open(other, "rb").read(), method="POST",
                                     headers={"x-api-key": key, "Content-Type": "image/jpeg"})
    try:
        with urllib.request.urlopen(request) as answer:
            return json.load(answer)["userInfo"]["userId"]
    except urllib.error.HTTPError as error:
        return "HTTP %d" % error.code


try:
    metrics(390, 844)
    driver.get(link)
    following(lambda: driver.find_element(By.XPATH, "//button[text()='Accept']").click())
    seen["face_title"] = [e.text for e in driver.find_elements(By.ID, "face-title")]
    seen["privacy"] = driver.find_element(By.CSS_SELECTOR, ".privacy").text
    seen["upload_label"] = driver.find_element(By.CSS_SELECTOR, "label[for=photo]").text
    shot("face-phone-1-step")
    shot("face-desktop-1-step", 1280, 900)
    audit("face step")
    seen["identified_before"] = identified()

    # Without consent the browser's own check stops the form; with it, the file goes.
    driver.find_element(By.ID, "photo").send_keys(photo)
    driver.find_element(By.XPATH, "//button[text()='Send the photo']").click()
    seen["blocked_without_consent"] = driver.execute_script(
        "return !document.querySelector('input[name=consent]').validity.valid")
    driver.find_element(By.CSS_SELECTOR, "input[name=consent]").click()
    following(lambda: driver.find_element(By.XPATH, "//button[text()='Send the photo']").click())
    seen["after_file"] = notices()
    seen["remove_button"] = [e.text for e in driver.find_elements(By.XPATH, "//button[text()='Remove my face']")]
    shot("face-phone-2-enrolled")
    audit("face enrolled")
    seen["identified_after_file"] = identified()

    following(lambda: driver.find_element(By.XPATH, "//button[text()='Remove my face']").click())
    seen["after_remove"] = notices()
    seen["identified_after_remove"] = identified()

    # The camera: the fake device plays the photo; the page's script takes a picture and sends it.
    driver.find_element(By.CSS_SELECTOR, "input[name=consent]").click()
    driver.find_element(By.XPATH, "//button[text()='Take a photo with the camera']").click()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "var v = document.querySelector('[data-camera-video]'); return v && !v.hidden && v.readyState >= 2 && v.videoWidth > 0"))
    shot("face-phone-3-camera")
    following(lambda: driver.find_element(By.XPATH, "//button[text()='Use this picture']").click())
    seen["after_camera"] = notices()
    seen["identified_after_camera"] = identified()
finally:
    driver.quit()
print(json.dumps(seen))
