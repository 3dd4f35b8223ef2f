## mk/gemfile.mk - included by Makefile.am; owned by the gemfile work.
