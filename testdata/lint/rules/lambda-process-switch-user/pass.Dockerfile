FROM ruby:3.3-slim
WORKDIR /var/task
COPY app.rb ./
RUN gem install aws_lambda_ric:3.0.0 && useradd -u 1000 app
USER app
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/bin/env", "RUBYOPT=-W0", "/usr/local/bundle/bin/aws_lambda_ric"]
CMD ["app.handler"]
