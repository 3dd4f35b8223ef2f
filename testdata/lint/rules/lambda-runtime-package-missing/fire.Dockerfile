FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3.1.3
USER app
CMD ["handlers/controller.lambda_handler"]
