FROM --platform=linux/arm64 public.ecr.aws/lambda/ruby:3.3
CMD ["app.handler"]
