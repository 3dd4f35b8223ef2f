FROM debian:12
WORKDIR /opt
ADD vendor/tool-1.2.tar.gz /opt/
COPY backup.tar.gz /srv/
RUN tar -czf /tmp/x.tar.gz /etc
COPY backup.tar.gz /srv/
RUN tar -czf /srv/backup.tar.gz /etc
