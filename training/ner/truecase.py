"""Restore capitals in NERP's lowercased training sentences (case augmentation).

Each word takes its most frequent mid-sentence form in the cased corpus; words inside a gold entity
that the corpus does not know as capitalised are title-cased unless they are function words
(``dan``, ``di``, ``of`` …, written lowercase mid-sentence most of the time), and the first word of
the sentence gets a capital. Only training sentences are recased, using their gold labels; the
evaluation reads NERP's test text as it is, lowercased.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable


class Truecaser:
    def __init__(self, cased: Iterable[list[str]]) -> None:
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for tokens in cased:
            for token in tokens[1:]:
                forms[token.lower()][token] += 1
        self.best = {lower: counts.most_common(1)[0][0] for lower, counts in forms.items()}

    def sentence(self, tokens: list[str], tags: list[str]) -> list[str]:
        out: list[str] = []
        for i, (token, tag) in enumerate(zip(tokens, tags, strict=True)):
            form = self.best.get(token, token)
            inside = tag != "O"
            if inside and form == token and token.isalpha() and (
                token not in self.best or len(token) > 3
            ):
                form = token[:1].upper() + token[1:]
            if i == 0:
                form = form[:1].upper() + form[1:]
            out.append(form)
        return out
