"""The web UI's labels in Indonesian (the default) and English.

The language comes from ``?lang=id|en`` (which also sets a cookie), else the ``lang`` cookie,
else Indonesian. A label missing from a language falls back to its key, so a gap shows as an
English-looking word rather than an error.
"""

from __future__ import annotations

from warta.nlp.event_codes import CAMEO_ROOTS

LANGUAGES = ("id", "en")
DEFAULT = "id"

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "search": "Cari", "search_placeholder": "Cari berita, mis. Assad atau \"kota Deir\"",
        "articles": "Artikel", "entities": "Entitas", "events": "Peristiwa", "quotes": "Kutipan",
        "outlet": "Media", "month": "Bulan", "entity": "Entitas", "topic": "Topik",
        "from": "Dari", "to": "Sampai", "type": "Jenis", "any": "semua",
        "results": "hasil", "no_results": "Tidak ada artikel yang cocok.",
        "newest": "Artikel terbaru", "next": "Berikutnya", "previous": "Sebelumnya",
        "published": "Terbit", "updated": "Diperbarui", "authors": "Penulis",
        "dateline": "Dateline", "url": "URL", "language": "Bahasa", "images": "Foto",
        "attributions": "Sumber yang dikutip", "metadata": "Metadata", "times": "Waktu",
        "summary": "Ringkasan", "duplicate_of": "Salinan dari", "warnings": "Peringatan",
        "same_story": "Berita yang sama",
        "mentions_per_day": "Penyebutan per hari", "co_mentions": "Sering disebut bersama",
        "titles": "Gelar dan jabatan", "spellings": "Ejaan", "first_seen": "Pertama muncul",
        "last_seen": "Terakhir muncul", "mentions": "penyebutan", "map": "Peta peristiwa",
        "world": "Dunia", "indonesia": "Indonesia", "filter": "Saring",
        "cameo_root": "Kode CAMEO", "actor": "Aktor", "place": "Tempat", "date": "Tanggal",
        "speaker": "Pembicara", "cue": "Kata kerja", "trigger": "Pemicu",
        "counts": "Jumlah", "confidence": "Keyakinan", "no_events": "Tidak ada peristiwa.",
        "min_confidence": "Keyakinan minimal",
        "no_quotes": "Tidak ada kutipan.", "no_entities": "Tidak ada entitas.",
        "no_places": "Tidak ada tempat dengan koordinat.", "legend": "Keterangan",
        "PER": "Orang", "ORG": "Organisasi", "LOC": "Lokasi", "GPE": "Wilayah",
        "EVT": "Peristiwa", "MISC": "Lainnya", "quote": "Kutipan", "time": "Waktu",
        "error": "Galat", "home": "Beranda", "language_switch": "English",
        "stats": "Statistik", "articles_per_day": "Artikel per hari",
        "api": "API (OpenAPI)", "store": "Isi basis data", "name": "Nama",
        "events_place": "peristiwa", "text": "Teks",
    },
    "en": {
        "search": "Search", "search_placeholder": "Search the news, e.g. Assad or \"kota Deir\"",
        "articles": "Articles", "entities": "Entities", "events": "Events", "quotes": "Quotes",
        "outlet": "Outlet", "month": "Month", "entity": "Entity", "topic": "Topic",
        "from": "From", "to": "To", "type": "Type", "any": "any",
        "results": "results", "no_results": "No article matches.",
        "newest": "Newest articles", "next": "Next", "previous": "Previous",
        "published": "Published", "updated": "Updated", "authors": "Authors",
        "dateline": "Dateline", "url": "URL", "language": "Language", "images": "Images",
        "attributions": "Sources cited", "metadata": "Metadata", "times": "Times",
        "summary": "Summary", "duplicate_of": "Copy of", "warnings": "Warnings",
        "same_story": "Same story",
        "mentions_per_day": "Mentions per day", "co_mentions": "Named alongside",
        "titles": "Titles and roles", "spellings": "Spellings", "first_seen": "First seen",
        "last_seen": "Last seen", "mentions": "mentions", "map": "Map of events",
        "world": "World", "indonesia": "Indonesia", "filter": "Filter",
        "cameo_root": "CAMEO code", "actor": "Actor", "place": "Place", "date": "Date",
        "speaker": "Speaker", "cue": "Cue verb", "trigger": "Trigger",
        "counts": "Counts", "confidence": "Confidence", "no_events": "No events.",
        "min_confidence": "Minimum confidence",
        "no_quotes": "No quotes.", "no_entities": "No entities.",
        "no_places": "No places with coordinates.", "legend": "Legend",
        "PER": "Person", "ORG": "Organisation", "LOC": "Location", "GPE": "Region",
        "EVT": "Event", "MISC": "Other", "quote": "Quote", "time": "Time",
        "error": "Error", "home": "Home", "language_switch": "Bahasa Indonesia",
        "stats": "Statistics", "articles_per_day": "Articles per day",
        "api": "API (OpenAPI)", "store": "In the database", "name": "Name",
        "events_place": "events", "text": "Text",
    },
}


class Labels:
    """``labels.search`` or ``labels["PER"]`` in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self._table = LABELS[self.lang]

    def __getitem__(self, key: str) -> str:
        return self._table.get(key, key)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def cameo(self, root: str) -> str:
        english, indonesian = CAMEO_ROOTS.get(root, (root, root))
        return english if self.lang == "en" else indonesian

    @property
    def other(self) -> str:
        return "en" if self.lang == "id" else "id"


__all__ = ["CAMEO_ROOTS", "DEFAULT", "LABELS", "LANGUAGES", "Labels"]
