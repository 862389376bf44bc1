"""Pairs a door device from its link in Chromium (Selenium), then scans a code the way a keyboard-wedge scanner
does (the code and Enter) twice; prints what it saw as JSON and saves screenshots of each page.

    python door_page.py PAIRING_LINK CODE SCREENSHOT_DIR
"""
import json
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from page_browser import PageBrowser

link, code, shots = sys.argv[1], sys.argv[2], sys.argv[3]
seen = {}
browser = PageBrowser(shots, seen)
driver = browser.driver
try:
    driver.get(link)
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
    # A keyboard-wedge scanner types into whatever holds the focus, then Enter.
    browser.following(lambda: driver.switch_to.active_element.send_keys(code + Keys.ENTER))
    seen["first"] = {"class": driver.find_element(By.TAG_NAME, "main").get_attribute("class"), "text": browser.texts(".answer")}
    browser.shot("door-3-ok")
    browser.audit("answer")
    # Back to scanning by itself after two seconds.
    started = time.time()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "code"))
    seen["back_after_seconds"] = round(time.time() - started + 0.0, 1)
    browser.following(lambda: driver.switch_to.active_element.send_keys(code + Keys.ENTER))
    seen["second"] = {"class": driver.find_element(By.TAG_NAME, "main").get_attribute("class"), "text": browser.texts(".answer")}
    browser.shot("door-4-refused")
    browser.metrics(1280, 800)
    driver.save_screenshot(shots + "/door-5-refused-laptop.png")
    browser.metrics(390, 844)
    # The link again: it worked once.
    driver.get(link)
    browser.press("Pair this device")
    seen["link_again"] = browser.texts("h1")
    browser.shot("door-6-link-used")
finally:
    driver.quit()
print(json.dumps(seen))
