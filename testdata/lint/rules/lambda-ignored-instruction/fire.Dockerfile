FROM public.ecr.aws/lambda/ruby:3.3
EXPOSE 8080
CMD ["app.handler"]
