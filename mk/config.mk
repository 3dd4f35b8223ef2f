## mk/config.mk - included by Makefile.am; owned by the config work.
