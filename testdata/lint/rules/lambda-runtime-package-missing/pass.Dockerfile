FROM ruby:3.3-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
RUN gem install aws_lambda_ric -v 3.1.3
USER app
CMD ["handlers/controller.lambda_handler"]
