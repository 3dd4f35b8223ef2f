FROM debian:12
RUN apt-get update \
 && wget https://example.com/x.tgz
