FROM opensuse/leap:15
RUN zypper -n dist-upgrade
