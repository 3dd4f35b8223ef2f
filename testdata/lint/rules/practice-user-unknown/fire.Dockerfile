FROM ruby:3.3-slim
RUN useradd -m deploy
USER app
