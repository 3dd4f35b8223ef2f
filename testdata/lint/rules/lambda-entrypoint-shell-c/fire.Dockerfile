FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3.1.3
WORKDIR /app
COPY app.rb ./
USER nobody
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["aws_lambda_ric app.handler"]
