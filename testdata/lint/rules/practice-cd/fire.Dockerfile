FROM debian:12
RUN cd /tmp && make
