"""Screens of the dossiers: thin views over selectors (reads) and services (writes).

Every view starts from :func:`selectors.dossiers_visible_to`, so a dossier the user
may not see is a 404 whatever the URL; what the user may *do* is the workflow's.

One module per screen: :mod:`.lists` (a proposer's list, the province's queue, bulk
moves), :mod:`.dossier` (creating, editing, the dossier page), :mod:`.nominees`,
:mod:`.uploads`, :mod:`.review` (workflow moves and the Ban TĐKT's judgement) and
:mod:`.notifications`; :mod:`.common` holds what they share.
"""
