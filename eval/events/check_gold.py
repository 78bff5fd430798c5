"""Validate eval/events/gold.jsonl against the IndoSum source it was annotated on.

    python eval/events/check_gold.py --indosum DIR [--gold eval/events/gold.jsonl]

Checks, for every article:
  * the IndoSum record exists, the clean text warta builds from it (stages=['sentences'] only:
    sentence splitting, no events or quotes) has the sha1 stored in `text_sha1`;
  * required fields and value domains (split, factuality, quote kind, CAMEO code, root,
    actor-code shape, TIMEX-like dates, counts);
  * every trigger offset slices exactly the trigger word, every quote span is non-empty,
    inside the text, and (if `text` is stored) equals it; a stale `sentence_index` (the splitter
    changed since annotation) is reported as a note, since the scorer places triggers by offset;
  * non-empty actor, place and speaker strings are written in the text (except the clitic "-nya");
and for the file: no duplicate ids, >= 50 dev articles, >= 60 test articles with >= 150 events and
>= 100 quotes. Prints counts per split, per CAMEO root, per quote kind and per outlet.
Exit status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import glob
import hashlib
import json
import os
import re
import sys
from pathlib import Path

# CAMEO (Schrodt 2012, v1.1b3) codes at the 2- and 3-digit level; the gold uses 3-digit codes
# (a root-level event is written XX0). Labels are the codebook's own short names.
CAMEO = {
    "010": "Make statement",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "022": "Appeal for diplomatic cooperation",
    "023": "Appeal for aid",
    "024": "Appeal for political reform",
    "025": "Appeal to yield",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to engage in or accept mediation",
    "030": "Express intent to cooperate",
    "031": "Express intent to engage in material cooperation",
    "032": "Express intent to engage in diplomatic cooperation",
    "033": "Express intent to provide material aid",
    "034": "Express intent to institute political reform",
    "035": "Express intent to yield",
    "036": "Express intent to meet or negotiate",
    "037": "Express intent to settle dispute",
    "038": "Express intent to accept mediation",
    "039": "Express intent to mediate",
    "040": "Consult",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet at a third location",
    "045": "Mediate",
    "046": "Engage in negotiation",
    "050": "Engage in diplomatic cooperation",
    "051": "Praise or endorse",
    "052": "Defend verbally",
    "053": "Rally support on behalf of",
    "054": "Grant diplomatic recognition",
    "055": "Apologize",
    "056": "Forgive",
    "057": "Sign formal agreement",
    "060": "Engage in material cooperation",
    "061": "Cooperate economically",
    "062": "Cooperate militarily",
    "063": "Engage in judicial cooperation",
    "064": "Share intelligence or information",
    "070": "Provide aid",
    "071": "Provide economic aid",
    "072": "Provide military aid",
    "073": "Provide humanitarian aid",
    "074": "Provide military protection or peacekeeping",
    "075": "Grant asylum",
    "080": "Yield",
    "081": "Ease administrative sanctions",
    "082": "Ease political dissent",
    "083": "Accede to requests or demands for political reform",
    "084": "Return, release",
    "085": "Ease economic sanctions, boycott, embargo",
    "086": "Allow international involvement",
    "087": "De-escalate military engagement",
    "090": "Investigate",
    "091": "Investigate crime, corruption",
    "092": "Investigate human rights abuses",
    "093": "Investigate military action",
    "094": "Investigate war crimes",
    "100": "Demand",
    "101": "Demand material cooperation",
    "102": "Demand diplomatic cooperation",
    "103": "Demand material aid",
    "104": "Demand political reform",
    "105": "Demand that target yields",
    "106": "Demand meeting, negotiation",
    "107": "Demand settling of dispute",
    "108": "Demand mediation",
    "110": "Disapprove",
    "111": "Criticize or denounce",
    "112": "Accuse",
    "113": "Rally opposition against",
    "114": "Complain officially",
    "115": "Bring lawsuit against",
    "116": "Find guilty or liable (legally)",
    "120": "Reject",
    "121": "Reject material cooperation",
    "122": "Reject request for material aid",
    "123": "Reject request for political reform",
    "124": "Refuse to yield",
    "125": "Reject proposal to meet, discuss, negotiate",
    "126": "Reject mediation",
    "127": "Reject plan, agreement to settle dispute",
    "128": "Defy norms, law",
    "129": "Veto",
    "130": "Threaten",
    "131": "Threaten non-force",
    "132": "Threaten with administrative sanctions",
    "133": "Threaten with political dissent, protest",
    "134": "Threaten to halt negotiations",
    "135": "Threaten to halt mediation",
    "136": "Threaten to halt international involvement",
    "137": "Threaten with repression",
    "138": "Threaten with military force",
    "139": "Give ultimatum",
    "140": "Engage in political dissent",
    "141": "Demonstrate or rally",
    "142": "Conduct hunger strike",
    "143": "Conduct strike or boycott",
    "144": "Obstruct passage, block",
    "145": "Protest violently, riot",
    "150": "Demonstrate military or police power",
    "151": "Increase police alert status",
    "152": "Increase military alert status",
    "153": "Mobilize or increase police power",
    "154": "Mobilize or increase armed forces",
    "160": "Reduce relations",
    "161": "Reduce or break diplomatic relations",
    "162": "Reduce or stop aid",
    "163": "Impose embargo, boycott, or sanctions",
    "164": "Halt negotiations",
    "165": "Halt mediation",
    "166": "Expel or withdraw",
    "170": "Coerce",
    "171": "Seize or damage property",
    "172": "Impose administrative sanctions",
    "173": "Arrest, detain, or charge with legal action",
    "174": "Expel or deport individuals",
    "175": "Use tactics of violent repression",
    "180": "Use unconventional violence",
    "181": "Abduct, hijack, or take hostage",
    "182": "Physically assault",
    "183": "Conduct suicide, car, or other non-military bombing",
    "184": "Use as human shield",
    "185": "Attempt to assassinate",
    "186": "Assassinate",
    "190": "Use conventional military force",
    "191": "Impose blockade, restrict movement",
    "192": "Occupy territory",
    "193": "Fight with small arms and light weapons",
    "194": "Fight with artillery and tanks",
    "195": "Employ aerial weapons",
    "196": "Violate ceasefire",
    "200": "Use unconventional mass violence",
    "201": "Engage in mass expulsion",
    "202": "Engage in mass killings",
    "203": "Engage in ethnic cleansing",
    "204": "Use weapons of mass destruction",
}
ROOTS = {c[:2] for c in CAMEO}

# Actor codes: country/bloc prefix + optional role (see GUIDELINE.md, "Actor codes").
ROLES = {
    "GOV",
    "MIL",
    "REB",
    "COP",
    "JUD",
    "LEG",
    "BUS",
    "MED",
    "EDU",
    "CVL",
    "REL",
    "NGO",
    "OPP",
    "PTY",
    "CRM",
    "RAD",
    "UAF",
    "SPY",
    "REF",
    "LAB",
    "HLH",
    "IGO",
}
GROUPS = {
    "IMGISI",
    "IMGAQD",
    "IMGNUS",
    "IGOUNO",
    "IGOASN",
    "IGOAFU",
}  # transnational groups / IGOs defined in the guideline (ASEAN and the African Union: v1.2)
ACTOR = re.compile(r"^(?P<cc>[A-Z]{3})(?P<role>[A-Z]{3})?$")

FACTUALITY = {"asserted", "negated", "future", "modal", "reported-claim"}
KINDS = {"direct", "indirect"}
COUNT_KEYS = {"killed", "injured", "arrested"}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2})$")

EVENT_FIELDS = (
    "code",
    "root",
    "trigger",
    "trigger_start",
    "trigger_end",
    "actor1",
    "actor1_code",
    "actor2",
    "actor2_code",
    "place",
    "date",
    "counts",
    "factuality",
    "sentence_index",
)
QUOTE_FIELDS = ("kind", "start", "end", "cue", "speaker", "speaker_refers_to")
DOC_FIELDS = ("indosum_id", "split", "published", "text_sha1", "events", "quotes")


def load_texts(indosum_dir: str, wanted: set[str]) -> dict[str, tuple[str, list, str | None]]:
    """Clean text, sentence spans and outlet for the wanted ids, exactly as warta builds them."""
    import warta
    from warta.sources.indosum import parse_line, to_raw

    out: dict[str, tuple[str, list, str | None]] = {}
    for path in sorted(glob.glob(os.path.join(indosum_dir, "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = parse_line(line)
                if rec.id not in wanted or rec.id in out:
                    continue
                raw = to_raw(rec)
                art = warta.parse(
                    raw.content,
                    url=raw.url,
                    published=raw.hints.get("published"),
                    stages=["sentences"],
                )
                out[rec.id] = (art.text, [(s.start, s.end) for s in art.sentences], rec.source)
    return out


def actor_code_ok(code: str) -> bool:
    if code == "" or code in GROUPS:
        return True
    m = ACTOR.match(code)
    return bool(m) and (m.group("role") is None or m.group("role") in ROLES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--indosum", required=True, help="folder with IndoSum dev.0*.jsonl")
    ap.add_argument("--gold", default=os.path.join(os.path.dirname(__file__), "gold.jsonl"))
    args = ap.parse_args(argv)

    errors: list[str] = []
    docs = [
        json.loads(line)
        for line in Path(args.gold).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    ids = [d.get("indosum_id") for d in docs]
    for dup, n in collections.Counter(ids).items():
        if n > 1:
            errors.append(f"{dup}: listed {n} times")
    texts = load_texts(args.indosum, set(ids))

    per_split = collections.defaultdict(lambda: collections.Counter())
    roots = collections.defaultdict(collections.Counter)
    kinds = collections.defaultdict(collections.Counter)
    outlets = collections.defaultdict(collections.Counter)
    facts = collections.Counter()
    resplit: set[str] = set()

    for d in docs:
        aid = d.get("indosum_id")
        where = aid
        for f in DOC_FIELDS:
            if f not in d:
                errors.append(f"{where}: missing field {f}")
        if aid not in texts:
            errors.append(f"{where}: not found in {args.indosum}")
            continue
        text, sents, outlet = texts[aid]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != d.get("text_sha1"):
            errors.append(f"{where}: clean text changed (sha1 mismatch); offsets may be stale")
        split = d.get("split")
        if split not in ("dev", "test"):
            errors.append(f"{where}: split {split!r}")
        per_split[split]["articles"] += 1
        outlets[split][outlet] += 1

        for i, e in enumerate(d.get("events", [])):
            w = f"{where} event {i}"
            for f in EVENT_FIELDS:
                if f not in e:
                    errors.append(f"{w}: missing {f}")
            code = e.get("code")
            if code not in CAMEO:
                errors.append(f"{w}: unknown CAMEO code {code!r}")
            if e.get("root") != (code or "")[:2] or e.get("root") not in ROOTS:
                errors.append(f"{w}: root {e.get('root')!r} does not match code {code!r}")
            s, t = e.get("trigger_start", -1), e.get("trigger_end", -1)
            if not (0 <= s < t <= len(text)) or text[s:t] != e.get("trigger"):
                errors.append(f"{w}: trigger {e.get('trigger')!r} != text[{s}:{t}]")
            si = e.get("sentence_index")
            if not isinstance(si, int) or si < 0:
                errors.append(f"{w}: sentence_index {si!r} is not a sentence number")
            elif not (si < len(sents) and sents[si][0] <= s < sents[si][1]):
                # The splitter changed since annotation. Not an error: the scorer places each
                # trigger by its offset in the system's own sentences; the stored index is kept
                # as annotated (the test gold is never rewritten).
                resplit.add(aid)
            for side in ("actor1", "actor2"):
                if not actor_code_ok(e.get(f"{side}_code", "")):
                    errors.append(f"{w}: bad {side}_code {e.get(f'{side}_code')!r}")
                name = e.get(side, "")
                if name and name not in text:
                    errors.append(f"{w}: {side} {name!r} not in text")
            if e.get("place") and e["place"] not in text:
                errors.append(f"{w}: place {e['place']!r} not in text")
            if e.get("date") and not DATE.match(e["date"]):
                errors.append(f"{w}: date {e['date']!r} is not TIMEX-like")
            counts = e.get("counts", {})
            if (
                not isinstance(counts, dict)
                or set(counts) - COUNT_KEYS
                or not all(isinstance(v, int) and v >= 0 for v in counts.values())
            ):
                errors.append(f"{w}: bad counts {counts!r}")
            if e.get("factuality") not in FACTUALITY:
                errors.append(f"{w}: factuality {e.get('factuality')!r}")
            per_split[split]["events"] += 1
            roots[split][e.get("root")] += 1
            facts[e.get("factuality")] += 1

        for i, q in enumerate(d.get("quotes", [])):
            w = f"{where} quote {i}"
            for f in QUOTE_FIELDS:
                if f not in q:
                    errors.append(f"{w}: missing {f}")
            s, t = q.get("start", -1), q.get("end", -1)
            if not (0 <= s < t <= len(text)):
                errors.append(f"{w}: span {s}:{t} outside the text")
            elif "text" in q and text[s:t] != q["text"]:
                errors.append(f"{w}: stored text differs from text[{s}:{t}]")
            elif text[s:t] != text[s:t].strip():
                errors.append(f"{w}: span has surrounding whitespace")
            if q.get("kind") not in KINDS:
                errors.append(f"{w}: kind {q.get('kind')!r}")
            spk = q.get("speaker", "")
            if spk and spk != "-nya" and spk not in text:
                errors.append(f"{w}: speaker {spk!r} not in text")
            if not q.get("speaker_refers_to"):
                errors.append(f"{w}: speaker_refers_to is empty")
            per_split[split]["quotes"] += 1
            kinds[split][q.get("kind")] += 1

    dev, test = per_split["dev"], per_split["test"]
    if dev["articles"] < 50:
        errors.append(f"dev split has {dev['articles']} articles, expected >= 50")
    if test["articles"] < 60:
        errors.append(f"test split has {test['articles']} articles, expected >= 60")
    if test["events"] < 150:
        errors.append(f"test split has {test['events']} events, expected >= 150")
    if test["quotes"] < 100:
        errors.append(f"test split has {test['quotes']} quotes, expected >= 100")

    for split in ("dev", "test"):
        c = per_split[split]
        print(f"[{split}] articles={c['articles']} events={c['events']} quotes={c['quotes']}")
        print("  events by root: " + ", ".join(f"{r}:{n}" for r, n in sorted(roots[split].items())))
        print("  quotes by kind: " + ", ".join(f"{k}:{n}" for k, n in sorted(kinds[split].items())))
        print(
            "  articles by outlet: "
            + ", ".join(f"{o}:{n}" for o, n in sorted(outlets[split].items()))
        )
    print("factuality: " + ", ".join(f"{k}:{n}" for k, n in sorted(facts.items())))
    if resplit:
        print(f"note: {len(resplit)} article(s) split into sentences differently from when they "
              "were annotated (sentence_index stale; triggers are placed by offset): "
              + ", ".join(sorted(resplit)))

    for err in errors:
        print("ERROR", err, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
