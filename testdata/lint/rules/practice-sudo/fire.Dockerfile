FROM debian:12
RUN apt-get update && \
    sudo make install
