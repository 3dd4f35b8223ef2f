FROM ruby:3.3-slim
WORKDIR /app
COPY Gemfile Gemfile.lock ./
COPY app/*.rb ./app/
