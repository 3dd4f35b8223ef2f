FROM ruby:3.3-slim
WORKDIR /app
COPY Gemfile ./
COPY app/ ./app/
COPY app/*.* ./app/
