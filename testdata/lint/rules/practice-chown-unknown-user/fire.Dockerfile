FROM ruby:3.3-slim
COPY --chown=deploy:deploy . /app
RUN useradd -m deploy
