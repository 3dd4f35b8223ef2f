FROM ruby:3.3-slim AS build
RUN gem install aws_lambda_ric -v 3.1.3
FROM ruby:3.3-slim
COPY --from=build /usr/local/bundle /usr/local/bundle
USER app
ENTRYPOINT ["/usr/local/bundle/bin/aws_lambda_ric"]
CMD ["app.handler"]
