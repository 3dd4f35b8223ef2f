FROM fedora:40
RUN dnf install git && dnf clean all
