"""Raw document → Article skeleton: metadata, clean body, outlet, dateline, language.

The builder reads like a checklist: decode, pick the page reader, take what the source already
knew (``RawDocument.hints``), find the outlet, cut the dateline prefix, record attributions,
check the body, identify the language, and assemble the record. Any input that cannot become an
article raises an :class:`~warta.errors.InputError` with a reason; batch code turns those into
:class:`~warta.model.Rejection` records.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from warta.article import fields, html_page, language, lexicon, text_page
from warta.article.page import PageFields
from warta.errors import NoArticle, WrongLanguage
from warta.model import Article, Attribution, Dateline, Outlet, Span
from warta.settings import Settings
from warta.sources.raw import RawDocument, check_text, decode

# Zero-width and direction marks pasted in by CMSs; they break matching and carry no meaning.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ref|_ga)$")


def normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def canonical_url(url: str) -> str:
    """A URL without tracking parameters, fragment, ``www.`` or trailing slash."""
    parts = urlsplit(url.strip())
    query = "&".join(q for q in parts.query.split("&")
                     if q and not _TRACKING.match(q.split("=", 1)[0]))
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("https", host, parts.path.rstrip("/"), query, ""))


def article_id(url: str | None, text: str) -> str:
    """Stable id: a hash of the canonical URL, else of the normalised text."""
    key = "url:" + canonical_url(url) if url else "text:" + " ".join(text.lower().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _is_prose(paragraph: str) -> bool:
    """Running text, not a menu item or a list of links: several words ending a sentence, or
    many words."""
    words = len(paragraph.split())
    return words >= 12 or (words >= 5 and paragraph.rstrip()[-1:] in ".!?\"”")


def find_outlet(url: str | None, hint: str | None) -> lexicon.Outlet | None:
    """The outlet from the URL's domain, else from a source's name for it."""
    if url:
        host = urlsplit(url).netloc.lower().split(":")[0]
        for outlet in lexicon.outlets():
            if any(host == d or host.endswith("." + d) for d in outlet.domains):
                return outlet
    if hint:
        wanted = hint.strip().lower()
        for outlet in lexicon.outlets():
            if wanted in outlet.aliases or wanted == outlet.name.lower():
                return outlet
    return None


def read_page(raw: RawDocument, settings: Settings) -> PageFields:
    content = raw.content
    if isinstance(content, bytes):
        text = decode(content, settings.max_input_bytes)
    else:
        text = check_text(content, settings.max_input_bytes)
    text = normalize_text(text)
    kind = raw.hints.get("format")
    if kind == "html" or (kind is None and html_page.looks_like_html(text)):
        return html_page.read(text, raw.url, settings.default_timezone)
    return text_page.read(text, body_only=kind == "text-body",
                          default_offset=settings.default_timezone)


def build(raw: RawDocument, settings: Settings) -> Article:
    """An Article skeleton from one raw document, or an InputError saying why not."""
    page = read_page(raw, settings)
    hints = raw.hints
    url = page.url or raw.url
    title = hints.get("title") or page.title
    published = page.published
    if hints.get("published"):
        published = fields.iso_datetime(hints["published"], settings.default_timezone) or published
    outlet = find_outlet(url, hints.get("outlet") or page.site_name)

    paragraphs = [fields.strip_inline_boilerplate(p) for p in page.paragraphs]
    paragraphs = [p for p in paragraphs if p and not fields.is_boilerplate(p, outlet)]
    dateline = None
    cited: lexicon.Outlet | None = None
    if paragraphs and (found := fields.dateline(paragraphs[0], outlet)):
        place, named, cut = found
        paragraphs[0] = paragraphs[0][cut:].lstrip()
        if named is not None and outlet is None:
            outlet = named
        elif named is not None and outlet is not None and named.key != outlet.key:
            cited = named  # a syndicated story: another outlet's dateline on this site
        if place:
            dateline = Dateline(text=place)
    paragraphs = [p for p in paragraphs if p]

    text = "\n\n".join(paragraphs)
    prose = sum(len(p) for p in paragraphs if _is_prose(p))
    if prose < settings.min_body_chars:
        raise NoArticle(
            f"the page has no article body: {prose} characters of running text after removing "
            f"page furniture (minimum {settings.min_body_chars}, setting min_body_chars)"
        )
    code, confidence = language.identify(text, settings.language_sample_chars)
    if code not in settings.language_set:
        raise WrongLanguage(
            f"the article is not in an accepted language: identified as {code!r} "
            f"(confidence {confidence:.2f}); accepted: {settings.languages} (setting languages)",
            language=code,
        )

    spans, offset = [], 0
    for paragraph in paragraphs:
        spans.append(Span(offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    attributions = fields.attributions(text)
    if cited is not None:
        attributions.insert(0, Attribution(name=cited.name, cue="dateline", start=0, end=0))

    return Article(
        id=article_id(url, text),
        text=text,
        paragraphs=spans,
        url=url,
        outlet=Outlet(name=outlet.name, domain=outlet.domain) if outlet else None,
        language=code,
        title=title,
        published=published,
        updated=page.updated,
        authors=page.authors,
        dateline=dateline,
        images=page.images,
        attributions=attributions,
        source={k: v for k, v in {**raw.origin, "format": hints.get("format", "")}.items() if v},
    )
