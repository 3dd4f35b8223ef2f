FROM public.ecr.aws/lambda/ruby:3.3
ENTRYPOINT ["lambda-entrypoint.sh"]
CMD ["app.handler"]
