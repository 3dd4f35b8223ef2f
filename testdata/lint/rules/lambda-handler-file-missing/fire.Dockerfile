FROM public.ecr.aws/lambda/ruby:3.3
COPY handlers/ ${LAMBDA_TASK_ROOT}/handlers/
CMD ["handlers/missing.handler"]
