## mk/fuzz.mk - included by Makefile.am; owned by the fuzz work.
