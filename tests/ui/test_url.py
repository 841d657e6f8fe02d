"""ui.url: user-supplied text is echoed as an inert, shortened code span; the app's own text is backslash-escaped."""

from __future__ import annotations

import pytest

from ui import url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Markdown, HTML and autolink text come out as one inert code span (rendered literally, nothing linked)
        (
            "![x](http://h:9/t.png) [Sign in](https://evil.example)",
            "`![x](http://h:9/t.png) [Sign in](https://evil.example)`",
        ),
        ("<img src=x onerror=alert(1)>", "`<img src=x onerror=alert(1)>`"),
        ("a`b``c", "`aˋbˋˋc`"),  # a backtick would close the span: replaced by U+02CB
        ("line\nbreak\r\n\ttab\x00nul", "`line break tab nul`"),  # control characters and white space runs: one space
        ("", "(empty)"),
        ("   ", "(empty)"),
    ],
)
def test_plain_makes_user_text_an_inert_code_span(text: str, expected: str) -> None:
    assert url.plain(text) == expected


def test_plain_shortens_to_the_limit() -> None:
    assert url.plain("x" * 10_000) == "`" + "x" * 59 + "…`"  # 60 characters shown, the last an ellipsis
    assert url.plain("abcdef", limit=4) == "`abc…`"


def test_escape_backslashes_markdown_in_the_apps_own_text() -> None:
    assert url.escape("ICB: NHS *Lancs* [x](y)") == "ICB\\: NHS \\*Lancs\\* \\[x\\]\\(y\\)"
