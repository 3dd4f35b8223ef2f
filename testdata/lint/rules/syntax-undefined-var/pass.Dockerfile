FROM alpine:3.19
ARG SRC=.
ENV DIR=/app
COPY $SRC $DIR/
WORKDIR $HOME
ENV RAILS_ENV=${RAILS_ENV:-production} ASSETS=${SKIP_ASSETS:+no}
RUN echo "${NODE_ENV-development}"
