"""Slide templates are cleaned, not trusted: a user's .pptx/.potx is checked and rewritten before python-pptx reads it.

A template is a zip container of XML parts. Before anything is decompressed its directory is checked against the
limits every user file has (:func:`lsc_phm.domain.upload_files.check_zip`: 100 MB unpacked, 1,000 parts), so a "zip
bomb" is refused in milliseconds. Then:

* the main part must be a PowerPoint presentation or template (``.pptx``, ``.potx``); a macro-enabled file
  (``.pptm``/``.potm``, even renamed ``.pptx``), or any part holding macros (``vbaProject``), ActiveX controls or
  embedded OLE objects is refused, naming what was found;
* every external relationship (``TargetMode="External"``: remote pictures, linked OLE objects, hyperlinks to web
  addresses or programs in the master, layouts, slides or notes) is dropped, with the elements that used it, and a
  notice says how many of which kind, and where they pointed;
* a template (``.potx``) gets the presentation content type python-pptx opens.

The cleaned bytes are what the deck is built from, so nothing the template carried outside the package (or as code)
reaches the deck. Cleaning is cached by the template's SHA-256 (a few templates, bounded in bytes), so the page does
not parse an uploaded template again on every rerun.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import threading
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from lsc_phm.domain.upload_files import MAX_BYTES, MAX_MEMBERS, MAX_UNPACKED_BYTES, UploadError, check_size, check_zip

PRESENTATION_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
#: Main-part content types accepted: a presentation (.pptx) or a template (.potx).
ACCEPTED_MAIN_TYPES = (PRESENTATION_MAIN, TEMPLATE_MAIN)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_HYPERLINK_TAGS = {"hlinkClick", "hlinkHover", "hlinkMouseOver"}
_SHAPE_TAGS = {"pic", "graphicFrame", "sp", "cxnSp", "grpSp"}
_ACTIVE_ACTIONS = ("ppaction://macro", "ppaction://program", "ppaction://ole")
_CACHE_ENTRIES = 4
_CACHE_BYTES = 2 * MAX_BYTES
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


class TemplateError(ValueError):
    """The template cannot be used; the message says why in one sentence (shown to the user as it is)."""


@dataclass(frozen=True)
class CleanTemplate:
    """A template's cleaned bytes and what cleaning removed (one sentence each, for the user)."""

    data: bytes
    notices: tuple[str, ...]


def limits_sentence() -> str:
    """The template limits in words, for the page and ``--help`` (from the constants the code enforces)."""
    return (
        f"a .pptx or .potx of {MAX_BYTES // 1024 // 1024} MB or smaller that expands to at most "
        f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB and {MAX_MEMBERS:,} parts; no macros"
    )


