"""The radiologist's day and the patient's page, in Debian's Chromium, against a real uvicorn server.

One flow (the steps depend on each other): log in, worklist, "n" opens the STAT case, the image is shown and
zooms with the keyboard, the AI draft is there with each sentence's source, editing highlights findings live
and raises a check, the check is acknowledged, the critical result's communication is recorded, the report is
signed, and the patient opens their link. Each page is scanned with axe-core and photographed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.web.conftest import Site, axe_violations, log_in, new_page


def shot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def no_serious_a11y(page: Any, where: str) -> None:
    found = axe_violations(page)
    assert not found, f"{where}: axe-core found serious/critical violations: {found}"


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Move the focus with the Tab key alone until it reaches ``selector`` (proves keyboard reachability)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_radiologist_flow_and_patient_link(site: Site, browser: Any, artifacts: Path) -> None:
    page = new_page(browser)
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    # Log in, worklist: the STAT critical case comes first.
    log_in(page, site)
    rows = page.locator("table.worklist tbody tr")
    expect(rows.first).to_contain_text("stat")
    expect(rows.first).to_contain_text("Critical")
    expect(page.locator("table.worklist")).to_contain_text("unreported")
    shot(page, artifacts, "01-worklist")
    no_serious_a11y(page, "worklist")

    # Filters narrow the list (htmx swap).
    page.get_by_label("Status").select_option("unreported")
    expect(page.locator("#worklist-count")).to_contain_text("1 of 4")
    page.get_by_label("Status").select_option("")
    expect(page.locator("#worklist-count")).to_contain_text("4 of 4")

    # "n" opens the next (most urgent) case.
    page.locator("body").press("n")
    page.wait_for_url(re.compile(r"/studies/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("XR CHEST PORTABLE")

    # The image is rendered by the server and displayed; the keyboard zooms it.
    img = page.locator("#main-image")
    page.wait_for_function(
        "() => { const i = document.getElementById('main-image'); return i.complete && i.naturalWidth > 0; }"
    )
    assert page.evaluate("() => document.getElementById('main-image').naturalWidth") > 100
    page.locator("#viewport").focus()
    page.keyboard.press("+")
    expect(page.locator("#zoom-level")).to_have_text("125%")
    page.keyboard.press("2")  # the second window preset (full range)
    expect(img).to_have_attribute("src", re.compile(r"window=full"))
    page.keyboard.press("0")
    expect(page.locator("#zoom-level")).to_have_text("100%")

    # The AI draft, with each sentence's provenance and its findings highlighted.
    expect(page.locator("#findings")).to_have_value(re.compile("pneumothorax"))
    expect(page.locator("ul.sentences li").first).to_contain_text("dictated")
    expect(page.locator("ul.sentences[data-section=impression] .origin").first).to_contain_text("generated")
    expect(page.locator("ul.sentences mark.f-critical").first).to_have_text("pneumothorax")
    expect(page.locator("#sign-btn")).to_be_disabled()
    expect(page.locator("#sign-why")).to_contain_text("critical result")
    shot(page, artifacts, "02-study-draft")
    no_serious_a11y(page, "study page")

    # Edit with the keyboard alone: the impression gains a contradicting side; structuring runs live.
    tab_to(page, "#impression")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n4. Small left pneumothorax.")
    check = page.locator(".check.sev-blocking", has_text="laterality")
    expect(check).to_be_visible()
    expect(page.locator("#analysis")).to_contain_text("unsaved changes")
    expect(page.locator("ul.sentences[data-section=impression] li").last).to_contain_text(
        "radiologist (edited)"
    )
    page.keyboard.press("Control+s")
    expect(page.locator("#report .alert-ok")).to_have_text("Saved.")
    shot(page, artifacts, "03-check-raised")

    # Acknowledge the check, from the keyboard.
    tab_to(page, ".ack-btn")
    page.keyboard.press("Enter")
    expect(page.locator("#report .alert-ok")).to_have_text("Check acknowledged.")
    expect(page.locator(".check", has_text="laterality")).to_contain_text("Acknowledged")
    expect(page.locator("#sign-btn")).to_be_disabled()  # the communication is still missing

    # Record the critical-result communication.
    page.get_by_label("Told whom (name and role)").fill("Dr Lee, ED attending")
    page.get_by_label("How").select_option("phone")
    page.get_by_role("button", name="Record communication").click()
    expect(page.locator("#report .alert-ok")).to_have_text("Communication recorded.")
    expect(page.locator("#report")).to_contain_text("Dr Lee, ED attending")
    expect(page.locator("#sign-btn")).to_be_enabled()
    shot(page, artifacts, "04-ready-to-sign")
    no_serious_a11y(page, "editor ready to sign")

    # Sign; the diff of the AI draft and the signed text appears.
    page.locator("#sign-btn").click()
    expect(page.locator("#report .alert-ok")).to_have_text("Signed. The report is final.")
    expect(page.locator(".report-head .status")).to_have_text("final")
    expect(page.locator("ul.sentences[data-section=findings] li").first).to_contain_text("dictated")
    expect(page.locator("#ai-diff ins").first).to_contain_text("left pneumothorax")
    expect(page.locator("table.versions tbody tr")).to_have_count(
        3
    )  # AI draft, the saved edit, the signature
    shot(page, artifacts, "05-signed")

    # The audit trail verifies.
    page.get_by_role("link", name="Audit trail for this report").click()
    expect(page.locator(".alert-ok")).to_contain_text("The hash chain verifies")
    expect(page.locator("table.audit")).to_contain_text("report.sign")
    expect(page.locator("table.audit")).to_contain_text("critical.communicate")
    shot(page, artifacts, "06-audit")
    no_serious_a11y(page, "audit page")
    page.go_back()

    # A patient link, opened in a browser with no session at all.
    page.get_by_role("button", name="Create patient link").click()
    link = page.locator("#patient-link")
    expect(link).to_be_visible()
    url = link.get_attribute("href")
    assert url and "/p/" in url

    patient = new_page(browser)
    response = patient.goto(url)
    assert response is not None and response.status == 200
    assert "noindex" in response.headers.get("x-robots-tag", "")
    assert response.headers.get("cache-control") == "no-store"
    expect(patient.locator('meta[name="robots"]')).to_have_attribute("content", re.compile("noindex"))
    expect(patient.locator("h1")).to_be_visible()
    text = patient.locator("main").inner_text()
    assert "Rivera" not in text and "DEMO" not in text  # no name or id on the letter
    assert patient.locator("a[href^='/studies'], a[href^='/worklist']").count() == 0
    term = patient.locator(".term-btn").first
    expect(term).to_be_visible()
    term.click()
    expect(term).to_have_attribute("aria-expanded", "true")
    expect(patient.locator(".term-tip").first).to_be_visible()
    font_px = patient.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_px >= 18, f"patient text is {font_px}px; large type means at least 18px"
    shot(patient, artifacts, "07-patient-en")
    no_serious_a11y(patient, "patient page (en)")
    patient.get_by_role("link", name="Español").click()
    expect(patient.locator("html")).to_have_attribute("lang", "es")
    expect(patient.get_by_role("button", name="Imprimir")).to_be_visible()
    shot(patient, artifacts, "08-patient-es")
    no_serious_a11y(patient, "patient page (es)")
    pdf_href = patient.locator("a[href*='letter.pdf']").get_attribute("href")
    pdf = patient.request.get(url.split("/p/")[0] + str(pdf_href))
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"
    patient.context.close()

    assert not [e for e in console_errors if "Content Security Policy" in e or "Refused" in e], console_errors
    page.context.close()


def test_admin_page(site: Site, browser: Any, artifacts: Path) -> None:
    page = new_page(browser)
    log_in(page, site, "admin")
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("demo-radiologist")
    expect(page.get_by_role("heading", name="Model backends")).to_be_visible()
    expect(page.locator("body")).to_contain_text("rules")
    expect(page.get_by_role("heading", name="Disease profiles")).to_be_visible()
    expect(page.locator("body")).to_contain_text("lung-cancer-screening")
    page.get_by_label("Name", exact=True).fill("dr-new")
    page.get_by_label("Role").select_option("resident")
    page.get_by_role("button", name="Add user").click()
    expect(page.locator("#new-token")).to_have_text(re.compile(r"^rp_"))
    page.get_by_role("button", name="Check now: rules").click()
    expect(page.locator("#backend-rules").get_by_role("status")).to_have_text("ok")
    shot(page, artifacts, "09-admin")
    no_serious_a11y(page, "admin page")
    page.context.close()


def test_login_page_and_other_pages_are_accessible(site: Site, browser: Any, artifacts: Path) -> None:
    page = new_page(browser)
    page.goto(f"{site.url}/worklist")
    page.wait_for_url(re.compile(r"/login\?next="))
    shot(page, artifacts, "00-login")
    no_serious_a11y(page, "login page")
    page.get_by_label("User name").fill("demo-radiologist")
    page.get_by_label("API token").fill("rp_wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    log_in(page, site, "radiologist")
    # The CT screening study: no images yet, the Lung-RADS result with its rationale.
    page.get_by_role("link", name="CT CHEST LOW DOSE SCREENING").click()
    expect(page.locator(".viewport.empty")).to_contain_text("No images")
    expect(page.locator(".guideline")).to_contain_text("Lung-RADS")
    expect(page.locator(".guideline")).to_contain_text("Why:")
    shot(page, artifacts, "10-ct-guideline")
    no_serious_a11y(page, "CT study page")
    page.context.close()
