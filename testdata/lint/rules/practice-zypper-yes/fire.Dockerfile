FROM opensuse/leap:15
RUN zypper install git && zypper clean
