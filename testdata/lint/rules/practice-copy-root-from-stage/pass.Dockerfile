FROM ruby:3.3-slim AS build
RUN gem install rake
FROM ruby:3.3-slim
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY / /srv/
