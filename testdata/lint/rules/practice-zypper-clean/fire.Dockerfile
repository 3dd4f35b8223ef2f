FROM opensuse/leap:15
RUN zypper -n install git
