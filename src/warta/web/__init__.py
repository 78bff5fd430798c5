"""The web UI: server-rendered pages, one stylesheet, one small script, SVG charts and maps.

Served by :func:`warta.server.create_app`; nothing here is fetched from another host.
"""
