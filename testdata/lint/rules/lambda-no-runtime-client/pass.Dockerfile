FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3.1.3
USER app
ENTRYPOINT ["/usr/local/bundle/bin/aws_lambda_ric"]
CMD ["app.handler"]
