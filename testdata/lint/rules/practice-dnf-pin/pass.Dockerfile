FROM fedora:40
RUN dnf install -y git-2.45.0 && dnf clean all
