FROM ruby:3.3-slim
WORKDIR /app
COPY Gemfile Gemfile.lock app.rb ./
RUN bundle install
USER nobody
ENTRYPOINT ["/usr/local/bin/bundle", "exec", "aws_lambda_ric"]
CMD ["app.handler"]
