"""Who said what: direct and indirect quotes, their cue verbs and their speakers.

Direct quotes are found by pairing quote marks (straight and typographic) with the conventions
of Indonesian news: a quote may run over several paragraphs, each opening with a mark and only
the last one closing; a mark left open at the end of a paragraph that does not continue is closed
there, so one stray mark never swallows the rest of the article.

Speakers come from the reporting clause next to the quote (``"…," kata Assad.``,
``Assad mengatakan, "…"``, ``Menurut Assad, …``). A pronoun (ia, dia, beliau, -nya) points back to
the nearest person before it; a phrase like ``pernyataan tersebut`` points back to whoever issued
the statement mentioned just before. The reporting words are data (``data/id/quotes.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from warta.model import Article, Entity, Mention, Quote, Span, replace
from warta.resources import load_toml

if TYPE_CHECKING:
    from warta.settings import Settings

_OPENERS = frozenset('“«‘')
_CLOSERS = frozenset('”»’')
_STRAIGHT = '"'
_PAIRS = {"“": "”", "«": "»", "‘": "’", '"': '"'}
# A single-quote pair is a quotation only when it holds a clause, not a scare-quoted word.
_MIN_SINGLE_QUOTE_WORDS = 4
# A speaker phrase is a noun phrase, but Indonesian titles are long ("Kepala Bidang Humas Polda
# Metro Jaya Komisaris Besar Argo Yuwono" is ten words); past this the pattern caught a clause.
_MAX_SPEAKER_WORDS = 16
# Words that end the speaker phrase and begin a circumstance ("kata Assad di Damaskus").
_SPEAKER_END = re.compile(
    r"\s+(?:di|saat|ketika|kepada|dalam|pada|usai|seusai|selepas|setelah|sebelum|dengan|"
    r"melalui|lewat|seperti|sebagaimana|yang|sambil|sembari|dilansir|kemarin|hari|sore|pagi|"
    r"siang|malam|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b.*$", re.S)


# Connectives that open a sentence before its subject ("Namun Apple mengatakan").
_CONNECTIVES = re.compile(
    r"^(?:namun|tetapi|sementara itu|sementara|selain itu|kemudian|lalu|adapun|bahkan|"
    r"sebelumnya|sedangkan|di sisi lain|dalam kesempatan itu|saat itu)\s*,?\s+", re.I)
# A direct quote this short with no reporting clause is a scare-quoted term, not speech.
_MIN_UNCUED_WORDS = 4
# Adverbs and auxiliaries between a subject and its verb ("Ia juga mengatakan").
_ADVERBS = re.compile(
    r"(?:\s+(?:juga|pun|pula|kembali|lagi|sebelumnya|sendiri|sudah|telah|akan|tidak|"
    r"bahkan|lantas|kemudian|pun))+$", re.I)


@dataclass(frozen=True)
class _Lexicon:
    after: re.Pattern[str]
    before: re.Pattern[str]
    according: re.Pattern[str]
    subject_says: re.Pattern[str]
    pronouns: frozenset[str]
    anaphors: frozenset[str]
    statement: re.Pattern[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def lexicon() -> _Lexicon:
    data = load_toml("id/quotes.toml")
    after = _alternation([*data["suffixed_after_verbs"], *data["after_verbs"]])
    before = _alternation(data["before_verbs"])
    comp = _alternation(data["complementisers"])
    return _Lexicon(
        # Used with match(text, pos), which anchors at pos: no "^" (that means the string start).
        after=re.compile(rf"\s*(?P<verb>(?i:{after}))\b\s*(?P<speaker>[^.;:!?\"“”\n]{{0,160}})"),
        before=re.compile(
            rf"(?P<speaker>[^.,;:!?\"“”\n]{{2,80}}?)\s+(?P<verb>(?i:{before}))"
            rf"(?:\s+(?i:{comp}))?\s*[,:]?\s*$"),
        according=re.compile(
            rf"(?:^|,\s*)(?P<verb>(?i:{_alternation(data['according_to'])}))"
            r"(?:nya\b|\s+(?P<speaker>[^,.;:!?\"“”\n]{2,120}?))\s*(?:,\s*|[.!?]?$)"),
        # The subject may follow an opening adverbial ("Saat dihubungi, Martinus menjelaskan")
        # and carry an appositive title between commas ("Kabid Humas Polda Jabar, Kombes X,").
        subject_says=re.compile(
            rf"(?:^|,\s+)(?P<speaker>[A-Z][^.;:!?\"“”\n]{{1,160}}?),?\s+(?:juga\s+)?"
            rf"(?P<verb>(?i:{before}))(?:\s+(?i:{comp}))?\s*,?\s+(?=\S)"),
        pronouns=frozenset(data["pronouns"]),
        anaphors=frozenset(data["anaphors"]),
        statement=re.compile(
            rf"\b(?i:{_alternation(data['statement_nouns'])})\b.*?,?\s*"
            rf"(?P<issuer>[A-Za-z][\w -]{{1,60}}?)\s+(?P<verb>(?i:{before}|mengklaim))\b",
            re.S),
    )


# --- direct quotes -----------------------------------------------------------------------------


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return before.isspace() or before in "([{—–-:" or i == 0


def _is_closing(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return after.isspace() or after in ".,;:!?)]}—–-"


def direct_spans(text: str, paragraphs: Sequence[Span]) -> list[tuple[int, int]]:
    """(start, end) of each directly quoted passage, quote marks included.

    Never raises and never loses text: an unbalanced mark is closed at the end of its paragraph.
    """
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for index, paragraph in enumerate(paragraphs):
        i = paragraph.start
        if open_at is not None:
            # A quote open at the end of the previous paragraph continues only if this one opens
            # with a mark (the convention for quotes over several paragraphs).
            if text[i:i + 1] in _PAIRS:
                i += 1
            else:
                found.append((open_at, paragraphs[index - 1].end))
                open_at = None
        while i < paragraph.end:
            ch = text[i]
            if open_at is None:
                if (ch in _OPENERS or ch == _STRAIGHT) and _is_opening(text, i):
                    open_at, closer = i, _PAIRS[ch]
            elif ch == closer:
                if ch == _STRAIGHT and _is_opening(text, i) and not _is_closing(text, i):
                    # A mark that can only open: the quote before it was never closed. End that
                    # one here and start the next, rather than pairing across two quotations.
                    found.append((open_at, i))
                    open_at = i
                else:
                    found.append((open_at, i + 1))
                    open_at = None
            i += 1
    if open_at is not None:
        found.append((open_at, paragraphs[-1].end if paragraphs else len(text)))
    return [(s, e) for s, e in found if _worth_keeping(text, s, e)]


def _worth_keeping(text: str, start: int, end: int) -> bool:
    closed = end - start > 1 and text[end - 1] in _CLOSERS | {_STRAIGHT}
    inner = text[start + 1:end - 1] if closed else text[start + 1:end]
    if text[start] == "‘":
        return len(inner.split()) >= _MIN_SINGLE_QUOTE_WORDS
    return bool(inner.strip())


# --- speakers ----------------------------------------------------------------------------------


# Words that open an adverbial before the subject ("Dalam sebuah pernyataan …, tentara Rusia").
_ADVERBIAL = re.compile(
    r"^(?:dalam|pada|saat|ketika|di|usai|seusai|setelah|sebelum|sementara|selain|berdasarkan|"
    r"kepada|untuk|dengan|melalui|namun|sebelumnya|sedangkan|menanggapi|terkait|soal|"
    r"mengenai|atas|dari|bagi|meski|meskipun|walaupun|jika|kalau|karena)\b", re.I)


def _drop_adverbials(phrase: str) -> str:
    """The subject without comma-separated adverbials before it."""
    parts = phrase.split(", ")
    while len(parts) > 1 and _ADVERBIAL.match(parts[0]):
        parts.pop(0)
    return ", ".join(parts)


def _speaker_phrase(raw: str) -> str:
    """The speaker in the words after a cue verb: up to the first comma, unless what follows
    the comma is a name ("kata Kepala BMKG, Daryono"), and before any circumstance."""
    parts = raw.split(",")
    phrase = parts[0]
    for part in parts[1:]:
        words = part.split()
        if words and words[0][:1].isupper() and len(words) <= 4 and not _SPEAKER_END.search(
                " " + part):
            phrase += "," + part
        else:
            break
    phrase = _SPEAKER_END.sub("", phrase).strip(" ,")
    return _ADVERBS.sub("", phrase)


def _mention(text: str, start: int, phrase: str) -> Mention | None:
    phrase = _CONNECTIVES.sub("", phrase)
    if not phrase or len(phrase.split()) > _MAX_SPEAKER_WORDS:
        return None
    at = text.find(phrase, start)
    return Mention(at, at + len(phrase), phrase) if at >= 0 else None


def _speaker_after(text: str, end: int) -> tuple[str, Mention | None] | None:
    """The reporting clause right after a quote: '," kata Assad.'"""
    match = lexicon().after.match(text, end)
    if not match:
        return None
    verb = match["verb"].lower()
    if verb.endswith("nya"):
        at = match.end("verb")
        return verb, Mention(at - 3, at, "-nya")
    return verb, _mention(text, match.start("speaker"), _speaker_phrase(match["speaker"]))


def _speaker_before(text: str, start: int, floor: int) -> tuple[str, Mention | None] | None:
    """The reporting clause right before a quote: 'Assad mengatakan, "'."""
    window = text[floor:start]
    match = lexicon().before.search(window)
    if not match:
        return None
    phrase = match["speaker"].strip()
    # The subject is the tail of the clause: after the last comma or connective.
    phrase = re.split(r",|\b(?:dan|namun|tetapi|sementara|lalu|kemudian)\b", phrase)[-1]
    phrase = _ADVERBS.sub("", phrase.strip())
    return match["verb"].lower(), _mention(text, floor + match.start("speaker"), phrase)


# --- resolution --------------------------------------------------------------------------------


def _entity_at(entities: Sequence[Entity], start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0:
                rank = (0 if entity.type == "PER" else 1 if entity.type == "ORG" else 2)
                if best is None or rank < best[0]:
                    best = (rank, entity.key)
    return best[1] if best else None


def _nearest_person(entities: Sequence[Entity], before: int) -> tuple[Mention, str] | None:
    best: tuple[Mention, str] | None = None
    for entity in entities:
        if entity.type != "PER":
            continue
        for m in entity.mentions:
            if m.end <= before and (best is None or m.end > best[0].end):
                best = (m, entity.key)
    return best


def _statement_issuer(text: str, sentences: Sequence[Span], before: int) -> Mention | None:
    """Who issued the statement an anaphor points back to, from the last three sentences."""
    earlier = [s for s in sentences if s.start < before][-3:]
    for sentence in reversed(earlier):
        chunk = text[sentence.start:min(sentence.end, before)]
        match = lexicon().statement.search(chunk)
        if match:
            issuer = re.split(r",", match["issuer"])[-1].strip()
            return _mention(text, sentence.start + match.start("issuer"), issuer)
    return None


def _resolve(article: Article, speaker: Mention | None, quote_start: int,
             ) -> tuple[Mention | None, str | None]:
    """(antecedent mention, entity key) for a speaker."""
    if speaker is None:
        return None, None
    words = speaker.text.lower()
    lex = lexicon()
    if words in lex.pronouns:
        person = _nearest_person(article.entities, min(speaker.start, quote_start))
        return (person[0], person[1]) if person else (None, None)
    if words in lex.anaphors:
        issuer = _statement_issuer(article.text, article.sentences, speaker.start)
        if issuer is None:
            return None, None
        return issuer, _entity_at(article.entities, issuer.start, issuer.end)
    return None, _entity_at(article.entities, speaker.start, speaker.end)


# --- the stage ---------------------------------------------------------------------------------


def find_quotes(article: Article) -> list[Quote]:
    text = article.text
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
    for start, end in direct_spans(text, article.paragraphs):
        covered.append((start, end))
        inner_start = start + 1
        inner_end = end - 1 if text[end - 1] in _CLOSERS | {_STRAIGHT} and end - start > 1 else end
        content = text[inner_start:inner_end].rstrip(" ,")
        inner_start += len(content) - len(content.lstrip())
        content = content.lstrip()
        paragraph_start = max((p.start for p in article.paragraphs if p.start <= start),
                              default=0)
        cue = _speaker_after(text, end) or _speaker_before(text, start, paragraph_start)
        verb, speaker = cue if cue else (None, None)
        if verb is None and len(content.split()) < _MIN_UNCUED_WORDS:
            continue
        antecedent, entity = _resolve(article, speaker, start)
        quotes.append(Quote(kind="direct", text=content, start=inner_start,
                            end=inner_start + len(content), cue=verb, speaker=speaker,
                            speaker_entity=entity, antecedent=antecedent))
    quotes.extend(_indirect(article, covered))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _indirect(article: Article, covered: list[tuple[int, int]]) -> list[Quote]:
    text, lex = article.text, lexicon()
    found = []
    for sentence in article.sentences:
        if any(s < sentence.end and sentence.start < e for s, e in covered):
            continue
        chunk = text[sentence.start:sentence.end]
        body_end = sentence.start + len(chunk.rstrip(" .!?"))
        verb: str | None = None
        speaker: Mention | None = None
        content_start = content_end = -1
        if match := lex.according.search(chunk):
            verb = match["verb"].lower()
            at = sentence.start + match.start("verb")
            if match["speaker"] is None:  # "Menurutnya, …"
                speaker = Mention(at + len(verb), at + len(verb) + 3, "-nya")
            else:
                speaker = _mention(text, sentence.start + match.start("speaker"),
                                   match["speaker"].strip())
            if match.start() == 0:  # "Menurut X, what was said."
                content_start, content_end = sentence.start + match.end(), body_end
            else:  # "What was said, menurut X." or "What, menurut X, was said."
                content_start, content_end = sentence.start, body_end
        elif (match := lex.subject_says.search(chunk)) and len(
                match["speaker"].split()) <= _MAX_SPEAKER_WORDS:
            verb = match["verb"].lower()
            speaker = _mention(text, sentence.start + match.start("speaker"),
                               _drop_adverbials(_ADVERBS.sub("", match["speaker"].strip(" ,"))))
            content_start, content_end = sentence.start + match.end(), body_end
        else:
            for comma in re.finditer(r",\s*(?=\S)", chunk):
                after = _speaker_after(text, sentence.start + comma.end())
                if after is None:
                    continue
                verb, speaker = after
                rest = chunk[comma.end():].split(",", 2)
                if len(rest) > 2 or (len(rest) == 2 and rest[1].strip(" .")):
                    # "Hasil sketsa itu, kata Argo, nantinya akan …": the cue sits inside.
                    content_start, content_end = sentence.start, body_end
                else:
                    content_start, content_end = sentence.start, sentence.start + comma.start()
                break
        if speaker is None or content_end - content_start < 10:
            continue
        antecedent, entity = _resolve(article, speaker, content_start)
        content = text[content_start:content_end]
        found.append(Quote(kind="indirect", text=content, start=content_start, end=content_end,
                           cue=verb, speaker=speaker, speaker_entity=entity,
                           antecedent=antecedent))
    return found


def build(settings: Settings | None = None) -> Any:
    def quotes(article: Article) -> Article:
        return replace(article, quotes=find_quotes(article))

    return quotes
