"""Award history (tra cứu khen thưởng, issue 17 part 8): the province's decided awards and
the awards lower levels make under their own authority (plan III.2.2.d), searched
together. The model is :class:`models.LowerLevelAward`; every reader goes through
:mod:`dossiers.history.selectors`."""
