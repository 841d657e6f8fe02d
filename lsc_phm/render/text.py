"""Names as text: one function through which every area, practice or data-set name reaches Markdown.

A name comes from the data (an area name in the published files), an upload (a data set's name) or a user (a
user-defined area). Any of them can hold text that Markdown would act on: a link ``[Sign in](https://evil.example)``,
an image, HTML, a heading or list marker, LaTeX between dollar signs, Streamlit's ``:material/icon:`` and
``:red[colour]`` directives, and the GitHub-flavoured *autolink literals* (``www.example``, ``http://...``,
``name@example.org``), which become links even when every Markdown character is backslash-escaped, because they are
found in the text after escapes are resolved (checked in the browser with Streamlit 1.67, whose Markdown is
remark-gfm).

:func:`markdown_text` therefore does two things: it backslash-escapes every Markdown and HTML special character, and
it breaks each autolink trigger and directive with an invisible zero-width space (U+200B) at the one place the
pattern needs to be unbroken (``www`` + ``.``, ``http`` + ``://``, ``@`` + domain, ``:`` + word). The name reads
exactly as before; it is simply never a link, an image, markup or a directive.
"""

from __future__ import annotations

import re

#: Characters with a meaning anywhere in a line of (GitHub-flavoured, Streamlit) Markdown or HTML, escaped with a
#: backslash: code, emphasis, link and image brackets, HTML and angle autolinks, tables, strikethrough, maths and
#: entities. Others (".", "-", "(", "#"...) only act at the start of a line or after a bracket, so names and numbers
#: such as "St. Helens (UA)" or "51.9%" keep their plain form.
_SPECIALS = re.compile(r"([\\`*_\[\]<>|~$&])")
#: What starts a block at the beginning of a line: a list item ("-", "+", "1." or "1)"), a heading, a quote.
_LEADING = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([-+#>=])(?=\s|$|[-=#])")
_ZWSP = "\u200b"
#: Where an autolink literal or a directive starts: broken by a zero-width space inserted at the match.
_TRIGGERS = re.compile(
    r"(?<=www)(?=\.)|(?<=http)(?=:)|(?<=https)(?=:)|(?<=@)|(?<=:)(?=\w)|(?<=mailto)(?=:)", re.IGNORECASE
)


def one_line(text: object) -> str:
    """Text on one line: control characters (CR, LF, tabs...) and runs of white space become single spaces.

    Examples
    --------
    >>> one_line("North\\r\\nBurnley  ward")
    'North Burnley ward'
    """
    value = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return " ".join(value.split())


def markdown_text(name: object, limit: int | None = None) -> str:
    """A name as inert Markdown: on one line, every special character escaped, autolinks and directives broken.

    Parameters
    ----------
    name : object
        The name (anything: it is turned into text).
    limit : int, optional
        Shorten to this many characters (with an ellipsis) before escaping.

    Returns
    -------
    str
        Markdown that renders as exactly the name's characters (plus invisible zero-width spaces), never as a link,
        image, HTML, heading, list, maths or a Streamlit directive.

    References
    ----------
    .. [1] GitHub Flavored Markdown Spec, version 0.29-gfm: 2.4 Backslash escapes; 6.9 Autolinks (extension).
       https://github.github.com/gfm/

    Examples
    --------
    >>> print(markdown_text("[Sign in](https://evil.example/login)").replace("\\u200b", "|"))
    \\[Sign in\\](https|://evil.example/login)
    >>> markdown_text("St. Helens (UA)"), markdown_text("- 3"), markdown_text("1. x")
    ('St. Helens (UA)', '\\\\- 3', '1\\\\. x')
    >>> "www\\u200b" in markdown_text("www.evil.example")
    True
    """
    value = one_line(name)
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)] + "…"
    value = _SPECIALS.sub(r"\\\1", _TRIGGERS.sub(_ZWSP, value))
    return _LEADING.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", value)
