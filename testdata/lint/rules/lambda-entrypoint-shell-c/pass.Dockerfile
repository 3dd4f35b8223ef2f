FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3.1.3
WORKDIR /app
COPY app.rb ./
USER nobody
# The script starts the client; the handler after it reaches it as _HANDLER.
ENTRYPOINT ["/bin/sh", "-c", "exec /usr/local/bundle/bin/aws_lambda_ric"]
CMD ["app.handler"]
