"""Who said what: direct and indirect quotes, their cue verbs and their speakers.

Direct quotes are found by pairing quote marks (straight and typographic) with the conventions
of Indonesian news: a quote may run over several paragraphs, each opening with a mark and only
the last one closing; a mark left open at the end of a paragraph that does not continue is closed
there, so one stray mark never swallows the rest of the article.

Speakers come from the reporting clause next to the quote (``"…," kata Assad.``,
``Assad mengatakan, "…"``, ``Menurut Assad, …``); who a pronoun (ia, dia, beliau, -nya) or a
phrase like ``pernyataan tersebut`` stands for is worked out in ``warta.nlp.speakers``. The
reporting words and the words around them (adverbials, connectives, prepositions) are data
(``data/id/quotes.toml``, compiled in ``warta.nlp.quote_lexicon``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from warta.model import Article, Mention, Quote, Span, replace
from warta.nlp.quote_lexicon import grammar, lexicon
from warta.nlp.speakers import MAX_SPEAKER_WORDS, Found, mention, nearest_person, resolve_speaker
from warta.nlp.titles import tokens, vocabulary

if TYPE_CHECKING:
    from warta.settings import Settings

_OPENERS = frozenset('“«‘')
_CLOSERS = frozenset('”»’')
_STRAIGHT = '"'
_PAIRS = {"“": "”", "«": "»", "‘": "’", '"': '"'}
# Marks that only ever open, even without a space before them ('… amukan massa.“Beruntung, …').
_ALWAYS_OPENING = frozenset("“«")
# A single-quote pair is a quotation only when it holds a clause, not a scare-quoted word.
_MIN_SINGLE_QUOTE_WORDS = 4


# A source named after the content ("…, menurut kementerian pertahanan Swiss.") is a short noun
# phrase; six words cover the sample of IndoSum articles read for this.
_MAX_SOURCE_WORDS = 6
# A direct quote this short with no reporting clause is a scare-quoted term, not speech.
_MIN_UNCUED_WORDS = 4


# --- direct quotes -----------------------------------------------------------------------------


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return before.isspace() or before in "([{—–-:" or i == 0


def _is_closing(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return after.isspace() or after in ".,;:!?)]}—–-" or _glued_cue(text, i)


def _glued_cue(text: str, i: int) -> bool:
    """A straight mark set off from the quotation's last word and written onto its reporting
    verb ('… 25 personel, "kata Kapolsek …'): it closes the quotation."""
    return (text[i] == _STRAIGHT and i >= 2 and text[i - 1] == " " and text[i - 2] in ",.!?"
            and lexicon().after.match(text, i + 1) is not None)


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
                if (ch in _OPENERS or ch == _STRAIGHT) and (
                        _is_opening(text, i) or ch in _ALWAYS_OPENING):
                    open_at, closer = i, _PAIRS[ch]
                elif ch == "”" and i == paragraph.start:
                    # A closing mark typed for an opening one: nothing is open at the start of
                    # a paragraph ('” Ada informasi korban menolak …, ” ujarnya.').
                    open_at, closer = i, "”"
            elif ch == closer or _mixed_close(text, i, closer):
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


def _mixed_close(text: str, i: int, closer: str) -> bool:
    """Outlets mix straight and curly marks on one quotation ('"Tersangka …, ” ujar X'): a
    curly closer ends a straight opening, and a straight mark that can only close ends a curly
    one."""
    ch = text[i]
    if closer == _STRAIGHT:
        return ch == "”" and _is_closing(text, i)
    return closer == "”" and ch == _STRAIGHT and _is_closing(text, i) and (
        not _is_opening(text, i) or _glued_cue(text, i))


def _worth_keeping(text: str, start: int, end: int) -> bool:
    closed = end - start > 1 and text[end - 1] in _CLOSERS | {_STRAIGHT}
    inner = text[start + 1:end - 1] if closed else text[start + 1:end]
    if text[start] == "‘":
        return len(inner.split()) >= _MIN_SINGLE_QUOTE_WORDS
    return bool(inner.strip())


# --- speakers ----------------------------------------------------------------------------------


def _drop_adverbials(phrase: str) -> str:
    """The subject without comma-separated adverbials before it."""
    parts = phrase.split(", ")
    adverbial, day = grammar().adverbial, grammar().day
    while len(parts) > 1 and (adverbial.match(parts[0]) or day.match(parts[0])):
        parts.pop(0)
    return ", ".join(parts)


_RANKS = frozenset({"ranks"})


def _speaker_phrase(raw: str) -> str:
    """The speaker in the words after a cue verb: up to the first comma, unless what follows
    the comma is a name ("kata Kepala BMKG, Daryono"; with a rank, "…, Kombes Pol John Turman
    Panjaitan"), and before any circumstance."""
    parts = raw.split(",")
    phrase = parts[0]
    for part in parts[1:]:
        # The name may come before a circumstance: "kata Menteri Hukum dan HAM, Yasonna Laoly
        # setelah membuka pertemuan …".
        name = grammar().speaker_end.sub("", part)
        words = name.split()
        found = tokens(name)
        rank = vocabulary().match(found, 0, _RANKS)[0] if found else 0
        if words and words[0][:1].isupper() and len(words) <= 4 + rank:
            phrase += "," + name
            if name != part:
                break
        else:
            break
    phrase = grammar().speaker_end.sub("", phrase).strip(" ,")
    return grammar().adverbs.sub("", phrase)


def _speaker_after(text: str, end: int) -> tuple[str, Mention | None] | None:
    """The reporting clause right after a quote: '," kata Assad.'"""
    match = lexicon().after.match(text, end)
    if not match:
        return None
    verb = match["verb"].lower()
    if verb in lexicon().suffixed:  # "katanya", but "tanya Soesilo" (asked Soesilo)
        at = match.end("verb")
        return verb, Mention(at - 3, at, "-nya")
    return verb, mention(text, match.start("speaker"), _speaker_phrase(match["speaker"]))


# The rest of a sentence the quotation began, before its reporting clause: '"… tanpa adanya
# koordinasi" antara otoritas negara, kata Pangeran Salman'.
_TAIL = re.compile(r"[ \t]+(?:[^\s\"“”.,;:!?]+[ \t]+){0,5}[^\s\"“”.,;:!?]+,")


def _speaker_after_tail(text: str, end: int) -> tuple[str, Mention | None] | None:
    tail = _TAIL.match(text, end)
    return _speaker_after(text, tail.end()) if tail else None


def _speaker_before(text: str, start: int, floor: int) -> tuple[str, Mention | None] | None:
    """The reporting clause right before a quote: 'Assad mengatakan, "'."""
    window = text[floor:start]
    match = lexicon().before.search(window)
    if not match:
        return None
    phrase = match["speaker"].strip()
    # The subject is the tail of the clause: after the last comma or connective, unless that
    # tail is a circumstance ("Laurent Lamothe, melalui akun Twitternya mengatakan").
    parts = grammar().connective.split(phrase)
    while len(parts) > 1 and grammar().adverbial.match(parts[-1].strip()):
        parts.pop()
    if not _reports_a_clause(window, match):
        return None
    phrase = parts[-1]
    at = floor + match.start("speaker")
    if grammar().adverbial.match(phrase.strip()):
        # The speaker pattern stops at commas: look at the phrase before this one.
        prior = window[:match.start("speaker")].rstrip()
        if prior.endswith(","):
            subject = re.split(r"[.,;:!?\"“”\n]", prior[:-1])[-1].strip()
            if any(word[:1].isupper() for word in subject.split()):
                phrase, at = subject, floor + prior.rfind(subject)
    phrase = grammar().adverbs.sub("", phrase.strip())
    return match["verb"].lower(), mention(text, at, phrase)


# --- the stage ---------------------------------------------------------------------------------


def find_quotes(article: Article) -> list[Quote]:
    text = article.text
    found: list[Found] = []
    covered: list[tuple[int, int]] = []
    for start, end in direct_spans(text, article.paragraphs):
        inner_start = start + 1
        inner_end = end - 1 if text[end - 1] in _CLOSERS | {_STRAIGHT} and end - start > 1 else end
        content = text[inner_start:inner_end].rstrip(" ,")
        inner_start += len(content) - len(content.lstrip())
        content = content.lstrip()
        paragraph_start = max((p.start for p in article.paragraphs if p.start <= start),
                              default=0)
        cue = (_speaker_after(text, end) or _speaker_before(text, start, paragraph_start)
               or _speaker_after_tail(text, end))
        if cue is None and len(content.split()) >= _MIN_UNCUED_WORDS:
            # A fragment worth keeping on its own (a scare-quoted term is not) in a report.
            cue = _fragment_of_report(article, start)
        if cue is None and len(content.split()) < _MIN_UNCUED_WORDS:
            cue = _fragment_of_act(article, start)  # 'X mengecam "serangan sistematis"'
        verb, speaker = cue if cue else (None, None)
        if verb is None and len(content.split()) < _MIN_UNCUED_WORDS:
            continue  # a scare-quoted term: its sentence may still report speech indirectly
        covered.append((start, end))
        found.append(Found("direct", inner_start, inner_start + len(content), verb, speaker))
    found.extend(_run_on(article, _indirect(article, covered), covered))
    found.sort(key=lambda f: f.start)
    found = _said_before(article, found)
    quoted = [(f.start, f.end) for f in found]
    quotes: list[Quote] = []
    for f in found:
        antecedent, entity = resolve_speaker(article, f, quotes, quoted)
        quotes.append(Quote(kind=f.kind, text=text[f.start:f.end],  # type: ignore[arg-type]
                            start=f.start, end=f.end, cue=f.verb, speaker=f.speaker,
                            speaker_entity=entity, antecedent=antecedent))
    return quotes


def _run_on(article: Article, found: list[Found], covered: list[tuple[int, int]]
            ) -> list[Found]:
    """Indirect quotes carried on over the sentences after them, in their paragraph, that open
    with a connective and report nothing of their own ("Menurut Alex, KPK tak dapat mengusut
    kasus ini. Sebab kewenangan KPK hanya …"): what follows the connective is still the
    speaker's (eval/GUIDELINE.md, the run-on of v1.14)."""
    text, run_on = article.text, grammar().run_on
    starts = {f.start for f in found} | {s for s, _ in covered}
    out = []
    for f in found:
        end = f.end
        index = next((i for i, s in enumerate(article.sentences) if s.start <= f.end - 1 < s.end),
                     None)
        while index is not None and index + 1 < len(article.sentences):
            this, after = article.sentences[index], article.sentences[index + 1]
            gap = text[this.end:after.start]
            if ("\n" in gap or not run_on.match(text, after.start)
                    or any(after.start <= s < after.end for s in starts)
                    or any(s < after.end and after.start < e for s, e in covered)):
                break
            end = after.start + len(text[after.start:after.end].rstrip(" .!?"))
            index += 1
        out.append(Found(f.kind, f.start, end, f.verb, f.speaker) if end != f.end else f)
    return out


def _fragment_of_report(article: Article, start: int) -> tuple[str, Mention | None] | None:
    """The report a quoted fragment is part of, when its sentence opens with one: in
    'Guterres mengatakan bahwa ini saatnya untuk "meredakan retorika …"' Guterres says the
    quoted words, with the cue of the report."""
    before = _sentence_before(article, start)
    if before is None:
        return None
    at, chunk = before
    said = _subject_says(chunk)
    if said is None:
        return None
    base, match = said
    verb, speaker, _ = _said(article, at + base, chunk[base:], match)
    return verb, speaker


def _sentence_before(article: Article, start: int) -> tuple[int, str] | None:
    """Where the sentence holding ``start`` begins and its text up to ``start``, or None when
    ``start`` opens it."""
    sentence = _sentence_holding(article, start)
    if sentence is None or sentence.start >= start:
        return None
    return sentence.start, article.text[sentence.start:start]


def _fragment_of_act(article: Article, start: int) -> tuple[str, Mention | None] | None:
    """The speaker and cue of a short quoted fragment that is the object of a verb of judging
    or naming ('Zeid mengecam "serangan sistematis"'), else None: a scare quote."""
    before = _sentence_before(article, start)
    if before is None:
        return None
    at, chunk = before
    match = lexicon().fragment_says.search(chunk)
    if match is None or len(_subject_of(match["speaker"]).split()) > MAX_SPEAKER_WORDS or (
            _in_relative_clause(match["speaker"])):
        return None
    if (said := _subject_says(chunk)) is not None and (
            said[0] + said[1].start("verb") < match.start("verb")):
        return None  # "Para senator membenarkan bahwa Trump menyebut …": the senators' report
    verb, speaker, _ = _said(article, at, chunk, match)
    return (verb, speaker) if speaker is not None else None


def _indirect(article: Article, covered: list[tuple[int, int]]) -> list[Found]:
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
        if (match := lex.outlet.match(chunk)) and (
                inner := _subject_says(chunk[match.end():])) and inner[1].start("speaker") == 0:
            # "Mengutip data NPD, Microsoft mengungkapkan bahwa …": the content is the
            # subject's own report.
            base, said_match = inner
            verb, speaker, content_start = _said(article, sentence.start + match.end() + base,
                                                 chunk[match.end() + base:], said_match)
            content_end = body_end
        elif match:
            verb = match["verb"].lower()
            speaker = mention(text, sentence.start + match.start("speaker"), match["speaker"])
            content_start, content_end = sentence.start + match.end(), body_end
        elif match := lex.agentless.match(chunk):  # "Dikatakan, …": resolved to the last source
            verb = match["verb"].lower()
            content_start, content_end = sentence.start + match.end(), body_end
        elif match := lex.according.search(chunk):
            verb = match["verb"].lower()
            at = sentence.start + match.start("verb")
            if match["speaker"] is None:  # "Menurutnya, …"
                speaker = Mention(at + len(verb), at + len(verb) + 3, "-nya")
            else:
                speaker = mention(text, sentence.start + match.start("speaker"),
                                   match["speaker"].strip())
            if match.start() == 0 or match["conj"]:  # "(…, dan) Menurut X, what was said."
                content_start, content_end = sentence.start + match.end(), body_end
            elif match["speaker"] is None and _subject_says(chunk[:match.start()]):
                # "Fahmi pun mengakui bila …, menurutnya dirinyalah …": a report before the
                # cue, whose subject "-nya" is; what was said follows the cue.
                content_start, content_end = sentence.start + match.end(), body_end
            elif sentence.start + match.end() >= body_end and len(
                    (match["speaker"] or "").split()) <= _MAX_SOURCE_WORDS:
                # "What was said, menurut X." (a long tail is more likely the rest of the
                # content: "…, menurut Ferry dilakukan berdasarkan pada Pasal 44 …")
                content_start, content_end = sentence.start, sentence.start + match.start()
            else:  # "What, menurut X, was said."
                content_start, content_end = sentence.start, body_end
        elif said := _subject_says(chunk):
            base, match = said
            verb, speaker, content_start = _said(article, sentence.start + base, chunk[base:],
                                                 match)
            content_end = body_end
        elif inline := _according_inline(article, sentence.start, chunk):
            verb, speaker = inline
            content_start, content_end = sentence.start, body_end
        elif inset := _cue_after_comma(text, sentence.start, chunk):
            verb, speaker, content_start, content_end = inset
            content_end = body_end if content_end < 0 else content_end
        if (speaker is None and verb not in lex.agentless_verbs) or (
                content_end - content_start < 10):
            continue
        found.append(Found("indirect", content_start, content_end, verb, speaker))
    return found


# The rest of the clause after an inline source: a word in lower case.
_CLAUSE_GOES_ON = re.compile(r"\s+[a-z]")


def _according_inline(article: Article, at: int, chunk: str) -> tuple[str, Mention] | None:
    """(verb, speaker) of "according to" inside a clause with no comma ("Sekolah menurut Jokowi
    memegang peranan penting"; "Hal itu menurutnya …"), where the source is "-nya", a pronoun,
    or a person or organisation the entity stage found, and the clause goes on after it."""
    text = article.text
    for match in lexicon().according_inline.finditer(chunk):
        end = at + match.end()
        if match["nya"]:
            if _CLAUSE_GOES_ON.match(text, end):
                return match["verb"].lower(), Mention(end - 3, end, "-nya")
            continue
        word = re.match(r"\s+(\w+)", text[end:end + 40])
        if word and word[1].lower() in lexicon().pronouns and _CLAUSE_GOES_ON.match(
                text, end + word.end()):
            return match["verb"].lower(), Mention(end + word.start(1), end + word.end(1), word[1])
        for entity in article.entities:
            if entity.type not in ("PER", "ORG"):
                continue
            for m in entity.mentions:
                if (m.start > end and not text[end:m.start].strip()
                        and _CLAUSE_GOES_ON.match(text, m.end)):
                    return match["verb"].lower(), Mention(m.start, m.end, m.text)
    return None


def _said(article: Article, at: int, chunk: str, match: re.Match[str],
          ) -> tuple[str, Mention | None, int]:
    """(verb, speaker, content start) of a subject-verb report matched on chunk, which starts
    at offset at of the text."""
    text = article.text
    if grammar().cleft.match(match["speaker"]):
        return match["verb"].lower(), None, at + match.end()
    speaker = _named_head(article, mention(text, at + match.start("speaker"),
                                           _subject_of(match["speaker"])))
    named = _name_before_verb(article, at + match.start("speaker"), at + match.start("verb"))
    if named is not None and (speaker is None or not (
            speaker.start < named.end and named.start < speaker.end)) and not (
            speaker is not None and speaker.end <= named.start
            and f" {grammar().relative} " in text[speaker.end:named.start]):
        # "Sebelumnya dalam persidangan kemarin Djafar mengaku": the name right before the
        # verb is its subject, whatever circumstances open the sentence; but not a name in a
        # relative clause after the subject ("Fadli Zon yang juga menjabat Wakil Ketua Umum
        # Partai Gerindra menyatakan").
        speaker = named
    if (through := grammar().through.search(text, at + match.start("speaker"),
                                            at + match.start("verb"))) is not None and (
            spokesman := nearest_person(article.entities, at + match.start("verb"))
    ) and spokesman[0].start >= through.end():
        speaker = spokesman[0]  # "Kapolres X melalui Kapolsek Y mengatakan": Y speaks
    if speaker is not None and _only_circumstance(speaker.text):
        # "Ratu Maxima yang diterima Presiden … di Istana Merdeka, Selasa, mengatakan": the
        # words before the verb are a circumstance; the subject opens the sentence.
        speaker = (_opening_name(article, at + match.start("verb"))
                   or _opening_phrase(article, at + match.start("verb")) or speaker)
    content_start = at + match.end()
    if (told := _told(chunk, match)) is not None:
        content_start = at + told  # "memberitahu X bahwa …": after bahwa
    if (asked := lexicon().request_content.match(text, content_start)) is not None:
        content_start = asked.end()  # "meminta agar …": what was asked follows
    return match["verb"].lower(), speaker, content_start


def _name_before_verb(article: Article, start: int, verb: int) -> Mention | None:
    """A person or organisation named between ``start`` and a verb, ending right before it
    (adverbs such as "juga" or "sebelumnya" allowed between), unless it keeps someone company:
    in "Kapolres didampingi Kasat Reskrim Harmianto menjelaskan" the Kapolres speaks."""
    text, g = article.text, grammar()
    for entity in article.entities:
        if entity.type not in ("PER", "ORG"):
            continue
        for m in entity.mentions:
            if start <= m.start and m.end <= verb and (
                    not text[m.end:verb].strip()
                    or g.adverbs.fullmatch(text[m.end:verb].rstrip())) and (
                    g.companion.search(text, start, m.start) is None):
                return Mention(m.start, m.end, m.text)
    return None


# A date in brackets after a weekday: "Jumat (30/6)".
_BRACKETED_DATE = re.compile(r"\s*\([^()]{1,20}\)$")


def _only_circumstance(phrase: str) -> bool:
    """A weekday or an adverbial alone ("Selasa", "Jumat (30/6)", "Sebelumnya", "Lantaran …"):
    no subject."""
    words = _BRACKETED_DATE.sub("", phrase).split()
    return bool(words) and ((len(words) == 1 and grammar().day.match(words[0]) is not None)
                            or grammar().adverbial.match(phrase) is not None)


def _sentence_holding(article: Article, offset: int) -> Span | None:
    return next((s for s in article.sentences if s.start <= offset < s.end), None)


def _opening_name(article: Article, before: int) -> Mention | None:
    """A person or organisation named at the start of the sentence holding ``before``, after
    at most a title of capitalised words ("Ratu Maxima")."""
    sentence = _sentence_holding(article, before)
    if sentence is None:
        return None
    for entity in article.entities:
        if entity.type not in ("PER", "ORG"):
            continue
        for m in entity.mentions:
            lead = article.text[sentence.start:m.start].split()
            if sentence.start <= m.start < before and len(lead) <= 3 and all(
                    word[:1].isupper() for word in lead):
                return Mention(m.start, m.end, m.text)
    return None


# Longer openings before a comma are clauses more often than subjects (read off dev articles).
_MAX_OPENING_WORDS = 8


def _opening_phrase(article: Article, before: int) -> Mention | None:
    """The words opening the sentence up to its first comma, when they can be a subject: a
    short phrase that is no circumstance itself ("Aparat penegak hukum setempat, seperti
    dilansir CNN.com, Jumat (30/6) menyebutkan")."""
    sentence = _sentence_holding(article, before)
    if sentence is None:
        return None
    comma = article.text.find(",", sentence.start, before)
    phrase = article.text[sentence.start:comma].strip() if comma > 0 else ""
    if not phrase or len(phrase.split()) > _MAX_OPENING_WORDS or _only_circumstance(phrase):
        return None
    return mention(article.text, sentence.start, phrase)


def _cue_after_comma(text: str, at: int, chunk: str,
                     ) -> tuple[str, Mention | None, int, int] | None:
    """'What was said, kata X.' or the cue set inside the content ('Hasil sketsa itu, kata
    Argo, nantinya akan …'), as (verb, speaker, content start, content end or -1 for the end of
    the sentence)."""
    for comma in re.finditer(r",\s*(?=\S)", chunk):
        after = _speaker_after(text, at + comma.end())
        if after is None:
            continue
        verb, speaker = after
        rest = chunk[comma.end():].split(",", 2)
        if speaker is not None and (cut := _clause_inside(speaker.text)):
            # "Sementara istri korban NL, kata Bayu belum bisa dimintai keterangan": the
            # content goes on after the name, without a second comma.
            return verb, Mention(speaker.start, speaker.start + cut, speaker.text[:cut]), at, -1
        if len(rest) > 2 or (len(rest) == 2 and rest[1].strip(" .")):
            return verb, speaker, at, -1
        return verb, speaker, at, at + comma.start()
    return None


def _clause_inside(phrase: str) -> int:
    """Where the content resumes inside a speaker phrase ("Bayu belum bisa …"): at an
    auxiliary after the name; 0 if there is none."""
    openers = lexicon().clause_openers
    for word in re.finditer(r"\S+", phrase):
        if word.start() > 0 and word[0].lower() in openers:
            return len(phrase[:word.start()].rstrip())
    return 0


def _subject_says(chunk: str) -> tuple[int, re.Match[str]] | None:
    """A sentence's subject and reporting verb, as (offset into chunk, match on chunk[offset:]).
    A report passed on ("Laman berita Iraqi News melaporkan, para aktivis di Raqqa
    menyebutkan …") gives the innermost speaker: the content is in their words."""
    lex = lexicon()
    said = None
    base, rest = 0, chunk
    while (match := lex.subject_says.search(rest) if said is None else
           lex.inner_says.match(rest)) is not None and len(
            _subject_of(match["speaker"]).split()) <= MAX_SPEAKER_WORDS and not (
            _is_appeal(rest, match)) and _reports_a_clause(rest, match) and not (
            _in_relative_clause(match["speaker"])) and not (
            grammar().purpose.search(match["speaker"])):
        said = (base, match)
        if match["verb"].lower() not in lex.relay_verbs or not re.match(
                r"\s*,", rest[match.end("verb"):]):
            # "X mengatakan, Y meyakini …" is X's claim about Y's belief; only an outlet's
            # report ("X melaporkan, Y menyebutkan …") passes on Y's own words.
            break
        base += match.end()
        rest = chunk[base:]
    return said


def _in_relative_clause(phrase: str) -> bool:
    """'… ritual dukun yang mengaku …': the verb belongs to a relative clause, unless a verb
    of existence introduced the report ('muncul sebuah kabar … yang menyebutkan') or the
    relative clause has no head noun ('Banyak yang menilai …', 'ada yang menyebut …')."""
    phrase = phrase.strip()
    headless = len(phrase.split(",")[-1].split()) <= 3
    return (phrase.endswith(f" {grammar().relative}") and not headless
            and not lexicon().existential.match(phrase))


def _said_before(article: Article, found: list[Found]) -> list[Found]:
    """A sentence naming who said the one before it ("Hal ini dikonfirmasi oleh wakil ketua
    KPK, Saut Situmorang.") makes that sentence a quote by them, or gives its speaker to a
    quotation there that had none."""
    text, lex = article.text, lexicon()
    for previous, sentence in zip(article.sentences, article.sentences[1:], strict=False):
        match = lex.said_before.match(text, sentence.start, sentence.end)
        speaker = match and mention(text, match.start("speaker"),
                                     _speaker_phrase(match["speaker"]))
        if not match or speaker is None:
            continue
        there = [i for i, f in enumerate(found)
                 if f.start < previous.end and previous.start < f.end]
        verb = match["verb"].lower()
        if not there:
            body = text[previous.start:previous.end].rstrip(" .!?")
            if len(body) >= 10:
                found.append(Found("indirect", previous.start, previous.start + len(body),
                                    verb, speaker))
        elif len(there) == 1 and found[there[0]].speaker is None:
            found[there[0]] = dataclasses.replace(found[there[0]], verb=verb, speaker=speaker)
    return sorted(found, key=lambda f: f.start)


def _is_appeal(chunk: str, match: re.Match[str]) -> bool:
    """'X meminta masyarakat melaporkan …': an appeal to someone (an event), not a report of
    what was asked, which needs "agar/supaya/bahwa" ('X meminta agar …')."""
    lex = lexicon()
    return match["verb"].lower() in lex.request_verbs and not lex.request_content.match(
        chunk[match.end("verb"):].lstrip(" ,")) and _asked_whom(chunk, match.end("verb")) is None


def _asked_whom(chunk: str, at: int) -> int | None:
    """Where what was asked starts after a short addressee with no verb and "agar/supaya":
    'mendesak Beijing agar …' (a quote; 'meminta Turki menghentikan …' is an appeal)."""
    asked = _ASKED_WHOM.match(chunk, at)
    if asked is None or grammar().verb.search(asked["whom"]):
        return None
    return asked.end()


_ASKED_WHOM = re.compile(r"\s+(?P<whom>(?:[^\s,.;:!?\"“”]+\s+){1,5}?)(?:agar|supaya)\s+(?=\S)",
                         re.I)


def _reports_a_clause(chunk: str, match: re.Match[str]) -> bool:
    """A clause verb ("mengumumkan", "melaporkan") reports speech only before a clause: after a
    comma or colon, "bahwa/agar", or an auxiliary ("mengumumkan akan memangkas …"); before a
    noun phrase it names an act ("melaporkan kejadian itu ke polisi"). An addressee may come
    first ("memberitahu Netanyahu bahwa …")."""
    lex = lexicon()
    verb = match["verb"].lower()
    if verb not in lex.clause_verbs:
        return True
    return bool(lex.clause_follows.match(chunk, match.end("verb"))) or (
        _told(chunk, match) is not None)


def _told(chunk: str, match: re.Match[str]) -> int | None:
    """Where what was said starts, past an addressee or a venue: after a verb of telling, after
    "kepada X" with any reporting verb ("mengatakan kepada wartawan bahwa …"), after a short
    addressee and "agar" with a request verb ("mendesak Beijing agar …"), or after a few words
    and "bahwa" ("mengumumkan di situs resminya bahwa …")."""
    at = match.end("verb")
    if match["verb"].lower() in lexicon().request_verbs and (
            asked := _asked_whom(chunk, at)) is not None:
        return asked  # "mendesak Beijing agar …": after agar
    if match["verb"].lower() not in lexicon().addressed_verbs and not (
            grammar().to_addressee.match(chunk[at:])):
        # Where or how it was said, then "bahwa": "mengumumkan di situs resminya bahwa …".
        where = _SAID_WHERE.match(chunk, at)
        return where.end() if where else None
    # The person told, then what they were told: "kepada wartawan bahwa …", "Netanyahu bahwa …".
    told = grammar().addressee.match(chunk, at)
    return told.end() if told else None


# A few words with no punctuation between a reporting verb and "bahwa" (the venue or medium):
# "menuding FBI melalui sebuah unggahan di media sosial bahwa …".
_SAID_WHERE = re.compile(r"\s+(?:[^\s,.;:!?\"“”]+\s+){1,8}?bahwa\s+(?=\S)", re.I)


# A clause that ends in a verb before a comma reports who said it ("Laman berita Iraqi News
# melaporkan, para aktivis di Raqqa menyebutkan …"): the speaker is the subject after it.
_REPORTING_CLAUSE = re.compile(r"^.*\b(?:me|ber)[a-z]{3,},\s+", re.S)


def _named_head(article: Article, speaker: Mention | None) -> Mention | None:
    """A person's name before a relative clause ("Jolie yang saat itu bertugas sebagai utusan
    khusus PBB untuk pengungsi (UNHCR)") is the speaker. Only a name the entity stage found as
    a person ending right there: "Sejarah yang …", "Sistem AF yang …" are descriptions."""
    if speaker is None or (cut := speaker.text.find(f" {grammar().relative} ")) <= 0:
        return speaker
    end = speaker.start + cut
    if any(m.end == end for e in article.entities if e.type == "PER" for m in e.mentions):
        return Mention(speaker.start, end, speaker.text[:cut])
    return speaker


# A dateline before the lead's subject: "PBB, New York (ANTARA News) - Utusan Inggris".
_DATELINE = re.compile(r"^[^()]{0,80}\([^()]{2,40}\)\s*[-–—]+\s*")


def _subject_of(raw: str) -> str:
    phrase = _DATELINE.sub("", raw.strip(" ,"))
    if existential := lexicon().existential.match(phrase):
        return existential["report"]
    phrase = _drop_adverbials(grammar().adverbs.sub("", phrase))
    # The subject starts after a subordinate clause ("Novanto ditahan setelah Tim Dokter RSCM
    # menyatakan") and ends before a source line ("Kepolisian Washington sebagaimana dikutip
    # Reuters, Senin, menyebut").
    subordinate = grammar().subordinate.match(phrase)
    if subordinate and f" {grammar().relative} " not in phrase[:subordinate.end()]:
        phrase = phrase[subordinate.end():]
    # else the conjunction is inside a relative clause ("Jolie yang saat itu bertugas …"),
    # whose head _named_head keeps.
    phrase = grammar().source_line.sub("", phrase)
    phrase = _REPORTING_CLAUSE.sub("", phrase)
    # Circumstances between the subject and its verb ("Robert Wood, dalam Konferensi … di
    # Jenewa, Selasa (22/8), mengatakan"): the subject is the part before them.
    parts = phrase.split(", ")
    if len(parts) > 1 and parts[-1].strip().lower() in lexicon().pronouns:
        return parts[-1].strip()  # "Di Medan, Sabtu, dia mengatakan": the pronoun is the subject
    adverbial, day = grammar().adverbial, grammar().day
    while len(parts) > 1 and (adverbial.match(parts[-1]) or day.match(parts[-1])):
        parts.pop()
    # An opening circumstance before the subject ("Seraya menyeru untuk pembebasan Tamimi,
    # Amnesty mengatakan"): the subject is after it.
    while len(parts) > 1 and adverbial.match(parts[0]):
        parts.pop(0)
    parts[-1] = grammar().circumstance.sub("", parts[-1])
    return ", ".join(parts).strip(" ,")


def build(settings: Settings | None = None) -> Any:
    def quotes(article: Article) -> Article:
        return replace(article, quotes=find_quotes(article))

    return quotes
