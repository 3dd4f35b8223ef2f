FROM debian:12
RUN echo $undefined_name
