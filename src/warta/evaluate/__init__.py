"""Measurements of warta against public data sets: ROUGE for summaries, accuracy and macro-F1
for topics. Each module has a ``main()`` so ``python -m warta.evaluate.<name>`` runs it."""
