FROM ruby:3.3-slim
WORKDIR /app
COPY Gemfile app/main.rb ./
COPY app/secret.key ./
