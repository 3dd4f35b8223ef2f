FROM debian:12
RUN echo it's done \
 && true
