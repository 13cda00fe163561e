"""The widget as ES modules in Chromium: the classic tag every embed has
(``<script src="/widget/widget.js">``) and the module tag both load it with no console
error, the gateway's CSP allows the modules, ``KCKWidget.open()`` called before the
modules run still opens the chat, and a page with both tags gets one widget."""

from __future__ import annotations

from typing import List

import pytest
from playwright.sync_api import ConsoleMessage, Page, Route, expect

pytestmark = [pytest.mark.stack, pytest.mark.browser]

BOT = "#kck-log .kck-msg--bot"
CLASSIC = '<script src="/widget/widget.js" defer></script>'
MODULE = '<script type="module" src="/widget/main.js"></script>'


def watch_errors(page: Page) -> List[str]:
    """Console errors and uncaught exceptions of the page (a module that fails to load
    or to link shows as one of these, and the widget simply never appears)."""
    errors: List[str] = []

    def on_console(message: ConsoleMessage) -> None:
        url = message.location.get("url", "")
        # The browser's own /favicon.ico request (the gateway has none) is not the widget's.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{message.text} {url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


def widget_errors(errors: List[str]) -> List[str]:
    """The errors of a page Playwright serves itself (serve_embed): Chromium does not know
    that page's address, so its Local Network Access check refuses the WebSocket to
    127.0.0.1 (on the demo page, served by the gateway, it connects); the rest must be []."""
    return [e for e in errors if "ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS" not in e]


def serve_embed(page: Page, url: str, body: str) -> None:
    """A city page on the gateway's origin that embeds the widget with `body`."""
    html = (
        '<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/widget/widget.css"></head>'
        f"<body><main><h1>Strona miasta</h1></main>{body}</body></html>"
    )

    def fulfill(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    page.route(url, fulfill)


def test_demo_page_loads_the_widget_with_no_console_error(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    errors = watch_errors(page)
    modules: List[str] = []
    page.on("response", lambda r: modules.append(r.url) if r.url.endswith(".js") else None)
    page.goto(live.gateway_url + "/")
    page.locator("#kck-launcher").click()
    expect(page.locator(BOT).first).to_contain_text("prywatnosc")
    assert any(url.endswith("/widget/main.js") for url in modules)
    assert errors == []


def test_open_called_at_once_after_the_classic_tag_opens_the_chat(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    errors = watch_errors(page)
    url = live.gateway_url + "/strona-miasta"
    opened_at_once = '<script src="/widget/widget.js"></script><script>KCKWidget.open()</script>'
    serve_embed(page, url, opened_at_once)
    page.goto(url)
    expect(page.locator("#kck-panel")).to_be_visible()
    expect(page.locator(BOT).first).to_contain_text("prywatnosc")
    assert widget_errors(errors) == []


def test_module_tag_alone_and_both_tags_give_one_widget(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    errors = watch_errors(page)
    alone = live.gateway_url + "/strona-modul"
    serve_embed(page, alone, MODULE)
    page.goto(alone)
    page.locator("#kck-launcher").click()
    expect(page.locator(BOT).first).to_contain_text("prywatnosc")
    assert page.evaluate("typeof window.KCKWidget.open") == "function"

    both = live.gateway_url + "/strona-dwa-razy"
    serve_embed(page, both, CLASSIC + MODULE + CLASSIC)
    page.goto(both)
    expect(page.locator("#kck-launcher")).to_have_count(1)
    page.evaluate("KCKWidget.close(); KCKWidget.open()")
    expect(page.locator("#kck-panel")).to_be_visible()
    expect(page.locator(".kck-widget")).to_have_count(1)
    assert widget_errors(errors) == []
