"""A journalist downloads the votes list in Chromium: the popover offers the reader's files first, the CSV's headers
are the table's, and its links point to the address the browser used (not the `base_url` setting); the table's
own toolbar has no download."""

import io

import polars as pl
import pytest

from .conftest import wait_for_run

pytestmark = pytest.mark.browser


def test_the_reader_s_csv_links_to_the_address_served(app_server, page):
    assert not app_server.startswith("http://localhost:8501")  # the setting's default, which the links must not use
    page.goto(f"{app_server}/votes?year=2017&lang=en&open=list")  # the list, a part below the first screen
    wait_for_run(page)
    popover = page.get_by_test_id("stPopover").last.locator("button")
    popover.scroll_into_view_if_needed()
    popover.click()
    buttons = page.locator("[data-testid='stDownloadButton'] button:visible")
    buttons.first.wait_for(state="visible")
    labels = [button.inner_text() for button in buttons.all()]
    assert labels[:5] == ["CSV", "Excel (XLSX)", "CSV", "JSON", "Parquet"]
    with page.expect_download() as download:
        buttons.nth(0).click()
    assert download.value.suggested_filename == "votes_en.csv"
    frame = pl.read_csv(io.BytesIO(open(download.value.path(), "rb").read()), infer_schema=False)
    assert frame.columns[:5] == ["Details", "Time", "Question", "Kind", "Result"]
    assert frame["Details"].str.starts_with(f"{app_server}/vote?vote=").all()
    assert frame["Details"].str.contains("lang=en").all() and frame["Details"].str.contains("year=2017").all()
    table = page.get_by_test_id("stDataFrame").last
    table.hover()
    assert table.locator("button[aria-label*='ownload']").count() == 0
