## mk/gen.mk - included by Makefile.am; owned by the gen work.
