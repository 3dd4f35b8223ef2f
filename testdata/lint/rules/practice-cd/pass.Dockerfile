FROM debian:12
WORKDIR /tmp
RUN make
