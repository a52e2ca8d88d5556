"""The pages in a real browser: headless Chromium (Debian's chromium, driven through chromium-driver) opens
index.html, codebook.html and quality_report.html of a real run at 400 and 1400 px: nothing is wider than the
window (tables scroll inside their own wrapper), every link and image resolves, and the key figures and the
failing checks are on screen. Full-page screenshots are saved under outputs/work/screenshots/ for review."""

import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import duckdb
import pytest

from .conftest import REPO

pytestmark = pytest.mark.workflow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SCREENSHOTS = REPO / "outputs" / "work" / "screenshots"
WIDTHS = (400, 1400)
PAGES = ("index.html", "codebook.html", "quality_report.html", "source/source.txt.html")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (CHROMIUM and DRIVER):
        pytest.skip("no headless Chromium here: install Debian's chromium and chromium-driver (.ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--hide-scrollbars",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    yield driver
    driver.quit()


def load(browser, path: Path, width: int) -> None:
    """Open `path` in a window `width` CSS pixels wide, as tall as the page (so every image loads)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    browser.get(path.as_uri())
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": min(height, 16000), "deviceScaleFactor": 1, "mobile": False})
    browser.execute_async_script(  # every image decoded, however it loads
        "const done = arguments[arguments.length - 1];"
        "Promise.all([...document.images].map(i => i.decode().catch(() => null))).then(done);")


# What overflows the window: the page itself, or an element (a table's wrapper, a figure, a line of text).
OVERFLOWING = """
const width = document.documentElement.clientWidth;
const found = [];
if (document.documentElement.scrollWidth > width) found.push('page: ' + document.documentElement.scrollWidth);
for (const e of document.querySelectorAll('body *')) {
  const box = e.getBoundingClientRect();
  if (box.width === 0 || e.closest('.table-wrap') && !e.classList.contains('table-wrap')) continue;
  if (box.right > width + 1 || box.left < -1) found.push(`${e.tagName}.${e.className} ${box.left}-${box.right}`);
}
return found;"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_a_page_fits_the_window_and_every_link_resolves(published, browser, name, width):
    load(browser, published.outputs / name, width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{Path(name).stem}-{width}.png"))
    assert browser.execute_script("return window.innerWidth") == width
    assert browser.execute_script(OVERFLOWING) == []
    # A table wider than the window scrolls inside its wrapper, not the page.
    assert browser.execute_script(
        "return [...document.querySelectorAll('table')].filter(t => !t.parentElement.matches('.table-wrap'))"
        ".length") == 0
    ids = set(browser.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)"))
    links = browser.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert links
    for link in links:
        url = urlparse(link)
        assert url.scheme == "file", link  # a release links only to its own files
        path = Path(unquote(url.path))
        assert path.is_file(), link
        if url.fragment and path.name == name:
            assert url.fragment in ids, link
    broken = browser.execute_script("return [...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
    assert broken == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_key_figures_and_the_failing_checks_are_on_screen(published, browser, width):
    load(browser, published.outputs / "index.html", width)
    with duckdb.connect(str(published.outputs / "tip_gms.duckdb"), read_only=True) as db:
        (figures,) = db.execute("SELECT count(*) FROM key_figures").fetchone()
        (failing,) = db.execute("SELECT count(*) FROM failed_checks").fetchone()
        (citation,) = db.execute("SELECT citation FROM key_figures_cited "
                                 "WHERE figure_id = 'children_sexually_exploited_asia'").fetchone()
    from selenium.webdriver.common.by import By

    shown = browser.find_elements(By.CSS_SELECTOR, ".key-figure")
    assert len(shown) == figures and all(element.is_displayed() for element in shown)
    worded, cited = citation.rsplit(" (", 1)
    worded = worded.strip("\u201c\u201d")  # quoted on screen by <q>, whose marks are not text
    assert [e.text for e in shown if "over 1,000,000 persons" in e.text and worded in e.text
            and f"({cited}" in e.text]  # the value, the source's words and the view's citation, on screen
    findings = browser.find_elements(By.CSS_SELECTOR, ".finding")
    assert len(findings) == failing and all(element.is_displayed() for element in findings)
    assert len(browser.find_elements(By.CSS_SELECTOR, "tr.fail")) == failing
    # First what the data say, then the source's disagreements, then the downloads (the archive first).
    tops = [browser.find_element(By.ID, anchor).location["y"]
            for anchor in ("what-the-data-say", "disagreements", "downloads", "figures", "datasets", "checks")]
    assert tops == sorted(tops)
    archive = browser.find_element(By.CSS_SELECTOR, "#downloads ~ ul a")
    assert archive.text.startswith("tip_gms-") and archive.text.endswith(".zip")


def test_on_a_phone_no_name_breaks_mid_word_and_every_figure_keeps_its_size(published, browser):
    """At 400 px a dataset or column name in a table stays on one line (the table scrolls in its wrapper), and a
    figure is shown at its own size (its smallest text 10 px), scrolling sideways, not shrunk to a third."""
    for name in ("codebook.html", "index.html"):
        load(browser, published.outputs / name, 400)
        broken = browser.execute_script("return [...document.querySelectorAll('td code')]"
                                        ".filter(c => c.getClientRects().length > 1).map(c => c.textContent)")
        assert broken == [], name
    load(browser, published.outputs / "index.html", 400)
    sizes = browser.execute_script("return [...document.querySelectorAll('figure img')]"
                                   ".map(i => [i.naturalWidth, i.getBoundingClientRect().width])")
    assert sizes and all(shown >= natural for natural, shown in sizes), sizes  # (shown: with its border)


def test_the_browser_sees_a_page_too_wide_for_the_window(browser, tmp_path):
    """The overflow check can fail: a table outside a wrapper, wider than the window, is seen."""
    page = tmp_path / "wide.html"
    page.write_text('<!doctype html><meta name="viewport" content="width=device-width">'
                    '<table><tr><td style="min-width: 900px">wide</td></tr></table>')
    load(browser, page, 400)
    assert browser.execute_script(OVERFLOWING)
