FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/x | sh
RUN set -o pipefail && a | b
FROM debian:12
RUN echo "$SHA256 *python.tar.xz" | sha256sum -c -
