FROM ruby:3.3-slim AS build
RUN gem install aws_lambda_ric -v 3.1.3
WORKDIR /app
COPY . .
RUN bundle config set --local path vendor/bundle && bundle install

FROM ruby:3.3-slim
WORKDIR /app
COPY --from=build /usr/local/bundle /usr/local/bundle
COPY --from=build /app /app
USER nobody
ENTRYPOINT ["/usr/local/bundle/bin/aws_lambda_ric"]
CMD ["app.handler"]
