## mk/driver.mk - included by Makefile.am; owned by the driver work.
