FROM public.ecr.aws/lambda/ruby:3.3
COPY . .
RUN chmod -R a+rX /var/task
CMD ["app.handler"]
