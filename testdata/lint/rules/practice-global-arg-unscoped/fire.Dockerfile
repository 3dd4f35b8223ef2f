ARG APP_ENV=production
FROM ruby:3.3-slim
RUN echo "building for $APP_ENV"
