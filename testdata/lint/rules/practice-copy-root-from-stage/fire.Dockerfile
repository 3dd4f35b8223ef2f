FROM ruby:3.3-slim AS build
RUN gem install rake
FROM ruby:3.3-slim
COPY --from=build / /
