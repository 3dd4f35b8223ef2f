# syntax=docker/dockerfile:1
FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3.1.3
WORKDIR /app
COPY app.rb ./
COPY <<EOF /usr/local/bin/lambda-start
#!/bin/sh
exec /usr/local/bundle/bin/aws_lambda_ric "$@"
EOF
USER nobody
ENTRYPOINT ["/usr/local/bin/lambda-start"]
CMD ["app.handler"]
