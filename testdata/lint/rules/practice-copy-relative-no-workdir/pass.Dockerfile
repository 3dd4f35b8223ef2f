FROM ruby:3.3-slim AS base
WORKDIR /app
FROM base
COPY Gemfile Gemfile.lock ./
FROM public.ecr.aws/lambda/ruby:3.3
COPY app.rb ./
FROM corp/base:1
COPY app.rb ./
