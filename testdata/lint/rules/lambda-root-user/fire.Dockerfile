FROM public.ecr.aws/lambda/ruby:3.3
USER root
CMD ["app.handler"]
