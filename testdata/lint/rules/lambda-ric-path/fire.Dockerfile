FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3
WORKDIR /app
COPY . .
USER nobody
ENTRYPOINT ["/usr/local/bin/aws_lambda_ric"]
CMD ["app.handler"]
