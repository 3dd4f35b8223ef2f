FROM public.ecr.aws/lambda/ruby:3.3
ENV _HANDLER=app.handler
CMD ["app.handler"]
