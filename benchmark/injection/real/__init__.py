"""Spam on real pages: the injection attacks of hacked sites, on real page structure.

Modules, in the order data flows through them:

- ``spam_bank`` / ``spam_heldout``: the spam texts (training, and held out for ``scan``);
- ``spamtext``: rendering them as link markup (``SpamSource``);
- ``source``: real pages with their per-token labels (``select_sources``);
- ``dom``: a page opened for injection, its sites, and the gold derived after it;
- ``attacks``: the taxonomy (``ATTACKS``), one seeded DOM transformation each;
- ``build``: one page x attack x level (``inject``), the level planner;
- ``corpus``: every variant in a cached folder, as a ``Corpus`` (``build_corpus``);
- ``figures`` / ``detector``: curves, the seed's measure, ``scan``'s detector;
- ``report``: the files of ``results/injection-real/``;
- ``experiment``: all of it, as ``make injection-real`` runs it
  (``run_injection_real``).
"""
