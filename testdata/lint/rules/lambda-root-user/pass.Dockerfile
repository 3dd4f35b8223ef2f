FROM public.ecr.aws/lambda/ruby:3.3
USER nobody
CMD ["app.handler"]
