FROM debian:12
ARG greeting=hi
RUN echo "$greeting" && echo "${HOME}"
