FROM alpine:3.19
ARG PUBLIC_KEY
ARG TOKEN_FILE
# A GPG key id is a public fingerprint.
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
ARG NODE_GPG_KEY_ID
# A gem server credential in a builder stage does not ship.
FROM ruby:3.3 AS build
ARG BUNDLE_GEMS__CONTRIBSYS__COM
RUN bundle install
FROM ruby:3.3
COPY --from=build /usr/local/bundle /usr/local/bundle
