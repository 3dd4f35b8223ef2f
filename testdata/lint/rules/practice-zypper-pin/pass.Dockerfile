FROM opensuse/leap:15
RUN zypper -n install git=2.35 && zypper clean
