FROM public.ecr.aws/lambda/ruby:3.3
CMD app.handler
