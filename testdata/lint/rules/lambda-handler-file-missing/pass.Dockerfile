FROM public.ecr.aws/lambda/ruby:3.3
CMD ["handlers/controller.lambda_handler"]
