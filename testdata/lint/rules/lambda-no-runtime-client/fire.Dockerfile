FROM ruby:3.3-slim
WORKDIR /app
USER app
CMD ["app.handler"]
