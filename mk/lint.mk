## mk/lint.mk - included by Makefile.am; owned by the lint work.
