FROM ruby:3.3-slim
RUN useradd -m deploy
COPY --chown=deploy:deploy . /app
COPY --chown=1000:1000 . /srv
COPY --chown=www-data . /var/www
