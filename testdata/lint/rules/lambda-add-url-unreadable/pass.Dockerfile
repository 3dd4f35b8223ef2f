FROM public.ecr.aws/lambda/ruby:3.3
ADD --chmod=644 https://example.com/certs/rds.pem /opt/rds.pem
ADD https://example.com/certs/ca.pem /opt/ca.pem
RUN chmod a+r /opt/ca.pem
COPY app.rb ${LAMBDA_TASK_ROOT}/
CMD ["app.handler"]
