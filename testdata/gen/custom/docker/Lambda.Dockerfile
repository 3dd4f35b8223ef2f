FROM public.ecr.aws/lambda/ruby:3.3
COPY . ${LAMBDA_TASK_ROOT}
CMD ["app.handler"]
