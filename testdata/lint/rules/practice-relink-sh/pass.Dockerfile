FROM debian:12
SHELL ["/bin/bash", "-c"]
RUN ln -s /usr/bin/python3 /usr/local/bin/python
