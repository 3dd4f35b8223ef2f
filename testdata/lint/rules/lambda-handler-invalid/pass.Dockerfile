FROM public.ecr.aws/lambda/ruby:3.3
COPY app.rb ./
CMD ["app.handler"]
