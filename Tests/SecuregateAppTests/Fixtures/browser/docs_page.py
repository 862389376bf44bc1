"""Opens the server's home page and follows its link to the API reference in Chromium (Selenium); prints what
it saw as JSON and saves screenshots at phone and desktop widths.

    python docs_page.py BASE_URL SCREENSHOT_DIR
"""
import json
import sys
from urllib.parse import urlparse

from selenium.webdriver.common.by import By

from page_browser import PageBrowser

base, shots = sys.argv[1], sys.argv[2]
seen = {}
browser = PageBrowser(shots, seen)
driver = browser.driver
try:
    driver.get(base + "/")
    seen["home_h1"] = browser.texts("h1")
    browser.shot("docs-home-phone")
    browser.audit("home")
    browser.following(lambda: driver.find_element(By.LINK_TEXT, "API reference").click())
    seen["path"] = urlparse(driver.current_url).path
    seen["h1"] = browser.texts("h1")
    seen["operations"] = [element.get_attribute("id") for element in driver.find_elements(By.CSS_SELECTOR, "article.operation")]
    seen["additions"] = [element.get_attribute("id") for element in
                         driver.find_elements(By.XPATH, "//article[contains(@class,'operation')][.//h3/span[@class='badge']]")]
    # Every resource the page loaded, and whether any came from another origin.
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    seen["foreign_resources"] = [name for name in resources if not name.startswith(base)]
    # An example opens, and holds JSON.
    first = driver.find_element(By.CSS_SELECTOR, "article.operation details")
    first.find_element(By.TAG_NAME, "summary").click()
    example = first.find_element(By.TAG_NAME, "code").text
    try:
        json.loads(example)
        seen["example_is_json"] = True
    except ValueError:
        seen["example_is_json"] = False
    browser.shot("docs-reference-phone")
    browser.metrics(1280, 900)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(shots + "/docs-reference-desktop-top.png")
    browser.metrics(390, 844)
    browser.audit("docs")
finally:
    driver.quit()
print(json.dumps(seen))
