"""CAMEO codes the actors decide, after the trigger has given one.

The lexicon gives a trigger its code ("menembak" 193, "menangkap" 173); who acts on whom can
change it: an armed state fights (19x) where gunmen attack (180), troops firing on civilians
repress (175), an expelled diplomat cuts relations (161), citizens holding a thief coerce (170).
And only people are arrested: goods "secured" are seized (171). The decisions follow
``eval/GUIDELINE.md`` section 3.
"""

from __future__ import annotations

import re

from warta.model import Actor, Entity
from warta.nlp.event_lexicon import lexicon

__all__ = ["CAMEO_ROOTS", "RECODED_LABELS", "RECODED_PLOVER", "can_be_held", "recode"]

#: The twenty CAMEO root codes: (English name, Indonesian gloss), for reports and the web UI.
CAMEO_ROOTS: dict[str, tuple[str, str]] = {
    "01": ("Make public statement", "Membuat pernyataan publik"),
    "02": ("Appeal", "Mengimbau"),
    "03": ("Express intent to cooperate", "Menyatakan niat bekerja sama"),
    "04": ("Consult", "Berkonsultasi"),
    "05": ("Engage in diplomatic cooperation", "Kerja sama diplomatik"),
    "06": ("Engage in material cooperation", "Kerja sama material"),
    "07": ("Provide aid", "Memberi bantuan"),
    "08": ("Yield", "Mengalah"),
    "09": ("Investigate", "Menyelidiki"),
    "10": ("Demand", "Menuntut"),
    "11": ("Disapprove", "Mengecam"),
    "12": ("Reject", "Menolak"),
    "13": ("Threaten", "Mengancam"),
    "14": ("Protest", "Memprotes"),
    "15": ("Exhibit force posture", "Unjuk kekuatan"),
    "16": ("Reduce relations", "Mengurangi hubungan"),
    "17": ("Coerce", "Memaksa"),
    "18": ("Assault", "Menyerang"),
    "19": ("Fight", "Bertempur"),
    "20": ("Use unconventional mass violence", "Kekerasan massal tak konvensional"),
}

# Labels and PLOVER types of the codes an event can be recoded to (CAMEO codebook, CAMEO→PLOVER).
RECODED_LABELS = {"180": "Use unconventional violence", "175": "Use tactics of violent repression",
                  "161": "Reduce or break diplomatic relations", "170": "Coerce"}
RECODED_PLOVER = {"175": "coerce", "180": "assault", "030": "agree", "033": "agree",
                  "036": "consult", "138": "threaten", "161": "reduce", "170": "coerce"}


def recode(code: str, source: Actor | None, target: Actor | None) -> str:
    """CAMEO keeps conventional military force (19) for armed forces and states; an attack by
    gunmen, criminals or a mob is unconventional violence (18); troops or police firing on
    civilians or protesters is violent repression (175, eval/GUIDELINE.md 3.1)."""
    if (code[:2] == "19" and source is not None and source.code is not None
            and source.code.endswith(("MIL", "COP")) and target is not None
            and target.code is not None and target.code.endswith("CVL")):
        return "175"
    if code == "173" and source is not None and source.code is not None and source.code.endswith(
            "CVL"):
        return "170"  # citizens holding a thief or an attacker coerce; only authorities arrest
    if code == "174" and target is not None and target.code is not None and target.code.endswith(
            "GOV"):
        return "161"  # an expelled ambassador or diplomat: relations are cut, not a person
    if code == "193" and source is not None and (source.code is None or not _armed(
            source.code)):
        return "180"  # gunmen or criminals firing: unconventional violence, like an attack
    if code not in ("190", "193"):
        return code
    if (source is not None and target is not None and target.code is not None
            and (target.code.endswith(("MIL", "REB")) or target.code.startswith("IMG"))):
        # A battle: whoever takes on an army, rebels or a militant group fights a war, not a
        # one-off attack (an attack on a police post stays 180, eval/GUIDELINE.md 3.1).
        return code
    if source is None or source.code is None:
        # No attacker named: fighting against militants is the state's (ISIS "terbunuh dalam
        # serangan"), an attack on anyone else is by unidentified gunmen or militants
        # (eval/GUIDELINE.md 3.1: 19x needs state forces, police against suspects included).
        against_militants = target is not None and target.code is not None and (
            target.code.startswith("IMG") or target.code.endswith(("REB", "RAD", "UAF")))
        return code if against_militants else "180"
    return code if _armed(source.code) else "180"


# Suspects are named by their initials ("YIK", "YH"), which the tagger takes for acronyms.
_INITIALS = re.compile(r"^[A-Z]{2,4}$")


def can_be_held(text: str, entity: Entity | None, code: str | None) -> bool:
    """Whether an actor (as written, its entity, its actor code) can be the one arrested or
    detained: a person or a group of people, not an organisation or place the dictionaries
    know, a country as such, or goods."""
    if entity is not None and entity.type != "PER" and not _INITIALS.match(text):
        return False
    if code is not None and len(code) == 3:
        return False
    return lexicon().not_held_re.match(text) is None


def _armed(code: str) -> bool:
    """A state: its forces, police or government, or the country as such."""
    return code.endswith(("MIL", "GOV", "COP")) or len(code) == 3
