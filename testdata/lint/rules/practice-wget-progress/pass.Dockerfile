FROM debian:12
RUN wget --progress=dot:giga https://example.com/x.tgz \
 && wget -q https://example.com/y.tgz
