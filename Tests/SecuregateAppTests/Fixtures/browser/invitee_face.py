"""Drives the invitee's face step in Chromium (Selenium) with a fake camera, and prints what it saw as JSON.

    python invitee_face.py LINK SCREENSHOT_DIR CAMERA_Y4M PHOTO OTHER_PHOTO API_BASE API_KEY EVENT_ID

Accepts, enrolls a face through the file input, checks that POST /identity with OTHER_PHOTO (the same
person) finds the invite, removes the face (then it is not found), and enrolls again through the camera,
which plays CAMERA_Y4M.
"""
import json
import sys
import urllib.error
import urllib.request

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from page_browser import PageBrowser

link, shots, camera, photo, other, api, key, event = sys.argv[1:9]
seen = {}
browser = PageBrowser(shots, seen, ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                                    "--use-file-for-fake-video-capture=" + camera])
driver = browser.driver
shot, audit, following = browser.shot, browser.audit, browser.following


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
    WebDriverWait(driver, 20, ignored_exceptions=[WebDriverException]).until(lambda d: d.execute_script(
        "var v = document.querySelector('[data-camera-video]'); return v && !v.hidden && v.readyState >= 2 && v.videoWidth > 0"))
    shot("face-phone-3-camera")
    following(lambda: driver.find_element(By.XPATH, "//button[text()='Use this picture']").click())
    seen["after_camera"] = notices()
    seen["identified_after_camera"] = identified()
finally:
    driver.quit()
print(json.dumps(seen))
