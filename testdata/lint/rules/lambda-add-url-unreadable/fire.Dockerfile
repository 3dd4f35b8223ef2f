FROM public.ecr.aws/lambda/ruby:3.3
ADD https://example.com/certs/rds.pem /opt/rds.pem
COPY app.rb ${LAMBDA_TASK_ROOT}/
CMD ["app.handler"]
