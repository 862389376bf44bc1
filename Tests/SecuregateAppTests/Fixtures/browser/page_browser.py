"""What the browser scripts share: Chromium under Selenium laid out like a phone, full-page screenshots at a
given width, axe-core's accessibility rules, and waiting for the page a form leads to."""
import os

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


class PageBrowser:
    def __init__(self, shots, seen, extra_flags=()):
        os.makedirs(shots, exist_ok=True)
        options = webdriver.ChromeOptions()
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars",
                     "--window-size=390,844", *extra_flags]:
            options.add_argument(flag)
        options.binary_location = "/usr/bin/chromium"
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)
        self.shots, self.seen = shots, seen
        self.metrics(390, 844)

    def metrics(self, width, height):
        """Lays the page out at `width` CSS pixels: a headless window is never narrower than 500."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    def shot(self, name, width=390, height=844):
        """Saves the whole page, however long, laid out `width` wide."""
        self.metrics(width, height)
        full = self.driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        self.metrics(width, max(height, full))
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))
        self.metrics(390, 844)

    def audit(self, name):
        """Runs axe-core's WCAG 2 A and AA rules on the page; records what fails, and whether 320 px overflow."""
        axe = Axe(self.driver)
        axe.inject()
        result = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
        self.seen.setdefault("accessibility", {})[name] = [
            "%s: %s" % (v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
        self.seen.setdefault("rules_passed", {})[name] = len(result["passes"])
        self.metrics(320, 800)
        self.seen.setdefault("overflow_320", {})[name] = self.driver.execute_script(
            "return document.documentElement.scrollWidth") > 320
        self.metrics(390, 844)

    def following(self, action, timeout=20):
        """Runs `action`, which leaves the page, and waits for the next one to load: a mark set on this page's
        window is gone once another document has replaced it. (Selenium's staleness check can fail with an
        inspector error while the old document goes.)"""
        self.driver.execute_script("window.securegateOldPage = true")
        action()

        def loaded(driver):
            try:
                return driver.execute_script(
                    "return window.securegateOldPage === undefined && document.readyState === 'complete'")
            except WebDriverException:
                return False
        WebDriverWait(self.driver, timeout).until(loaded)

    def press(self, text):
        """Presses the button labelled `text` and waits for the page its form leads to."""
        self.following(lambda: self.driver.find_element(By.XPATH, "//button[text()='%s']" % text).click())

    def texts(self, selector):
        """The texts of the elements `selector` finds. A page that its script replaces while they are read (a
        reload, an answer put in place) is read again: the elements found first are gone."""
        for _ in range(5):
            try:
                return [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, selector)]
            except StaleElementReferenceException:
                continue
        return [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, selector)]
