FROM ruby:3.3-slim
RUN gem install aws_lambda_ric -v 3.1.3
WORKDIR /app
COPY app.rb ./
USER nobody
ENTRYPOINT ["${GEM_HOME}/bin/aws_lambda_ric"]
CMD ["app.handler"]
