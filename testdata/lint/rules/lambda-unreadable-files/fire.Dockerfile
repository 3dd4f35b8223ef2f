FROM public.ecr.aws/lambda/ruby:3.3
COPY . .
RUN chmod -R go-rwx /var/task
CMD ["app.handler"]
