FROM public.ecr.aws/lambda/ruby:3.3
ENV _HANDLER=other.handler
CMD ["app.handler"]
