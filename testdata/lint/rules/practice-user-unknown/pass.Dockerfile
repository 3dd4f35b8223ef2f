FROM ruby:3.3-slim
RUN useradd -m deploy
USER deploy
USER nobody
USER 1000:1000
FROM node:20-alpine
USER node
# A base image dockwright does not know may have the user.
FROM corp/base:1
USER app
# A package may create its user.
FROM debian:12
RUN apt-get install -y redis-server
USER redis
