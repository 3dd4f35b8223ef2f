FROM public.ecr.aws/lambda/ruby:3.3
COPY Gemfile Gemfile.lock app.rb ${LAMBDA_TASK_ROOT}/
RUN bundle install
ENTRYPOINT ["bundle", "exec"]
CMD ["app.handler"]