def _xml(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise TemplateError(f"The template cannot be used: its part {name} is not well-formed XML.") from None


def _content_types(root: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
    defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in root.iter(f"{{{_CT_NS}}}Default")}
    overrides = {
        el.get("PartName", "").lstrip("/"): el.get("ContentType", "") for el in root.iter(f"{{{_CT_NS}}}Override")
    }
    return defaults, overrides


def _type_of(name: str, defaults: dict[str, str], overrides: dict[str, str]) -> str:
    return overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")


def _active_part(name: str, content_type: str) -> str | None:
    lowered, kind = name.lower(), content_type.lower()
    if "vbaproject" in lowered or "vbaproject" in kind or "macroenabled" in kind:
        return "macros (VBA)"
    if "activex" in lowered or "activex" in kind:
        return "ActiveX controls"
    if "oleobject" in lowered or kind.endswith("oleobject"):
        return "embedded OLE objects"
    return None


def _source_part(rels_name: str) -> str | None:
    """``ppt/slides/_rels/slide1.xml.rels`` -> ``ppt/slides/slide1.xml`` (None for the package's own rels)."""
    folder, file = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not file.endswith(".rels"):
        return None
    parent = posixpath.dirname(folder)
    source = posixpath.join(parent, file[: -len(".rels")])
    return source if file != ".rels" else None


def _kind(relationship_type: str) -> str:
    short = relationship_type.rsplit("/", 1)[-1]
    return {
        "hyperlink": "web link",
        "image": "remote picture",
        "oleObject": "linked OLE object",
        "video": "remote video",
        "audio": "remote sound",
        "media": "remote media",
    }.get(short, f"{short} link")


def _scrub_references(part: etree._Element, dropped: set[str]) -> None:
    """Remove what used a dropped relationship: hyperlinks, a picture's link, or the shape holding an OLE link."""
    for element in list(part.iter()):
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        action = element.get("action", "")
        uses = [key for key, value in element.attrib.items() if key.startswith(f"{{{_R_NS}}}") and value in dropped]
        if local in _HYPERLINK_TAGS and (uses or action.startswith(_ACTIVE_ACTIONS)):
            if element.getparent() is not None:
                element.getparent().remove(element)
            continue
        if not uses:
            continue
        if local == "blip":  # a linked picture: keep an embedded copy if there is one, drop the link
            for key in uses:
                del element.attrib[key]
            continue
        shape = element
        while shape is not None and etree.QName(shape).localname not in _SHAPE_TAGS:
            shape = shape.getparent()
        target = shape if shape is not None else element
        if target.getparent() is not None:
            target.getparent().remove(target)


def _where(targets: list[str]) -> str:
    hosts = list(dict.fromkeys((urlsplit(t).hostname or t.split("/")[0] or t)[:60] for t in targets))
    shown = ", ".join(hosts[:3]) + (f" and {len(hosts) - 3} more" if len(hosts) > 3 else "")
    return shown


def clean(data: bytes) -> CleanTemplate:
    """Check a template and return it rewritten without external links, with notices of what was removed.

    Raises
    ------
    TemplateError
        For a file over the size limits, not a zip container, not a PowerPoint presentation or template, or one
        holding macros, ActiveX controls or embedded OLE objects (the message names which).
    """
    try:
        check_size(len(data))
        check_zip(data, "template")
    except UploadError as error:
        raise TemplateError(str(error).replace("The file is", "The template is", 1)) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = list(dict.fromkeys(info.filename for info in archive.infolist() if not info.is_dir()))
            if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
                raise TemplateError("The template cannot be used: it is not a PowerPoint (.pptx) file.")
            parts = {name: archive.read(name) for name in names}  # at most the checked unpacked size in all
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError) as error:
        if isinstance(error, TemplateError):
            raise
        raise TemplateError(
            "The template cannot be used: it is damaged (a part cannot be unpacked). Save it again "
            "from PowerPoint and upload it again."
        ) from None
    types_root = _xml(parts["[Content_Types].xml"], "[Content_Types].xml")
    defaults, overrides = _content_types(types_root)
    main = next(
        (
            posixpath.normpath(rel.get("Target", "").lstrip("/"))
            for rel in _xml(parts["_rels/.rels"], "_rels/.rels").iter(f"{{{_REL_NS}}}Relationship")
            if rel.get("Type") == _OFFICE_DOCUMENT
        ),
        None,
    )
    main_type = _type_of(main, defaults, overrides) if main else ""
    if "macroenabled" in main_type.lower():
        raise TemplateError(
            "The template cannot be used: it is a macro-enabled presentation (.pptm or .potm), "
            "whatever its name says. Save it as a PowerPoint Presentation (.pptx) and upload it again."
        )
    if main_type not in ACCEPTED_MAIN_TYPES:
        raise TemplateError(
            "The template cannot be used: it is not a PowerPoint presentation or template (.pptx or .potx)."
        )
    _refuse_active_parts(names, defaults, overrides)
    removed = _drop_external_links(parts, names)
    if main_type == TEMPLATE_MAIN:  # python-pptx opens presentations only; the parts are the same
        for element in types_root.iter(f"{{{_CT_NS}}}Override"):
            if element.get("PartName", "").lstrip("/") == main:
                element.set("ContentType", PRESENTATION_MAIN)
        parts["[Content_Types].xml"] = etree.tostring(
            types_root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    notices = []
    if removed:
        count = sum(len(targets) for targets in removed.values())
        kinds = ", ".join(
            f"{len(targets)} {kind}{'s' if len(targets) > 1 else ''}" for kind, targets in removed.items()
        )
        notices.append(
            f"{count} link{'s' if count > 1 else ''} to outside the file "
            f"{'were' if count > 1 else 'was'} removed from the template ({kinds}, to "
            f"{_where(sum(removed.values(), []))})."
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, content in parts.items():
            out.writestr(name, content)
    del parts
    notices.extend(_layout_notices(buffer.getvalue()))
    return CleanTemplate(buffer.getvalue(), tuple(notices))


def _refuse_active_parts(names: list[str], defaults: dict[str, str], overrides: dict[str, str]) -> None:
    """Raise :class:`TemplateError` naming the macros, ActiveX controls or embedded OLE objects a template holds."""
    active: dict[str, list[str]] = {}
    for name in names:
        found = _active_part(name, _type_of(name, defaults, overrides))
        if found:
            active.setdefault(found, []).append(name)
    if active:
        what = "; ".join(f"{kind} ({', '.join(sorted(found)[:3])})" for kind, found in active.items())
        raise TemplateError(
            f"The template cannot be used: it holds {what}. Save a copy without them (File > Save As "
            "> PowerPoint Presentation, removing controls and embedded objects) and upload that."
        )


def _drop_external_links(parts: dict[str, bytes], names: list[str]) -> dict[str, list[str]]:
    """Remove every relationship to outside the file from ``parts`` (rewritten in place), with what used it; return
    the removed targets by kind ("web link", "remote picture", ...)."""
    removed: dict[str, list[str]] = {}
    for name in [n for n in names if n.endswith(".rels")]:
        rels = _xml(parts[name], name)
        dropped = set()
        for rel in list(rels.iter(f"{{{_REL_NS}}}Relationship")):
            if rel.get("TargetMode", "").lower() == "external":
                removed.setdefault(_kind(rel.get("Type", "")), []).append(rel.get("Target", ""))
                dropped.add(rel.get("Id", ""))
                rels.remove(rel)
        source = _source_part(name)
        if source in parts and source.endswith(".xml"):
            part = _xml(parts[source], source)
            before = etree.tostring(part)
            _scrub_references(part, dropped)
            after = etree.tostring(part, xml_declaration=True, encoding="UTF-8", standalone=True)
            if dropped or after != before:
                parts[source] = after
        if dropped:
            parts[name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    return removed


def _has_title(layout) -> bool:
    from pptx.enum.shapes import PP_PLACEHOLDER

    titles = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
    return any(ph.placeholder_format.type in titles for ph in layout.placeholders)


def _layout_notices(data: bytes) -> list[str]:
    """Open the cleaned template as the deck will, and check the layouts the deck is built on have titles.

    Raises
    ------
    TemplateError
        If python-pptx cannot read it, or a layout the deck needs has no title placeholder (its slides would have no
        titles).
    """
    from pptx import Presentation

    from lsc_phm.publish.briefing_pptx import LAYOUT_NAMES, find_layouts  # the deck's own choice of layouts

    try:
        prs = Presentation(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-pptx raises many types for a file it cannot read: one plain message
        raise TemplateError(
            "The template cannot be used: it is not a PowerPoint (.pptx) file python-pptx can read."
        ) from None
    try:
        layouts = find_layouts(prs)
    except ValueError as error:
        raise TemplateError(f"The template cannot be used: {error}.") from None
    untitled = sorted({layout.name or "(unnamed)" for layout in layouts.values() if not _has_title(layout)})
    if untitled:
        raise TemplateError(
            f"The template cannot be used: its layout{'s' if len(untitled) > 1 else ''} "
            f"{', '.join(repr(name) for name in untitled)} {'have' if len(untitled) > 1 else 'has'} "
            "no title placeholder, so the slides would have no titles."
        )
    notices = []
    if (
        not any(layout.name in LAYOUT_NAMES["title"] for layout in prs.slide_layouts)
        and layouts["title"] is layouts["content"]
    ):
        notices.append(
            f"The template has no title slide layout: the first slide uses its '{layouts['content'].name}' layout."
        )
    return notices


_cache: OrderedDict[str, CleanTemplate | TemplateError] = OrderedDict()
_cache_lock = threading.Lock()


def cleaned(data: bytes) -> CleanTemplate:
    """:func:`clean`, cached by the template's SHA-256 (the last few templates, at most 100 MB held).

    Raises
    ------
    TemplateError
        As :func:`clean` (a refusal is cached too).
    """
    key = hashlib.sha256(data).hexdigest()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
    if hit is None:
        try:
            hit = clean(data)
        except TemplateError as error:
            hit = error
        with _cache_lock:
            _cache[key] = hit
            while (
                len(_cache) > _CACHE_ENTRIES
                or sum(len(v.data) for v in _cache.values() if isinstance(v, CleanTemplate)) > _CACHE_BYTES
            ):
                _cache.popitem(last=False)
    if isinstance(hit, TemplateError):
        raise TemplateError(str(hit))
    return hit


def read(path: Path) -> bytes:
    """A template file's bytes, refusing a file over the size limit before reading it.

    Raises
    ------
    TemplateError
        For a file over :data:`~lsc_phm.domain.upload_files.MAX_BYTES`.
    """
    try:
        check_size(Path(path).stat().st_size)
    except UploadError as error:
        raise TemplateError(str(error).replace("The file is", "The template is", 1)) from None
    return Path(path).read_bytes()


def outside_links(deck: bytes) -> list[str]:
    """Every external relationship and every macro, ActiveX or OLE part of a deck (``part: target``), for checks.

    Examples
    --------
    >>> import pptx
    >>> buffer = io.BytesIO()
    >>> pptx.Presentation().save(buffer)
    >>> outside_links(buffer.getvalue())
    []
    """
    found = []
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        types = _content_types(_xml(archive.read("[Content_Types].xml"), "[Content_Types].xml"))
        for name in archive.namelist():
            kind = _active_part(name, _type_of(name, *types))
            if kind:
                found.append(f"{name}: {kind}")
            if name.endswith(".rels"):
                for rel in _xml(archive.read(name), name).iter(f"{{{_REL_NS}}}Relationship"):
                    if rel.get("TargetMode", "").lower() == "external":
                        found.append(f"{name}: {rel.get('Target', '')}")
    return found
