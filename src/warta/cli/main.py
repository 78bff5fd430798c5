"""Placeholder replaced by the real CLI in the foundation commit."""


def main() -> None:
    raise SystemExit("warta: CLI not built yet")
